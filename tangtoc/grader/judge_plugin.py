"""pytest plugin of the grader's judge: stream each test's record to the grader as it finishes.

Loaded with `-p tangtoc.grader.judge_plugin --judge-fd N`. The records are those of the
course's own ResultCollector (same outcome, message and properties as `tangtoc check`), sent
as JSON lines over a pipe inherited from the grader instead of a file: the runner processes
that run student code do not inherit it (close_fds), the judge makes itself non-dumpable so
they cannot reopen it through /proc, and a test that hangs still leaves the earlier records.
Each record carries the test's status as the course's plugin observed it (tangtoc.records).
"""

import json
import os

from tangtoc import processes
from tangtoc.pytest_plugin import ResultCollector


def pytest_addoption(parser):
    parser.getgroup("tangtoc").addoption("--judge-fd", type=int, default=None,
                                         help="grader only: stream test records to this fd")


def pytest_configure(config):
    fd = config.getoption("judge_fd")
    if fd is None:
        return
    processes.prctl(processes.PR_SET_DUMPABLE, 0)
    config.pluginmanager.register(StreamingCollector(os.fdopen(fd, "w", encoding="utf-8",
                                                                 errors="backslashreplace")),
                                  "tangtoc-judge-stream")


class StreamingCollector(ResultCollector):
    def __init__(self, stream):
        super().__init__(os.devnull)
        self.stream = stream

    def send(self, message: dict) -> None:
        self.stream.write(json.dumps(message, ensure_ascii=False, default=str) + "\n")
        self.stream.flush()

    def pytest_collection_finish(self, session):
        self.send({"collected": [
            {"nodeid": item.nodeid, "speed": item.get_closest_marker("speed") is not None}
            for item in session.items
        ]})

    def pytest_runtest_logfinish(self, nodeid, location):
        self.close(nodeid)
        if nodeid in self.records:
            self.send({"record": self.records[nodeid].to_dict()})

    def pytest_sessionfinish(self, session, exitstatus):
        self.send({"finished": int(exitstatus)})
