"""A slow local web server for lesson 3: every request waits `latency` seconds, then answers a
body derived from its path (or 404 under /khong-co). Threaded, on 127.0.0.1 only, no outside
network; when grading, in a network namespace of its own that the sandboxed calls join. Used
by tests/graded/test_bai03_tai_url.py and scripts/measure_bai03.py."""

import contextlib
import hashlib
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tangtoc import bubblewrap


def page(path: str) -> bytes:
    """The body served for a path: different for every path, unknown before the request."""
    return (hashlib.sha256(path.encode()).hexdigest() * 20).encode()


class _SlowHandler(BaseHTTPRequestHandler):
    latency = 0.02

    def do_GET(self):
        time.sleep(self.latency)
        if self.path.startswith("/khong-co"):
            self.send_error(404, "Khong co trang nay")
            return
        body = page(self.path)
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
def serve(latency: float):
    """Run the server in a background thread; yield its base URL, e.g. http://127.0.0.1:41234.
    When grading, the server listens in the network namespace the sandboxed calls share
    (bubblewrap.network_for_calls): they reach it, and nothing else."""
    handler = type("Handler", (_SlowHandler,), {"latency": latency})
    with bubblewrap.network_for_calls() as inside:
        make = partial(_SlowServer, ("127.0.0.1", 0), handler)
        httpd = inside(make) if inside else make()
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()
            httpd.server_close()
