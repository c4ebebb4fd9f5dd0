"""A small web server on 127.0.0.1 for tests that fetch pages: articles,
errors, redirect chains and loops, slow and dripping answers, huge,
compressed, binary and non-UTF-8 bodies. Nothing leaves the machine.

Tests ask for the `web` fixture (tests/conftest.py imports it) and fetch
`web.url("/path")`.
A test can change what a path answers with `web.pages[path] = (status,
content type, body)`.
"""

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>ICC issues arrest warrant for Putin</title></head>
<body>
<header><nav>
<a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
</nav></header>
<article>
<h1>ICC issues arrest warrant for Vladimir Putin</h1>
<p>The International Criminal Court has issued an arrest warrant for Russian President
Vladimir Putin over the alleged unlawful deportation of children from Ukraine.</p>
<p>The court said more than 16,000 forced deportations of Ukrainian children have been
recorded. The ICC’s 123 member states would be obliged to arrest him.</p>
<p>Russia is not a member of the court and rejects its jurisdiction.</p>
</article>
<footer>© 2023 Example News · Cookies · Privacy</footer>
</body></html>
""".encode()

PLAIN_TEXT = "The court has 18 judges serving nine-year terms.\nUkraine is not a party.\n"
LATIN1_TEXT = "Le procureur a déclaré que la Cour pénale était prête.\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        web = self.server.web
        web.requests.append((self.path, dict(self.headers)))
        path = self.path.split("?", 1)[0]
        if path in web.pages:
            return self.answer(*web.pages[path])
        if path.startswith("/redirect/"):
            # /redirect/3 -> /redirect/2 -> /redirect/1 -> /redirect/0 -> /article
            hops = int(path.rsplit("/", 1)[1])
            target = f"/redirect/{hops - 1}" if hops > 0 else "/article"
            return self.answer(301, "text/html", b"", {"Location": target})
        if path == "/loop":
            return self.answer(302, "text/html", b"", {"Location": "/loop"})
        if path == "/to":
            # A redirect to any address: /to?http://169.254.169.254/
            target = unquote(self.path.split("?", 1)[1])
            return self.answer(302, "text/html", b"", {"Location": target})
        if path == "/slow":
            time.sleep(web.slow_seconds)
            return self.answer(200, "text/plain", b"late")
        if path == "/drip":
            return self.drip()
        if path == "/huge":
            return self.huge()
        if path == "/gzip-bomb":
            body = gzip.compress(b"\0" * (20 * 1024 * 1024))
            return self.answer(200, "text/plain", body, {"Content-Encoding": "gzip"})
        status = {"/404": 404, "/500": 500, "/410": 410}.get(path)
        if status:
            return self.answer(status, "text/html", b"<html><body><p>Error</p></body></html>")
        return self.answer(404, "text/plain", b"No such page")

    def answer(self, status, content_type, body, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def huge(self):
        size = self.server.web.huge_bytes
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b"x" * 65536
        try:
            for _ in range(size // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its limit, as it should

    def drip(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            for _ in range(100000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass


class LocalWeb:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.web = self
        self.requests = []
        self.slow_seconds = 2.0
        self.huge_bytes = 8 * 1024 * 1024
        self.pages = {
            "/article": (200, "text/html; charset=utf-8", ARTICLE_HTML),
            "/plain": (200, "text/plain; charset=utf-8", PLAIN_TEXT.encode()),
            "/latin1": (200, "text/plain; charset=iso-8859-1", LATIN1_TEXT.encode("latin-1")),
            "/latin1-untyped": (200, "text/plain", LATIN1_TEXT.encode("latin-1")),
            "/binary": (200, "application/octet-stream", bytes(range(256)) * 16),
            "/pdf": (200, "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
            "/menus-only": (
                200,
                "text/html",
                b"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
            ),
        }

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def web(settings):
    """The local server, with fetching from 127.0.0.1 allowed for the test."""
    local = LocalWeb()
    thread = threading.Thread(target=local.server.serve_forever, daemon=True)
    thread.start()
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    yield local
    local.server.shutdown()
    local.server.server_close()
