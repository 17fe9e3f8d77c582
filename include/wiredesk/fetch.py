"""Polite, guarded HTTP fetching: robots.txt, per-host limits, retries, size caps, SSRF guard."""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import json
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from wiredesk.config import FetchConfig

ALLOWED_CONTENT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/x-gzip",
    "application/gzip",
)
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language", "date", "retry-after")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """A fetch that ended without a usable body; ``error_class`` is a stable short name."""

    error_class = "FetchError"


class BlockedAddress(FetchError):
    """The host resolves to an address the config does not allow (SSRF guard)."""

    error_class = "BlockedAddress"


class RobotsDisallowed(FetchError):
    """robots.txt forbids this URL for our User-Agent."""

    error_class = "RobotsDisallowed"


class TooLarge(FetchError):
    """The body exceeded the configured size cap."""

    error_class = "TooLarge"


class BadContentType(FetchError):
    """The server answered with a content type we do not process."""

    error_class = "BadContentType"


class TooManyRedirects(FetchError):
    """The redirect chain was longer than allowed or looped."""

    error_class = "TooManyRedirects"


class HTTPStatusError(FetchError):
    """A non-success HTTP status after retries."""

    error_class = "HTTPStatus"


def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` to its IP addresses with the system resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


def is_public_address(ip: str) -> bool:
    """True if ``ip`` is a globally routable address (not private, loopback, link-local, …)."""
    addr = ipaddress.ip_address(ip)
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_global and not addr.is_multicast


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

    @property
    def ok(self) -> bool:
        """True when a body was fetched with a 2xx status."""
        return self.error_class is None and self.body is not None

    @property
    def content_type(self) -> str | None:
        """The media type without parameters."""
        value = self.headers.get("content-type")
        return value.split(";")[0].strip().lower() if value else None

    @property
    def content_hash(self) -> str | None:
        """sha256 of the body."""
        return hashlib.sha256(self.body).hexdigest() if self.body is not None else None

    def headers_json(self) -> str:
        """The kept headers as JSON."""
        return json.dumps(self.headers, sort_keys=True)


class _HostGate:
    """Per-host concurrency limit plus a minimum delay between request starts."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self._sem = threading.BoundedSemaphore(max(1, concurrency))
        self._delay = delay
        self._lock = threading.Lock()
        self._next = 0.0

    def __enter__(self) -> None:
        self._sem.acquire()
        with self._lock:
            now = time.monotonic()
            wait = self._next - now
            self._next = max(now, self._next) + self._delay
        if wait > 0:
            time.sleep(wait)

    def __exit__(self, *exc: object) -> None:
        self._sem.release()


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
        timeout = httpx.Timeout(
            connect=self.config.connect_timeout,
            read=self.config.read_timeout,
            write=self.config.read_timeout,
            pool=self.config.total_timeout,
        )
        # trust_env=False: a proxy from the environment would bypass the address guard.
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=max(4, self.config.concurrency * 2)),
        )
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close pooled connections."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = _HostGate(self.config.per_host_concurrency, self.config.per_host_delay)
                self._gates[host] = gate
            return gate

    def check_address(self, url: str) -> None:
        """Raise BlockedAddress unless every address of the URL's host is allowed."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BlockedAddress(f"only http(s) URLs with a host are fetched: {url}")
        if self.config.allow_private_networks:
            return
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = self.resolver(parts.hostname, port)
        except OSError as exc:
            raise FetchError(f"cannot resolve {parts.hostname}: {exc}") from exc
        blocked = [ip for ip in addresses if not is_public_address(ip)]
        if blocked or not addresses:
            raise BlockedAddress(
                f"{parts.hostname} resolves to non-public address {', '.join(blocked) or '(none)'}; "
                "set fetch.allow_private_networks: true to allow it"
            )

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            if origin in self._robots:
                return self._robots[origin]
        parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
        result = self._request(origin + "/robots.txt", check_robots=False, allowed_types=None)
        assert parser is not None
        if result.ok and result.body is not None:
            parser.parse(result.body.decode("utf-8", "replace").splitlines())
        elif result.status in (401, 403):
            parser.disallow_all = True
        else:
            parser = None  # no robots.txt (404, error): everything is allowed
        with self._lock:
            self._robots[origin] = parser
        return parser

    def get(self, url: str, allowed_types: tuple[str, ...] | None = ALLOWED_CONTENT_TYPES) -> FetchResult:
        """Fetch ``url`` with retries; never raises for network or HTTP problems."""
        return self._request(url, check_robots=self.config.respect_robots, allowed_types=allowed_types)

    def _request(self, url: str, check_robots: bool, allowed_types: tuple[str, ...] | None) -> FetchResult:
        result = FetchResult(url=url, fetched_at=time.time())
        try:
            if check_robots:
                robots = self._robots_for(url)
                if robots is not None and not robots.can_fetch(self.config.user_agent, url):
                    raise RobotsDisallowed(f"robots.txt disallows {url}")
            self._follow(url, result, allowed_types)
        except FetchError as exc:
            result.error_class = exc.error_class
            result.error_message = str(exc)
            result.body = None
        return result

    def _follow(self, url: str, result: FetchResult, allowed_types: tuple[str, ...] | None) -> None:
        seen = {url}
        current = url
        for _ in range(self.config.max_redirects + 1):
            self.check_address(current)
            status, headers, body = self._with_retries(current, result)
            result.final_url = current
            result.status = status
            result.headers = headers
            if status in (301, 302, 303, 307, 308) and "location" in headers:
                nxt = urljoin(current, headers["location"])
                if nxt in seen:
                    raise TooManyRedirects(f"redirect loop at {nxt}")
                seen.add(nxt)
                current = nxt
                continue
            if not 200 <= status < 300:
                raise HTTPStatusError(f"HTTP {status} for {current}")
            ctype = result.content_type
            if allowed_types is not None and ctype is not None and ctype not in allowed_types:
                raise BadContentType(f"content type {ctype} is not processed")
            result.body = body
            return
        raise TooManyRedirects(f"more than {self.config.max_redirects} redirects from {url}")

    def _with_retries(self, url: str, result: FetchResult) -> tuple[int, dict[str, str], bytes]:
        host = urlsplit(url).netloc
        last_error: Exception | None = None
        for attempt in range(self.config.retries + 1):
            result.attempts += 1
            try:
                with self._gate(host):
                    status, headers, body = self._once(url)
            except (httpx.TransportError, httpx.DecodingError) as exc:
                last_error = exc
                if attempt < self.config.retries:
                    self.sleep(self.config.backoff * 2**attempt)
                    continue
                raise FetchError(f"{type(exc).__name__}: {exc or 'connection failed'}") from exc
            if status in RETRY_STATUSES and attempt < self.config.retries:
                delay = self._retry_after(headers.get("retry-after"))
                if delay is None:
                    delay = self.config.backoff * 2**attempt
                if delay > self.config.max_retry_after:
                    return status, headers, body
                self.sleep(delay)
                continue
            return status, headers, body
        raise FetchError(str(last_error))  # pragma: no cover - loop always returns or raises

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
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())

    def _once(self, url: str) -> tuple[int, dict[str, str], bytes]:
        cap = self.config.max_bytes
        with self._client.stream("GET", url, timeout=self._client.timeout) as response:
            headers = {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers}
            if "location" in response.headers:
                headers["location"] = response.headers["location"]
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise TooLarge(f"Content-Length {declared} exceeds the {cap}-byte cap")
            chunks: list[bytes] = []
            size = 0
            deadline = time.monotonic() + self.config.total_timeout
            # iter_bytes decodes gzip/deflate incrementally, so the cap also bounds a decompression bomb.
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise TooLarge(f"body exceeds the {cap}-byte cap")
                if time.monotonic() > deadline:
                    raise FetchError(f"total timeout of {self.config.total_timeout}s exceeded")
                chunks.append(chunk)
            return response.status_code, headers, b"".join(chunks)

    def get_many(self, urls: Iterable[str]) -> Iterator[FetchResult]:
        """Fetch many URLs concurrently, yielding results in input order."""
        with ThreadPoolExecutor(max_workers=max(1, self.config.concurrency)) as pool:
            yield from pool.map(self.get, urls)
