pytest_plugins = ["tangtoc.pytest_plugin"]
