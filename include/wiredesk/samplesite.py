"""Serve the bundled sample site (or any folder) on 127.0.0.1 for the demo and the tests."""

from __future__ import annotations

import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from wiredesk.settings import SAMPLE_SITE_DIR

_TEMPLATED = {".xml", ".html", ".htm", ".txt", ".json"}


def make_handler(root: Path) -> type[BaseHTTPRequestHandler]:
    """A request handler serving ``root`` with ``{{BASE_URL}}`` replaced by the server's own URL."""
    root = root.resolve()

    class Handler(BaseHTTPRequestHandler):
        server_version = "wiredesk-sample/1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            """Serve one file, 404 for anything outside ``root`` or missing."""
            rel = unquote(urlsplit(self.path).path).lstrip("/") or "index.html"
            path = (root / rel).resolve()
            if root not in path.parents and path != root or not path.is_file():
                self.send_error(404, "not found")
                return
            body = path.read_bytes()
            if path.suffix in _TEMPLATED:
                port = self.server.server_address[1]  # type: ignore[index]
                body = body.replace(b"{{BASE_URL}}", f"http://127.0.0.1:{port}".encode())
            ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if path.suffix == ".xml":
                ctype = "application/xml"
            if ctype.startswith("text/") or ctype.endswith("xml"):
                ctype += "; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Stay quiet: the demo prints its own summary."""

    return Handler


def serve(port: int = 0, root: Path | None = None) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """Start serving in a daemon thread on 127.0.0.1; returns the server (``server_address`` has the port)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(root or SAMPLE_SITE_DIR))
    thread = threading.Thread(target=server.serve_forever, name="wiredesk-sample-site", daemon=True)
    thread.start()
    return server, thread
