"""Polite, guarded HTTP fetching.

robots.txt (RFC 9309, parsed by protego), per-host concurrency and delay, retries with backoff that
honour ``Retry-After``, streamed size and decompression caps, a content-type allow-list, conditional
GET with per-URL trust, charset detection for HTML, and an SSRF guard that resolves each host once per
connection and connects only to the address it checked (no DNS-rebinding gap, checked on every hop).
"""

from __future__ import annotations

import codecs
import email.utils
import hashlib
import html
import ipaddress
import json
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from protego import Protego

from wiredesk.config import FetchConfig

ALLOWED_CONTENT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "application/x-gzip",
    "application/gzip",
)


class _ListingTypes(tuple[str, ...]):
    """Content types a feed or sitemap may come as: the listed ones, and any text, XML, JSON, RSS,
    Atom, gzip or opaque type (S3 serves files as binary/octet-stream; feeds come as
    application/x-rss+xml, text/rss+xml, …). The parser decides what the body is; binary formats
    (PDF, images) are still refused by their magic bytes."""

    def __contains__(self, media: object) -> bool:
        if not isinstance(media, str):
            return False
        return (
            tuple.__contains__(self, media)
            or media.startswith("text/")
            or any(word in media for word in ("xml", "json", "rss", "atom", "gzip"))
            or media in ("application/octet-stream", "binary/octet-stream", "application/unknown")
        )


# Feeds and sitemaps: gzipped sitemaps are often served as opaque bytes.
LISTING_CONTENT_TYPES: tuple[str, ...] = _ListingTypes(
    ALLOWED_CONTENT_TYPES + ("application/octet-stream", "text/x-gzip", "binary/octet-stream")
)
# A gzip file as such (its bytes are the document, e.g. a .xml.gz sitemap): never unwrapped here.
_GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip", "text/x-gzip"})
# Types a misconfigured server sends for anything; an HTML page served so is still a page.
# So are the handler types a misconfigured PHP server leaks, and misspellings of text/html.
OPAQUE_CONTENT_TYPES = frozenset(
    {
        "application/octet-stream",
        "binary/octet-stream",
        "application/unknown",
        "application/x-httpd-php",
        "application/x-php",
        "application/php",
        "text/x-php",
        "text/php",
        "text/htm",
        "text/x-html",
        "application/html",
        "application/x-html",
    }
)
_MARKUP_SNIFF = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.I | re.S
)
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "content-language",
    "date",
    "retry-after",
    "location",
    "x-robots-tag",
    "refresh",
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
# Feeds and sitemaps may be as large as the sitemap protocol allows (50 MB uncompressed), whatever
# the page cap (fetch.max_bytes) is.
LISTING_MAX_BYTES = 50 * 1024 * 1024
# A decoded body this large is judged by its compression ratio; smaller ones never are.
BOMB_MIN_BYTES = 1024 * 1024
# Always refused unless named in fetch.allowed_networks, even when private networks are allowed.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Magic numbers of formats we never process, whatever the Content-Type says.
_BINARY_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"RIFF", "RIFF media"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska media"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
)

Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """A fetch that ended without a usable body; ``error_class`` is a stable short name."""

    error_class = "FetchError"
    retryable = False


class BlockedAddress(FetchError):
    """The host resolves to an address the config does not allow (SSRF guard)."""

    error_class = "BlockedAddress"


class ResolveFailed(FetchError):
    """The host name does not resolve."""

    error_class = "DNSError"


class ConnectionFailed(FetchError):
    """The connection failed or broke (refused, reset, closed early)."""

    error_class = "ConnectionError"
    retryable = True


class FetchTimeout(FetchError):
    """Connecting, reading, or the whole transfer took too long."""

    error_class = "Timeout"
    retryable = True


class RobotsDisallowed(FetchError):
    """robots.txt forbids this URL for our User-Agent (or could not be read: RFC 9309 says assume so)."""

    error_class = "RobotsDisallowed"


class TooLarge(FetchError):
    """The body exceeded the configured size cap."""

    error_class = "TooLarge"


class DecompressionBomb(FetchError):
    """The body expands far beyond its compressed size."""

    error_class = "DecompressionBomb"


class BadContentType(FetchError):
    """The server answered with (or the body is) a content type we do not process."""

    error_class = "BadContentType"


class BadContentEncoding(FetchError):
    """A Content-Encoding we did not ask for and cannot decode."""

    error_class = "BadContentEncoding"


class TooManyRedirects(FetchError):
    """The redirect chain was longer than allowed or looped."""

    error_class = "TooManyRedirects"


class HTTPStatusError(FetchError):
    """A non-success HTTP status after retries."""

    error_class = "HTTPStatus"


class RedirectedHome(FetchError):
    """A page's address redirects to its site's home page: the way most sites answer a removed page."""

    error_class = "RedirectedHome"


def media_type(content_type: str | None) -> str | None:
    """The media type of a Content-Type value, lower-case and without parameters.

    Two Content-Type headers (a proxy adding its own) arrive joined with a comma: the first wins.
    """
    value = (content_type or "").split(",")[0].split(";")[0].strip().lower()
    return value or None


