import hashlib
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest

from sources.fetching import FetchError, check_address, fetch
from tests.local_web import ARTICLE_HTML

TLS = Path(__file__).parent.parent / "fixtures" / "tls"


def test_it_fetches_a_page(web):
    fetched = fetch(web.url("/article"))

    assert fetched.status_code == 200
    assert fetched.ok
    assert fetched.requested_url == fetched.final_url == web.url("/article")
    assert fetched.redirects == []
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.body == ARTICLE_HTML
    assert fetched.size == len(ARTICLE_HTML)
    assert fetched.truncated is False
    assert fetched.sha256 == hashlib.sha256(ARTICLE_HTML).hexdigest()


def test_it_names_the_product_and_asks_for_the_right_host(web):
    fetch(web.url("/article"))

    _path, headers = web.requests[-1]
    assert headers["User-Agent"].startswith("Factcheck/")
    assert headers["Host"] == f"127.0.0.1:{web.port}"


def test_it_follows_and_records_redirects(web):
    fetched = fetch(web.url("/redirect/2"))

    assert fetched.status_code == 200
    assert fetched.final_url == web.url("/article")
    assert fetched.redirects == [
        {"url": web.url("/redirect/2"), "status": 301},
        {"url": web.url("/redirect/1"), "status": 301},
        {"url": web.url("/redirect/0"), "status": 301},
    ]
    assert fetched.body == ARTICLE_HTML


def test_it_gives_up_after_too_many_redirects(web, settings):
    settings.FACTCHECK_FETCH_MAX_REDIRECTS = 2

    with pytest.raises(FetchError, match=r"^Too many redirects \(more than 2\)\.$"):
        fetch(web.url("/redirect/2"))
    assert len(web.requests) == 3


def test_it_gives_up_on_a_redirect_loop(web):
    with pytest.raises(FetchError, match="Too many redirects"):
        fetch(web.url("/loop"))
    assert len(web.requests) == 11  # the first answer and ten redirects followed


@pytest.mark.parametrize("status", [404, 410, 500])
def test_it_returns_error_answers(web, status):
    fetched = fetch(web.url(f"/{status}"))

    assert fetched.status_code == status
    assert not fetched.ok
    assert b"Error" in fetched.body


def test_it_times_out_on_a_slow_server(web, settings):
    settings.FACTCHECK_FETCH_TIMEOUT = 0.3
    web.slow_seconds = 1.5

    with pytest.raises(FetchError, match=r"^Timed out after 0.3 s\.$"):
        fetch(web.url("/slow"))


def test_it_stops_a_server_that_drips_forever(web, settings):
    # Every byte comes well within the read timeout; the whole fetch's deadline
    # (three timeouts) stops it.
    settings.FACTCHECK_FETCH_TIMEOUT = 0.3

    with pytest.raises(FetchError, match=r"Timed out after 0.3 s \(the page kept on coming\)"):
        fetch(web.url("/drip"))


def test_it_reads_no_more_than_the_size_limit(web, settings):
    settings.FACTCHECK_FETCH_MAX_BYTES = 1_000_000

    fetched = fetch(web.url("/huge"))

    assert fetched.status_code == 200
    assert fetched.truncated is True
    assert fetched.size == len(fetched.body) == 1_000_000
    assert fetched.sha256 == hashlib.sha256(b"x" * 1_000_000).hexdigest()


def test_it_counts_the_size_limit_after_decompression(web, settings):
    settings.FACTCHECK_FETCH_MAX_BYTES = 1_000_000

    fetched = fetch(web.url("/gzip-bomb"))

    assert fetched.truncated is True
    assert fetched.body == b"\0" * 1_000_000


def test_it_fetches_binary_bodies_as_they_are(web):
    fetched = fetch(web.url("/binary"))

    assert fetched.body == bytes(range(256)) * 16
    assert fetched.content_type == "application/octet-stream"


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://example.org/file.txt", "Only http and https URLs can be fetched, not ftp."),
        ("file:///etc/passwd", "Only http and https URLs can be fetched, not file."),
        ("javascript:alert(1)", "Only http and https URLs can be fetched, not javascript."),
        ("example.org/page", "Only http and https URLs can be fetched, not a URL without scheme."),
        ("", "Only http and https URLs can be fetched, not a URL without scheme."),
        ("http://", "Not a valid URL (no host name): 'http://'."),
        ("http://[::1", "Not a valid URL: 'http://[::1'."),
        ("http://example.org:99999/", "Not a valid URL: 'http://example.org:99999/'."),
        ("http://no-such-host.invalid/", "The host name no-such-host.invalid could not be found."),
    ],
)
def test_it_refuses_urls_it_cannot_fetch(url, message):
    with pytest.raises(FetchError) as error:
        fetch(url)
    assert str(error.value) == message


def test_it_says_when_nothing_listens(settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The port is free again: nothing listens on it.

    with pytest.raises(FetchError, match=r"^Could not connect to 127\.0\.0\.1\.$"):
        fetch(f"http://127.0.0.1:{port}/")


def test_it_refuses_loopback_by_default(web, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = []

    for url in (web.url("/article"), f"http://localhost:{web.port}/article"):
        with pytest.raises(FetchError, match="private or reserved address 127.0.0.1"):
            fetch(url)
    assert web.requests == []


def test_it_refuses_a_redirect_to_a_private_address(web):
    # 127.0.0.1 is allowed for the test server; where it redirects is not.
    targets = [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        f"http://127.0.0.2:{web.port}/article",
        f"http://[::1]:{web.port}/article",
        f"http://[::ffff:127.0.0.2]:{web.port}/article",
    ]
    for target in targets:
        with pytest.raises(FetchError, match="Refused to fetch from the private or reserved"):
            fetch(web.url(f"/to?{target}"))
    # Only the allowed first hops reached the server.
    assert [unquote(path) for path, _headers in web.requests] == [
        f"/to?{target}" for target in targets
    ]


def test_it_fetches_any_address_when_private_ones_are_allowed(web, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = []
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = True

    assert fetch(f"http://localhost:{web.port}/article").status_code == 200


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "100.64.0.1",  # carrier-grade NAT
        "169.254.169.254",  # cloud metadata
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "240.0.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:10.0.0.1",  # IPv4-mapped
        "::ffff:127.0.0.1",
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    ],
)
def test_it_refuses_non_public_addresses(address):
    with pytest.raises(FetchError, match="Refused to fetch from the private or reserved address"):
        check_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_it_accepts_public_addresses(address):
    assert check_address(address) is None


def test_it_checks_tls_certificates(settings):
    # A server with a certificate no authority signed: the fetch must fail,
    # not carry on unverified.
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "self-signed.pem", TLS / "self-signed.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(FetchError) as error:
            fetch(f"https://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    assert str(error.value) == (
        "The secure connection to 127.0.0.1 failed (TLS certificate or protocol)."
    )
