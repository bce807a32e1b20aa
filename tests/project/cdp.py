"""A small Chrome DevTools Protocol client for the browser test, with no dependency.

Chromium is started with --remote-debugging-pipe: it reads commands from its file descriptor 3
and writes replies and events to its descriptor 4, as JSON messages ended by a NUL byte. That is
all the protocol needs; no websocket library, no chromedriver, no browser download.
"""

import base64
import fcntl
import itertools
import json
import os
import subprocess
import threading
import time
from pathlib import Path

# Without the background-networking flags chromium keeps trying to reach Google's servers,
# which fills the log with refused connections on a machine without internet.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--remote-debugging-pipe",
]


class ProtocolError(RuntimeError):
    pass


def _high_fd(fd: int) -> int:
    """A close-on-exec copy of fd numbered 10 or more, so dup2 onto 3 and 4 cannot clash."""
    copy = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return copy


class Browser:
    def __init__(self, executable: str, profile: Path, width: int = 1280, height: int = 900,
                 log: Path | None = None):
        to_child, self._to_browser = (_high_fd(fd) for fd in os.pipe())
        self._from_browser, from_child = (_high_fd(fd) for fd in os.pipe())

        def child_pipes():  # runs in the child between fork and exec
            os.dup2(to_child, 3)
            os.dup2(from_child, 4)

        stderr = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
            preexec_fn=child_pipes, pass_fds=(3, 4),
        )
        if log:
            stderr.close()
        os.close(to_child)
        os.close(from_child)
        self._ids = itertools.count(1)
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_browser, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self._changed:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self.events.append(message)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def call(self, method: str, session: str | None = None, timeout: float = 30, **params):
        """Send a command and wait for its reply; return its result or raise ProtocolError."""
        number = next(self._ids)
        message = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        with self._changed:
            if not self._changed.wait_for(
                    lambda: number in self._replies or not self._reader.is_alive(), timeout):
                raise ProtocolError(f"{method}: no reply in {timeout} s")
            if number not in self._replies:
                raise ProtocolError(f"{method}: the browser closed the pipe")
            reply = self._replies.pop(number)
        if "error" in reply:
            raise ProtocolError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_for_event(self, predicate, timeout: float = 30) -> dict:
        with self._changed:
            found = []

            def seen() -> bool:
                found[:] = [event for event in self.events if predicate(event)]
                return bool(found)

            if not self._changed.wait_for(seen, timeout):
                raise ProtocolError(f"no matching event in {timeout} s")
            return found[0]

    def new_page(self) -> "Page":
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Log", "DOM"):
            self.call(f"{domain}.enable", session)
        return page

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
            self.process.wait(timeout=10)
        except (ProtocolError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._to_browser)
            self._reader.join(timeout=5)
            os.close(self._from_browser)


KEYS = {"Enter": (13, "\r"), " ": (32, " "), "Tab": (9, ""), "ArrowDown": (40, "")}


class Page:
    def __init__(self, browser: Browser, session: str):
        self.browser = browser
        self.session = session
        self._since = 0  # index into browser.events where the current document's events start

    def call(self, method: str, **params):
        return self.browser.call(method, self.session, **params)

    def goto(self, url: str, timeout: float = 30) -> None:
        self._since = len(self.browser.events)
        self.call("Page.navigate", url=url)
        start = self._since
        self.browser.wait_for_event(
            lambda event: event.get("sessionId") == self.session
            and event["method"] == "Page.loadEventFired"
            and self.browser.events.index(event) >= start, timeout)

    def settle(self, quiet: float = 0.3, timeout: float = 5) -> None:
        """Wait until the page has sent no event for `quiet` seconds (late loads, late errors)."""
        deadline = time.monotonic() + timeout
        count = -1
        while time.monotonic() < deadline and count != len(self.events()):
            count = len(self.events())
            time.sleep(quiet)

    def events(self) -> list[dict]:
        return [event for event in self.browser.events[self._since:]
                if event.get("sessionId") == self.session]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads since the last navigation."""
        found = []
        for event in self.events():
            params = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(details.get("exception", {}).get("description") or details["text"])
            elif event["method"] == "Runtime.consoleAPICalled" and params["type"] in (
                    "error", "assert"):
                found.append(" ".join(str(arg.get("value", arg.get("description", "")))
                                      for arg in params["args"]))
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                entry = params["entry"]
                found.append(f"{entry['text']} {entry.get('url', '')}".strip())
        return found

    def evaluate(self, expression: str, timeout: float = 30):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True, timeout=timeout * 1000)
        if "exceptionDetails" in result:
            raise ProtocolError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 20, message: str = ""):
        """Evaluate expression until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(message or f"still false after {timeout} s: {expression}")

    def press(self, key: str) -> None:
        """Press and release a key (Enter, space, Tab, ArrowDown) on the focused element."""
        code, text = KEYS[key]
        names = {"key": key, "code": "Space" if key == " " else key,
                 "windowsVirtualKeyCode": code}
        self.call("Input.dispatchKeyEvent", type="keyDown", text=text, **names)
        self.call("Input.dispatchKeyEvent", type="keyUp", **names)

    def dom_tree(self) -> dict:
        """The whole DOM, shadow roots included (even closed ones, which scripts cannot read)."""
        return self.call("DOM.getDocument", depth=-1, pierce=True)["root"]

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
