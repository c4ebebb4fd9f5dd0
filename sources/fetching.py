"""Fetching a page from a URL someone typed, safely.

A URL on a source comes from a researcher, an imported feed or an article we
were sent, so fetching it must not become a way into our own network: every
hop of a redirect chain is resolved, each address is vetted, and the
connection goes to the vetted address itself (never to the host name again,
which a hostile DNS server could answer differently the second time).
"""

import hashlib
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from django.conf import settings
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

REDIRECT_CODES = {301, 302, 303, 307, 308}
CHUNK_BYTES = 64 * 1024
# IPv6 blocks that carry an IPv4 address inside: the IPv4 one is vetted too.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """A fetch that got no HTTP answer; str() is one sentence for a person."""


@dataclass(frozen=True)
class Fetched:
    requested_url: str
    final_url: str
    # Every hop followed: [{"url": the URL that answered, "status": 301}, ...]
    redirects: list[dict]
    status_code: int
    content_type: str
    body: bytes  # at most FACTCHECK_FETCH_MAX_BYTES, decompressed
    size: int
    truncated: bool
    sha256: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300


def fetch(url: str) -> Fetched:
    """GET `url`, following redirects; 4xx and 5xx answers are returned, not raised."""
    timeout = settings.FACTCHECK_FETCH_TIMEOUT
    # The per-operation timeouts bound each wait; the deadline bounds a server
    # that drips a byte just often enough to never trip them.
    deadline = time.monotonic() + 3 * timeout
    redirects = []
    current = url
    while True:
        pool, response = _get(current, timeout, deadline)
        try:
            location = response.headers.get("Location")
            if response.status in REDIRECT_CODES and location:
                if len(redirects) >= settings.FACTCHECK_FETCH_MAX_REDIRECTS:
                    raise FetchError(
                        f"Too many redirects (more than {settings.FACTCHECK_FETCH_MAX_REDIRECTS})."
                    )
                redirects.append({"url": current, "status": response.status})
                current = urljoin(current, location.strip())
                continue
            body, truncated = _read_body(response, deadline, timeout)
        finally:
            response.release_conn()
            pool.close()
        return Fetched(
            requested_url=url,
            final_url=current,
            redirects=redirects,
            status_code=response.status,
            content_type=response.headers.get("Content-Type", "")[:200],
            body=body,
            size=len(body),
            truncated=truncated,
            sha256=hashlib.sha256(body).hexdigest(),
        )


def check_address(address: str) -> None:
    """Raise FetchError unless `address` is a public unicast IP (or private ones are allowed)."""
    if settings.FACTCHECK_FETCH_ALLOW_PRIVATE:
        return
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip in ipaddress.ip_network(net) for net in settings.FACTCHECK_FETCH_ALLOWED_NETWORKS):
        return
    candidates = [ip]
    if ip.version == 6:
        if ip.ipv4_mapped:
            candidates.append(ip.ipv4_mapped)
        if ip.sixtofour:
            candidates.append(ip.sixtofour)
        if ip.teredo:
            candidates.extend(ip.teredo)
        if ip in NAT64:
            candidates.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    for candidate in candidates:
        if not candidate.is_global or candidate.is_multicast or candidate.is_reserved:
            raise FetchError(f"Refused to fetch from the private or reserved address {address}.")


def _parse(url: str):
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchError(f"Not a valid URL: {url[:200]!r}.") from None
    if parts.scheme not in ("http", "https"):
        scheme = parts.scheme or "a URL without scheme"
        raise FetchError(f"Only http and https URLs can be fetched, not {scheme}.")
    if not parts.hostname:
        raise FetchError(f"Not a valid URL (no host name): {url[:200]!r}.")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"Not a valid host name: {parts.hostname[:100]!r}.") from None
    port = port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, host, port, path


def _resolve(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The host name {host} could not be found.") from None
    refused = None
    for _family, _type, _proto, _name, sockaddr in infos:
        try:
            check_address(sockaddr[0])
        except FetchError as error:
            refused = error
            continue
        return sockaddr[0]
    raise refused or FetchError(f"The host name {host} could not be found.")


def _get(url: str, timeout: float, deadline: float):
    scheme, host, port, path = _parse(url)
    address = _resolve(host, port)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"Timed out after {timeout:g} s.")
    default_port = 443 if scheme == "https" else 80
    is_ipv6_literal = ":" in host
    host_header = f"[{host}]" if is_ipv6_literal else host
    if port != default_port:
        host_header += f":{port}"
    headers = {
        "Host": host_header,
        "User-Agent": settings.FACTCHECK_FETCH_USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.8",
        "Accept-Encoding": "gzip, deflate",
    }
    per_operation = urllib3.Timeout(connect=min(timeout, remaining), read=min(timeout, remaining))
    if scheme == "https":
        # Connect to the vetted address, but speak TLS to (and check the
        # certificate of) the host name the URL names.
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            maxsize=1,
            retries=False,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, maxsize=1, retries=False)
    try:
        response = pool.urlopen(
            "GET",
            path,
            headers=headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
            timeout=per_operation,
        )
    except HTTPError as error:
        pool.close()
        raise _network_error(error, host, timeout) from None
    return pool, response


def _network_error(error: HTTPError, host: str, timeout: float) -> FetchError:
    # First: urllib3 makes a refused connection a kind of ConnectTimeoutError.
    if isinstance(error, NewConnectionError):
        return FetchError(f"Could not connect to {host}.")
    if isinstance(error, (ConnectTimeoutError, ReadTimeoutError)):
        return FetchError(f"Timed out after {timeout:g} s.")
    if isinstance(error, SSLError):
        return FetchError(f"The secure connection to {host} failed (TLS certificate or protocol).")
    if isinstance(error, ProtocolError):
        return FetchError(f"The connection to {host} broke off.")
    return FetchError(f"Could not connect to {host}.")


def _read_body(response, deadline: float, timeout: float) -> tuple[bytes, bool]:
    limit = settings.FACTCHECK_FETCH_MAX_BYTES
    chunks = []
    received = 0
    try:
        # Decoded bytes are counted, so a small compressed body that inflates
        # to gigabytes stops at the limit like any other. read1() returns what
        # has arrived, so the deadline is checked even while a server drips.
        while chunk := response.read1(CHUNK_BYTES, decode_content=True):
            if time.monotonic() > deadline:
                raise FetchError(f"Timed out after {timeout:g} s (the page kept on coming).")
            chunks.append(chunk)
            received += len(chunk)
            if received > limit:
                return b"".join(chunks)[:limit], True
    except ReadTimeoutError:
        raise FetchError(f"Timed out after {timeout:g} s.") from None
    except (ProtocolError, HTTPError) as error:
        raise FetchError(
            f"The page could not be read to its end ({type(error).__name__})."
        ) from None
    return b"".join(chunks), False
