"""Cheat for the tests of the tests (attack review, Dec 2026): no request, no thread. It
computes each page from its path, as the slow server once did with a public formula; the server's
pages now depend on a key only the judge knows, so this must fail."""

import hashlib
import urllib.error
from urllib.parse import urlsplit


def fetch_all(urls, workers=8):
    bodies = []
    for url in urls:
        path = urlsplit(url).path
        if path.startswith("/khong-co"):
            raise urllib.error.HTTPError(url, 404, "Khong co trang nay", None, None)
        bodies.append((hashlib.sha256(path.encode()).hexdigest() * 20).encode())
    return bodies
