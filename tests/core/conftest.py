"""Fixtures shared by the core tests."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from core import frontend_cache


class _PurgeRecorder(BaseHTTPRequestHandler):
    received: list[tuple[str, str]] = []

    def do_PURGE(self):
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    """A CDN that records the PURGE requests it receives."""
    _PurgeRecorder.received = []
    server = HTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    frontend_cache.register()
    yield _PurgeRecorder.received
    frontend_cache.unregister()
    server.shutdown()