def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` to its IP addresses with the system resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address tunnels to (mapped, 6to4, Teredo, NAT64), if any."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr.teredo is not None:
        return addr.teredo[1]
    if addr in _NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def is_public_address(ip: str) -> bool:
    """True if ``ip`` is globally routable (not private, loopback, link-local, metadata, multicast, …)."""
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address):
        inner = _embedded_ipv4(addr)
        if inner is not None and not is_public_address(str(inner)):
            return False
    return addr.is_global and not addr.is_multicast and addr not in METADATA_ADDRESSES


def _unwrap(ip: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    return addr


class AddressGuard:
    """Which addresses may be connected to; resolving happens here, once per new connection."""

    def __init__(self, config: FetchConfig, resolver: Resolver) -> None:
        self.allow_private = config.allow_private_networks
        self.allowed = tuple(ipaddress.ip_network(n, strict=False) for n in config.allowed_networks)
        self.resolver = resolver

    def permits(self, ip: str) -> bool:
        """True if a connection to ``ip`` is allowed by the config."""
        addr = _unwrap(ip)
        if any(addr.version == net.version and addr in net for net in self.allowed):
            return True
        if addr in METADATA_ADDRESSES:
            return False
        return self.allow_private or is_public_address(ip)

    def resolve(self, host: str, port: int) -> list[str]:
        """Addresses of ``host`` that may be used; BlockedAddress if any of them is refused."""
        host = host.strip("[]")
        try:
            ipaddress.ip_address(host.split("%")[0])
            addresses = [host]
        except ValueError:
            try:
                addresses = self.resolver(host, port)
            except OSError as exc:
                raise ResolveFailed(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise ResolveFailed(f"{host} has no address")
        # One refused address refuses the host: a name that mixes public and private answers is hostile.
        refused = [ip for ip in addresses if not self.permits(ip)]
        if refused:
            raise BlockedAddress(
                f"{host} resolves to refused address {', '.join(refused)}; "
                "allow it with fetch.allowed_networks or fetch.allow_private_networks"
            )
        return addresses


class _PinnedBackend(httpcore.SyncBackend):
    """Network backend that connects only to the addresses the guard approved for this connection."""

    def __init__(self, guard: AddressGuard) -> None:
        self.guard = guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve and check ``host``, then connect to a checked IP (TLS still verifies ``host``)."""
        last: Exception | None = None
        for ip in self.guard.resolve(host, port):
            try:
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last


@dataclass(frozen=True)
class Validators:
    """ETag and Last-Modified of an earlier response, sent back for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> Validators:
        """Validators of a response's kept headers."""
        return cls(headers.get("etag") or None, headers.get("last-modified") or None)

    def request_headers(self) -> list[tuple[bytes, bytes]]:
        """If-None-Match / If-Modified-Since headers."""
        out = []
        if self.etag:
            out.append((b"If-None-Match", self.etag.encode("latin-1", "replace")))
        if self.last_modified:
            out.append((b"If-Modified-Since", self.last_modified.encode("latin-1", "replace")))
        return out


@dataclass
class FetchResult:
    """Outcome of fetching one URL: a body or an error, and how we got there."""

    url: str
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    fetched_at: float = 0.0
    attempts: int = 0
    error_class: str | None = None
    error_message: str | None = None
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        """True when a usable body is at hand (2xx, or a 304 answered from the cache)."""
        return self.error_class is None and self.body is not None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304 to our validators."""
        return self.error_class is None and self.status == 304

    @property
    def content_type(self) -> str | None:
        """The media type without parameters."""
        value = self.headers.get("content-type")
        return media_type(value) if value else None

    @property
    def content_hash(self) -> str | None:
        """sha256 of the body."""
        return hashlib.sha256(self.body).hexdigest() if self.body is not None else None

    def headers_json(self) -> str:
        """The kept headers as JSON."""
        return json.dumps(self.headers, sort_keys=True)


class _HostGate:
    """Per-host concurrency limit plus a minimum delay between request starts."""

    def __init__(self, concurrency: int, delay: float, sleep: Callable[[float], None]) -> None:
        self._sem = threading.BoundedSemaphore(max(1, concurrency))
        self.delay = delay
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = 0.0

    def defer(self, seconds: float) -> None:
        """Start no request to this host for ``seconds`` (Retry-After applies to the whole host)."""
        with self._lock:
            self._next = max(self._next, time.monotonic() + seconds)

    def __enter__(self) -> None:
        self._sem.acquire()
        with self._lock:
            now = time.monotonic()
            wait = self._next - now
            self._next = max(now, self._next) + self.delay
        if wait > 0:
            self._sleep(wait)

    def __exit__(self, *exc: object) -> None:
        self._sem.release()


# Real compressions we do not decode (we never ask for them): the body is unreadable, say so.
_UNDECODABLE_ENCODINGS = frozenset(
    {"br", "zstd", "compress", "x-compress", "bzip2", "x-bzip2", "lzma", "xz", "sdch", "pack200-gzip", "exi"}
)


class _Decoder:
    """Bounded, incremental Content-Encoding decoder: memory stays flat whatever the ratio.

    Servers get Content-Encoding wrong in two ways a browser shrugs off, and so do we: a label that
    is no compression at all ('utf-8', 'none', 'text') is ignored, and a body labelled gzip or
    deflate whose first bytes do not decompress is taken as it came (it was never compressed).
    """

    _STEP = 64 * 1024

    def __init__(self, encoding: str | None) -> None:
        codings = [c.strip().lower() for c in (encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        self.consumed = 0  # compressed bytes used so far: the ratio is judged against these
        self._raw_deflate_fallback = False
        self._started = False
        self._zlib: Any = None
        if any(c in _UNDECODABLE_ENCODINGS for c in codings) or len(codings) > 1:
            raise BadContentEncoding(f"Content-Encoding {encoding!r} is not supported (we ask for gzip or deflate)")
        enc = codings[0] if codings else "identity"
        if enc in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
            self._raw_deflate_fallback = True

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces of at most 64 KiB for one received chunk."""
        if self._zlib is None:
            self.consumed += len(data)
            yield data
            return
        pending = data
        while pending:
            try:
                out = self._decompress(pending)
            except zlib.error as exc:
                if not self._started:
                    self._zlib = None  # labelled compressed, but it never was
                    self.consumed += len(data)
                    yield data
                    return
                raise ConnectionFailed(f"corrupt compressed body: {exc}") from exc
            self._started = True
            self._raw_deflate_fallback = False  # the stream's kind is settled by its first bytes
            self.consumed += len(pending) - len(self._zlib.unconsumed_tail)
            if out:
                yield out
            if self._zlib.eof:
                return
            pending = self._zlib.unconsumed_tail

    def _decompress(self, pending: bytes) -> bytes:
        try:
            return self._zlib.decompress(pending, self._STEP)
        except zlib.error:
            if not self._raw_deflate_fallback:
                raise
        self._raw_deflate_fallback = False
        self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._zlib.decompress(pending, self._STEP)


def sniff_binary(head: bytes) -> str | None:
    """Name of a binary format ``head`` starts with (PDF, image, archive, …), or None."""
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return name
    return None


def _refuse_binary(head: bytes, ctype: str | None) -> None:
    kind = sniff_binary(head)
    if kind is not None:
        raise BadContentType(f"body is a {kind} (served as {ctype or 'no content type'})")


@dataclass
class CacheEntry:
    """What a conditional GET needs to know about one URL."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    content_key: str | None = None
    body: bytes | None = None
    checked_at: float = 0.0
    not_modified: int = 0
    trusted: bool = True
    note: str | None = None

    @property
    def validators(self) -> Validators:
        """The validators to send back."""
        return Validators(self.etag, self.last_modified)


class ConditionalCache:
    """Validators, last body and trust per URL, kept in a small Parquet file (state, not lake data)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._entries: dict[str, CacheEntry] = {}
        self._lock = threading.Lock()
        self._dirty = False
        if self.path is not None and self.path.exists():
            import pyarrow.parquet as pq

            for row in pq.read_table(self.path).to_pylist():
                self._entries[row["url"]] = CacheEntry(**row)

    def get(self, url: str) -> CacheEntry | None:
        """The entry for ``url``, if any."""
        with self._lock:
            return self._entries.get(url)

    def store(self, url: str, result: FetchResult, content_key: str) -> CacheEntry:
        """Remember a full response."""
        with self._lock:
            old = self._entries.get(url)
            v = Validators.from_headers(result.headers)
            entry = CacheEntry(
                url,
                v.etag,
                v.last_modified,
                content_key,
                result.body,
                result.fetched_at,
                0,
                old.trusted if old else True,
                old.note if old else None,
            )
            self._entries[url] = entry
            self._dirty = True
            return entry

    def distrust(self, url: str, reason: str) -> None:
        """Stop sending validators for ``url``: it answered 304 (or kept its validators) while changing."""
        with self._lock:
            entry = self._entries.setdefault(url, CacheEntry(url))
            entry.trusted = False
            entry.note = reason
            self._dirty = True

    def record_not_modified(self, url: str) -> int:
        """Count one more 304 in a row for ``url``; returns the count."""
        with self._lock:
            entry = self._entries[url]
            entry.not_modified += 1
            self._dirty = True
            return entry.not_modified

    def save(self) -> None:
        """Write the cache atomically (no-op for an in-memory cache)."""
        if self.path is None or not self._dirty:
            return
        import pyarrow as pa

        from wiredesk import storage

        with self._lock:
            rows = [vars(e) for _, e in sorted(self._entries.items())]
        schema = pa.schema(
            [
                ("url", pa.string()),
                ("etag", pa.string()),
                ("last_modified", pa.string()),
                ("content_key", pa.string()),
                ("body", pa.binary()),
                ("checked_at", pa.float64()),
                ("not_modified", pa.int64()),
                ("trusted", pa.bool_()),
                ("note", pa.string()),
            ]
        )
        storage.write_parquet(pa.Table.from_pylist(rows, schema=schema), self.path)
        self._dirty = False


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class Fetcher:
    """HTTP client that applies every FetchConfig rule; safe to share between threads."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        resolver: Resolver | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config or FetchConfig()
        self.resolver = resolver or system_resolver
        self.sleep = sleep
        self.guard = AddressGuard(self.config, self.resolver)
        c = self.config
        self._timeouts = {
            "connect": c.connect_timeout,
            "read": c.read_timeout,
            "write": c.read_timeout,
            "pool": c.total_timeout,
        }
        # httpcore directly (not via an httpx transport) so the pinned backend is public API; no proxy
        # from the environment is ever used, as a proxy would bypass the address guard.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max(4, c.concurrency * 2),
            max_keepalive_connections=max(4, c.concurrency * 2),
            keepalive_expiry=30.0,
            network_backend=_PinnedBackend(self.guard),
        )
        self._base_headers = [
            (b"User-Agent", c.user_agent.encode("ascii", "replace")),
            (b"Accept", b"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            (b"Accept-Encoding", b"gzip, deflate"),
        ]
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, tuple[Protego | None, str]] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._robots_errors: dict[str, tuple[str, str]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close pooled connections."""
        self._pool.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = _HostGate(self.config.per_host_concurrency, self.config.per_host_delay, self.sleep)
                self._gates[host] = gate
            return gate

    def check_address(self, url: str) -> None:
        """Raise BlockedAddress (or ResolveFailed) unless the URL's host may be connected to."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BlockedAddress(f"only http(s) URLs with a host are fetched: {url}")
        self.guard.resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))

    # -- robots.txt -------------------------------------------------------------------------------

    def _robots_for(self, url: str) -> tuple[Protego | None, str]:
        """The parsed robots.txt of the URL's origin (None: everything allowed) and a note, fetched once."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            if origin in self._robots:
                return self._robots[origin]
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin even when many threads ask at once
            with self._lock:
                if origin in self._robots:
                    return self._robots[origin]
                if origin in self._robots_errors:
                    raise _failure(*self._robots_errors[origin])
            result = self._request(
                origin + "/robots.txt", check_robots=False, allowed_types=None, max_bytes=ROBOTS_MAX_BYTES
            )
            parser: Protego | None
            note = ""
            if result.ok and result.body is not None:
                # utf-8-sig: a byte-order mark glued to the first "User-agent" line hid its whole group.
                parser = Protego.parse(result.body.decode("utf-8-sig", "replace"))
                delay = parser.crawl_delay(self.config.user_agent)
                if delay:
                    gate = self._gate(parts.netloc.lower())
                    gate.delay = max(gate.delay, min(float(delay), self.config.max_crawl_delay))
            elif result.status is not None and 400 <= result.status < 500 and result.status != 429:
                parser = None  # RFC 9309: robots.txt "unavailable" (4xx) allows everything
            elif result.status is None:
                # The host itself is unreachable: every page gets the real cause, not a robots verdict.
                failure = (
                    result.error_class or FetchError.error_class,
                    f"robots.txt unreachable: {result.error_message}",
                )
                with self._lock:
                    self._robots_errors[origin] = failure
                raise _failure(*failure)
            else:
                # RFC 9309: "unreachable" (5xx; 429 too) means assume complete disallow.
                parser = Protego.parse("User-agent: *\nDisallow: /\n")
                note = f" (robots.txt unreachable: HTTP {result.status}; RFC 9309 says assume disallow)"
            with self._lock:
                self._robots[origin] = (parser, note)
            return parser, note

    def _check_robots(self, url: str) -> None:
        robots, note = self._robots_for(url)
        if robots is not None and not robots.can_fetch(url, self.config.user_agent):
            raise RobotsDisallowed(f"robots.txt disallows {url}{note}")

    # -- requests ---------------------------------------------------------------------------------

    def get(
        self,
        url: str,
        allowed_types: tuple[str, ...] | None = ALLOWED_CONTENT_TYPES,
        validators: Validators | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """Fetch ``url`` with retries; never raises for network or HTTP problems.

        With ``validators`` the request is conditional; a 304 comes back as ``not_modified`` (no body).
        ``max_bytes`` overrides the configured size cap (feeds and sitemaps use ``listing_max_bytes``).
        """
        return self._request(
            url,
            check_robots=self.config.respect_robots,
            allowed_types=allowed_types,
            validators=validators,
            max_bytes=max_bytes,
        )

    @property
    def listing_max_bytes(self) -> int:
        """Size cap of a feed or sitemap: the sitemap protocol's 50 MB, or the page cap if larger."""
        return max(self.config.max_bytes, LISTING_MAX_BYTES)

    def _request(
        self,
        url: str,
        check_robots: bool,
        allowed_types: tuple[str, ...] | None,
        validators: Validators | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        result = FetchResult(url=url, fetched_at=time.time())
        try:
            self._follow(url, result, check_robots, allowed_types, validators, max_bytes or self.config.max_bytes)
        except FetchError as exc:
            result.error_class = exc.error_class
            result.error_message = str(exc)
            result.body = None
        return result

    def _follow(
        self,
        url: str,
        result: FetchResult,
        check_robots: bool,
        allowed_types: tuple[str, ...] | None,
        validators: Validators | None,
        max_bytes: int,
    ) -> None:
        jar = _CookieJar()  # cookies set along this one chain only (a consent or bot-check redirect)
        seen = {(url, jar.state())}
        current = url
        for _hop in range(self.config.max_redirects + 1):
            try:
                parts = urlsplit(current)
                parts.port  # noqa: B018 - raises ValueError for a port that is not a number
            except ValueError as exc:  # 'http://[::1', 'http://h:abc/': from a feed or a Location header
                raise BlockedAddress(f"invalid URL {current!r}: {exc}") from exc
            if parts.scheme not in ("http", "https"):
                raise BlockedAddress(f"only http(s) URLs are fetched: {current}")
            if not parts.hostname:
                raise BlockedAddress(f"only http(s) URLs with a host are fetched: {current}")
            if check_robots:
                self._check_robots(current)  # every hop: a redirect may lead to another host
            status, headers, body = self._with_retries(current, result, allowed_types, validators, max_bytes, jar)
            result.final_url = current
            result.status = status
            result.headers = headers
            if status in REDIRECT_STATUSES and "location" in headers:
                location = _header_text(headers["location"]).strip()
                try:
                    nxt = urljoin(current, location)
                except ValueError as exc:
                    raise BlockedAddress(f"invalid redirect target {location!r}: {exc}") from exc
                if (nxt, jar.state()) in seen:
                    raise TooManyRedirects(f"redirect loop at {nxt}")
                seen.add((nxt, jar.state()))
                current = nxt
                continue
            if status == 304 and validators:
                return
            if not 200 <= status < 300:
                raise HTTPStatusError(f"HTTP {status} for {current}")
            refresh = None
            if allowed_types:
                refresh = refresh_target(_header_text(headers.get("refresh", "")), current)
                refresh = refresh or meta_refresh_target(body, current, headers.get("content-type"))
            if refresh is not None and (refresh, jar.state()) not in seen and _hop < self.config.max_redirects:
                # A stub page whose refresh (header or <meta http-equiv>) sends the reader on at once is a
                # redirect.
                seen.add((refresh, jar.state()))
                current = refresh
                continue
            if current != url and allowed_types is not None and not isinstance(allowed_types, _ListingTypes):
                if _is_home_of(current, url):
                    raise RedirectedHome(f"{url} redirects to its site's home page {current} (a removed page)")
            result.body = body
            return
        raise TooManyRedirects(f"more than {self.config.max_redirects} redirects from {url}")

    def _with_retries(
        self,
        url: str,
        result: FetchResult,
        allowed_types: tuple[str, ...] | None,
        validators: Validators | None,
        max_bytes: int,
        jar: _CookieJar | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        gate = self._gate(urlsplit(url).netloc.lower())
        attempt = 0
        while True:
            result.attempts += 1
            try:
                with gate:
                    status, headers, body = self._once(url, allowed_types, validators, max_bytes, jar)
            except FetchError as exc:
                if not exc.retryable or attempt >= self.config.retries:
                    raise
                self.sleep(self.config.backoff * 2**attempt)
                attempt += 1
                continue
            if status in RETRY_STATUSES and attempt < self.config.retries:
                delay = self._retry_after(headers.get("retry-after"))
                if delay is None:
                    self.sleep(self.config.backoff * 2**attempt)
                elif delay > self.config.max_retry_after:
                    return status, headers, body  # asked to wait longer than we will: give up now
                else:
                    gate.defer(delay)  # the wait is the host's, so every thread honours it
                attempt += 1
                continue
            return status, headers, body

    @staticmethod
    def _retry_after(value: str | None) -> float | None:
        """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
        if not value:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        return max(0.0, when.timestamp() - time.time())

    def _once(
        self,
        url: str,
        allowed_types: tuple[str, ...] | None,
        validators: Validators | None,
        cap: int,
        jar: _CookieJar | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        """One HTTP exchange; the body is read only for a 2xx we will keep."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, ValueError) as exc:
            raise BlockedAddress(f"invalid URL {url!r}: {exc}") from exc
        target = httpcore.URL(scheme=parsed.raw_scheme, host=parsed.raw_host, port=parsed.port, target=parsed.raw_path)
        req_headers = self._base_headers + (validators.request_headers() if validators else [])
        host = parsed.raw_host.decode("ascii", "replace").lower()  # punycode as sent: .host may raise on bad IDNA
        cookie = jar.header(host) if jar is not None else None
        if cookie:
            req_headers = [*req_headers, (b"Cookie", cookie)]
        deadline = time.monotonic() + self.config.total_timeout
        try:
            with self._pool.stream(
                "GET", target, headers=req_headers, extensions={"timeout": self._timeouts}
            ) as response:
                headers = _kept_headers(response.headers)
                status = response.status
                if jar is not None:
                    jar.update(host, [v for k, v in response.headers if k.lower() == b"set-cookie"])
                if not 200 <= status < 300:
                    return status, headers, b""
                ctype = media_type(headers.get("content-type"))
                opaque = ctype in OPAQUE_CONTENT_TYPES  # 'no idea' from the server: the body decides
                if allowed_types is not None and ctype is not None and ctype not in allowed_types and not opaque:
                    raise BadContentType(f"content type {ctype} is not processed")
                declared = headers.get("content-length", "").strip()
                if declared.isdigit() and int(declared) > cap:
                    raise TooLarge(f"Content-Length {declared} exceeds the {cap}-byte cap")
                body = self._read_body(
                    response,
                    headers.get("content-encoding"),
                    cap,
                    deadline,
                    sniff=allowed_types is not None,
                    ctype=ctype,
                )
                if (
                    opaque
                    and allowed_types is not None
                    and ctype not in allowed_types
                    and not _MARKUP_SNIFF.match(body)
                ):
                    raise BadContentType(f"content type {ctype} is not processed (and the body is not HTML)")
                return status, headers, body
        except httpcore.TimeoutException as exc:
            raise FetchTimeout(f"{type(exc).__name__} for {url}") from exc
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise ConnectionFailed(f"{type(exc).__name__}: {exc or 'connection failed'}") from exc
        except httpcore.UnsupportedProtocol as exc:
            raise BlockedAddress(f"unsupported URL {url}: {exc}") from exc

    def _read_body(
        self,
        response: httpcore.Response,
        encoding: str | None,
        cap: int,
        deadline: float,
        sniff: bool,
        ctype: str | None,
    ) -> bytes:
        """Stream, decode and cap the body; the decoded size and the expansion ratio are both bounded."""
        decoder = _Decoder(encoding)
        chunks: list[bytes] = []
        raw_size = size = 0
        ratio = self.config.max_compression_ratio
        for raw in response.iter_stream():
            raw_size += len(raw)
            if raw_size > cap:
                raise TooLarge(f"body exceeds the {cap}-byte cap")
            for piece in decoder.feed(raw):
                size += len(piece)
                if size > cap:
                    raise TooLarge(f"decoded body exceeds the {cap}-byte cap")
                if ratio and size > BOMB_MIN_BYTES and size > ratio * max(1, decoder.consumed):
                    raise DecompressionBomb(
                        f"body expands more than {ratio:g}x ({decoder.consumed} bytes gave {size} so far)"
                    )
                chunks.append(piece)
                if sniff and size >= 16:
                    sniff = False
                    _refuse_binary(b"".join(chunks[:16])[:16], ctype)
            if time.monotonic() > deadline:
                raise FetchTimeout(f"total timeout of {self.config.total_timeout}s exceeded")
        body = b"".join(chunks)
        if sniff:
            _refuse_binary(body, ctype)
        if body[:2] == b"\x1f\x8b" and ctype not in _GZIP_TYPES and (encoding or "").strip():
            # Compressed twice (a stored .gz served with Content-Encoding: gzip): undo the inner layer
            # too, under the same caps, so a page is its HTML and not gzip bytes.
            inner = _Decoder("gzip")
            pieces, size = [], 0
            for piece in inner.feed(body):
                size += len(piece)
                if size > cap:
                    raise TooLarge(f"decoded body exceeds the {cap}-byte cap")
                if ratio and size > BOMB_MIN_BYTES and size > ratio * max(1, raw_size):
                    raise DecompressionBomb(f"body expands more than {ratio:g}x ({raw_size} bytes gave {size})")
                pieces.append(piece)
            body = b"".join(pieces)
        return body

    def get_many(
        self, urls: Iterable[str], validators: Mapping[str, Validators] | None = None
    ) -> Iterator[FetchResult]:
        """Fetch many URLs concurrently, yielding results in input order."""
        known = validators or {}

        def one(url: str) -> FetchResult:
            return self.get(url, validators=known.get(url))

        with ThreadPoolExecutor(max_workers=max(1, self.config.concurrency)) as pool:
            yield from pool.map(one, urls)

    def get_conditional(
        self,
        url: str,
        cache: ConditionalCache,
        content_key: Callable[[bytes], str] | None = None,
        allowed_types: tuple[str, ...] | None = LISTING_CONTENT_TYPES,
    ) -> FetchResult:
        """GET with the cached validators; a 304 is answered from the cache.

        ``content_key`` says what "the content" is (for a feed: its entries, not its build date). Every
        ``conditional_verify_every``-th 304 in a row is checked with a full GET; a URL caught answering
        304 while its content changed, or keeping its validators while changing, stops being trusted
        and is fetched in full from then on.
        """
        key_of = content_key or _sha256
        entry = cache.get(url)
        conditional = entry is not None and entry.trusted and entry.body is not None and bool(entry.validators)
        cap = self.listing_max_bytes
        result = self.get(
            url, allowed_types, validators=entry.validators if conditional and entry else None, max_bytes=cap
        )
        if result.not_modified and entry is not None and conditional:
            count = cache.record_not_modified(url)
            every = self.config.conditional_verify_every
            if every and count % every == 0:
                check = self.get(url, allowed_types, max_bytes=cap)
                if check.ok and check.body is not None:
                    key = _safe_key(key_of, check.body)
                    if key != entry.content_key:
                        cache.distrust(url, "answered 304 Not Modified while its content had changed")
                    cache.store(url, check, key)
                    return check
            result.body = entry.body
            result.from_cache = True
            return result
        if result.ok and result.body is not None:
            key = _safe_key(key_of, result.body)
            fresh = Validators.from_headers(result.headers)
            if entry is not None and entry.trusted and entry.content_key is not None and key != entry.content_key:
                same_tag = bool(fresh.etag) and fresh.etag == entry.etag
                same_date = not fresh.etag and bool(fresh.last_modified) and fresh.last_modified == entry.last_modified
                if same_tag or same_date:
                    cache.distrust(url, "kept its validators while its content changed")
            cache.store(url, result, key)
        return result


_NOSCRIPT_RE = re.compile(rb"<noscript\b.*?(?:</noscript\s*>|$)|<!--.*?(?:-->|$)", re.I | re.S)
_META_TAG_RE = re.compile(rb"<meta\b[^>]*>", re.I)
_ATTR_RE = re.compile(rb"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_REFRESH_RE = re.compile(r"""^\s*(\d*(?:\.\d*)?)\s*(?:[;,]\s*(?:url\s*=\s*)?|url\s*=\s*)(.*)$""", re.I | re.S)
# A refresh later than this is a page that reloads itself now and then, not a redirect.
META_REFRESH_MAX_DELAY = 5.0


_HOME_PATH_RE = re.compile(r"^/?(?:(?:index|default|home)(?:\.\w{2,5})?|[a-z]{2}(?:[-_][a-zA-Z]{2})?/?)?$")


def _is_home_of(final: str, original: str) -> bool:
    """True if ``final`` is the home page of ``original``'s site and ``original`` was not one itself."""
    try:
        got, asked = urlsplit(final), urlsplit(original)
    except ValueError:
        return False
    same_site = (got.hostname or "").removeprefix("www.") == (asked.hostname or "").removeprefix("www.")
    return (
        same_site
        and not got.query
        and _HOME_PATH_RE.match(got.path) is not None
        and _HOME_PATH_RE.match(asked.path) is None
    )


def _header_text(value: str) -> str:
    """A header value kept as Latin-1 text, read as UTF-8 when its bytes are (a non-ASCII Location)."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def refresh_target(content: str, url: str) -> str | None:
    """Where a refresh value ('0; url=…', as in a Refresh header or a meta tag) sends the reader at once."""
    match = _REFRESH_RE.match(content or "")  # "5", "0; url=…", "0;URL='…'", "url=…"
    if not match or (match[1].strip(".") and float(match[1]) > META_REFRESH_MAX_DELAY):
        return None
    target = html.unescape(match[2]).strip().strip("\"'").strip()
    if not target:
        return None
    try:
        resolved = urljoin(url, target)
        scheme = urlsplit(resolved).scheme
    except ValueError:
        return None
    return resolved if scheme in ("http", "https") and resolved != url else None


class _CookieJar:
    """The cookies of one redirect chain (name=value per host or domain); never kept past the fetch."""

    def __init__(self) -> None:
        self._cookies: dict[tuple[str, bool, str], str] = {}  # (domain, host_only, name) -> value

    def update(self, host: str, set_cookies: list[bytes]) -> None:
        """Remember the Set-Cookie headers ``host`` answered with (an expired cookie is forgotten)."""
        for raw in set_cookies:
            text = raw.decode("latin-1")
            pair, _, attrs = text.partition(";")
            name, eq, value = pair.partition("=")
            if not eq or not name.strip():
                continue
            domain, host_only, expired = host, True, False
            for attr in attrs.split(";"):
                key, _, val = attr.partition("=")
                key, val = key.strip().lower(), val.strip().lower().lstrip(".")
                if key == "domain" and val and (host == val or host.endswith("." + val)):
                    domain, host_only = val, False
                elif key == "max-age" and val.lstrip("-").isdigit() and int(val) <= 0:
                    expired = True
            cookie = (domain, host_only, name.strip())
            if expired:
                self._cookies.pop(cookie, None)
            else:
                self._cookies[cookie] = value.strip()

    def header(self, host: str) -> bytes | None:
        """The Cookie header to send to ``host``, if any."""
        pairs = [
            f"{name}={value}"
            for (domain, host_only, name), value in sorted(self._cookies.items())
            if host == domain or (not host_only and host.endswith("." + domain))
        ]
        return "; ".join(pairs).encode("latin-1", "replace") if pairs else None

    def state(self) -> frozenset[tuple[tuple[str, bool, str], str]]:
        """What the jar holds now: a redirect back to a URL is a loop only if nothing was learnt since."""
        return frozenset(self._cookies.items())


def meta_refresh_target(body: bytes, url: str, content_type: str | None = None) -> str | None:
    """Where an HTML page's ``<meta http-equiv="refresh" content="0; url=…">`` sends the reader at once.

    None when there is no such tag, it has no URL (a periodic reload), it waits longer than
    META_REFRESH_MAX_DELAY seconds, or it sits in <noscript> (browsers running scripts ignore it).
    """
    ctype = media_type(content_type) or "text/html"
    if ctype not in ("text/html", "application/xhtml+xml"):
        return None
    head = body[:65536]
    if b"refresh" not in head.lower():
        return None
    for tag in _META_TAG_RE.findall(_NOSCRIPT_RE.sub(b"", head)):
        attrs = {m[1].lower(): (m[2] or m[3] or m[4]) for m in _ATTR_RE.finditer(tag)}
        if attrs.get(b"http-equiv", b"").strip().lower() != b"refresh":
            continue
        content = attrs.get(b"content", b"").decode("utf-8", "replace")
        return refresh_target(content, url)
    return None


def _failure(error_class: str, message: str) -> FetchError:
    """A FetchError carrying another failure's class (so a page shows its host's real problem)."""
    error = FetchError(message)
    error.error_class = error_class
    return error


def _safe_key(key_of: Callable[[bytes], str], body: bytes) -> str:
    """Content key, falling back to the body hash when the body cannot be interpreted."""
    try:
        return key_of(body)
    except Exception:  # noqa: BLE001 - a body the caller cannot parse is still content
        return _sha256(body)


def _kept_headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in raw:
        key = name.decode("latin-1").lower()
        if key in KEPT_HEADERS:
            text = value.decode("latin-1")
            out[key] = f"{out[key]}, {text}" if key in out else text
    return out


# -- charset detection ------------------------------------------------------------------------------

_CT_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.I)
_META_CHARSET_RE = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)
_MULTIBYTE = frozenset(
    {
        "utf-8",
        "utf-8-sig",
        "utf-16",
        "cp932",
        "shift_jis",
        "euc_jp",
        "iso2022_jp",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "big5hkscs",
        "cp950",
        "cp949",
        "euc_kr",
        "johab",
    }
)
# Single-byte Latin code pages a sniffer confuses with each other; chosen by language instead.
_LATIN = frozenset(
    {
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "iso8859-1",
        "iso8859-2",
        "iso8859-3",
        "iso8859-4",
        "iso8859-9",
        "iso8859-10",
        "iso8859-13",
        "iso8859-14",
        "iso8859-15",
        "iso8859-16",
        "latin_1",
        "mac-roman",
        "mac-latin2",
        "mac-turkish",
        "mac-iceland",
        "cp437",
        "cp850",
        "cp852",
        "cp858",
    }
)
_WHATWG_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859-9": "cp1254",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "utf-16": "utf-8",
    "utf-32": "utf-8",
}


def _codec(label: str | bytes | None) -> str | None:
    """Python codec for a charset label, mapped as browsers map it (latin-1 means windows-1252, …)."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().strip("\"'").lower()
    if label in ("x-sjis", "sjis", "ms_kanji", "windows-31j"):
        label = "cp932"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _guess(body: bytes) -> str | None:
    """Statistical guess with charset_normalizer, steered to the code page browsers would use."""
    import charset_normalizer

    matches = charset_normalizer.from_bytes(body[:65536])
    best = matches.best()
    if best is None:
        return None
    codec = _codec(best.encoding)
    if codec in _LATIN:
        # Latin code pages tie on short texts and the language guess is noise: windows-1252 (the web's
        # default) wins any tie; a Central European text in it would read as chaos and lose.
        for match in matches:
            if match.chaos <= best.chaos + 0.01 and "cp1252" in match.could_be_from_charset:
                return "cp1252"
    return codec


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """Charsets the response declares: the Content-Type header first, then <meta> or the XML declaration."""
    out: list[str] = []
    header = _CT_CHARSET_RE.search(content_type or "")
    head = body[:4096]
    for label in (header and header.group(1), _XML_DECL_RE.search(head), _META_CHARSET_RE.search(head)):
        if isinstance(label, re.Match):
            label = label.group(1)
        codec = _codec(label)
        if codec and codec not in out:
            out.append(codec)
    return out


def sniff_charset(body: bytes, content_type: str | None = None) -> str:
    """The codec to decode an HTML/XML/text body with.

    Order: byte-order mark; then each declaration (header, meta, XML) that fits the bytes; then a
    statistical guess. A multibyte declaration is checked by decoding strictly. A single-byte one
    (Latin-1, windows-1252, …) decodes anything, so it yields to bytes that are really UTF-8 or that
    a sniffer reads as a multibyte (CJK) encoding: these are the wrong declarations seen in practice.
    """
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return codec
    utf8 = _decodes(body, "utf-8")
    for codec in declared_charsets(body, content_type):
        if codec in _MULTIBYTE:
            if _decodes(body, codec):
                return codec
            continue
        if utf8 and not body.isascii():
            return "utf-8"
        guess = _guess(body)
        return guess if guess in _MULTIBYTE and guess != "utf-8" else codec
    if utf8:
        return "utf-8"
    return _guess(body) or "cp1252"


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode a fetched HTML/XML/text body to str (the raw archive keeps the bytes)."""
    return body.decode(sniff_charset(body, content_type), errors="replace")
