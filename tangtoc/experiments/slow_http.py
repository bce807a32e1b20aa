"""A slow local web server for lessons 3 and 10: every request waits `latency` seconds, then
answers a body derived from its path and a secret key drawn for this server (or 404 under
/khong-co). Threaded, on 127.0.0.1 only, no outside network; when grading, in a network
namespace of its own that the sandboxed calls join. It counts what it served and the most
requests it had in flight at once: evidence of overlapping waits that comes from outside the
submission's process. Used by tests/graded/test_bai03_tai_url.py,
tests/graded/test_bai10_chon_cong_cu.py and scripts/measure_bai03.py."""

import contextlib
import hashlib
import secrets
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tangtoc import bubblewrap


class Site:
    """What one server serves and what it saw. The key lives only in the judge's process: a
    submission cannot compute a page, it has to ask for it."""

    def __init__(self, latency: float):
        self.latency = latency
        self.url = ""  # set once the server listens
        self._key = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._in_flight = 0
        self.max_in_flight = 0
        self.served = 0

    def page(self, path: str) -> bytes:
        """The body served for a path: different for every path, unknown before the request."""
        return (hashlib.sha256(self._key + path.encode()).hexdigest() * 20).encode()

    def reset(self) -> None:
        """Forget what was seen so far (requests still in flight keep counting)."""
        with self._lock:
            self.max_in_flight = self._in_flight
            self.served = 0

    def missing_overlap(self, at_least: int) -> str:
        """Why the requests since reset() show no overlapping waits (for SpeedCheck's
        outside_evidence); "" if at least `at_least` of them were in flight at once."""
        if self.max_in_flight >= at_least:
            return ""
        return (f"máy chủ thử chỉ thấy nhiều nhất {self.max_in_flight} yêu cầu cùng lúc (cần "
                f"≥ {at_least}): các lần chờ không chồng lên nhau, nên tốc độ này không đến từ "
                "việc chờ nhiều yêu cầu cùng lúc.")

    @contextlib.contextmanager
    def _request(self) -> Iterator[None]:
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1
                self.served += 1


class _SlowHandler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self):
        with self.site._request():
            time.sleep(self.site.latency)
        if self.path.startswith("/khong-co"):
            self.send_error(404, "Khong co trang nay")
            return
        body = self.site.page(self.path)
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test and script output clean
        pass


class _SlowServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # many clients connect at once


@contextlib.contextmanager
def serve(latency: float) -> Iterator[Site]:
    """Run the server in a background thread; yield its Site, whose url is its base URL, e.g.
    http://127.0.0.1:41234. When grading, the server listens in the network namespace the
    sandboxed calls share (bubblewrap.network_for_calls): they reach it, and nothing else."""
    site = Site(latency)
    handler = type("Handler", (_SlowHandler,), {"site": site})
    with bubblewrap.network_for_calls() as inside:
        make = partial(_SlowServer, ("127.0.0.1", 0), handler)
        httpd = inside(make) if inside else make()
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        site.url = f"http://127.0.0.1:{httpd.server_address[1]}"
        try:
            yield site
        finally:
            httpd.shutdown()
            httpd.server_close()
