"""Load and validate the sources config (YAML); errors name the file, the key and the reason."""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SOURCE_KINDS = ("rss", "sitemap", "urls", "directory", "warc")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class ConfigError(ValueError):
    """A config file that cannot be used; the message says where and why."""

    def __init__(self, path: Path | str, key: str, reason: str) -> None:
        super().__init__(f"{path}: {key}: {reason}")
        self.path = str(path)
        self.key = key
        self.reason = reason


@dataclass(frozen=True)
class FetchConfig:
    """Politeness and safety limits for HTTP fetching."""

    allow_private_networks: bool = False
    user_agent: str = "wiredesk/0.1 (+https://github.com/wiredesk/wiredesk; news archiving bot)"
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    per_host_concurrency: int = 2
    per_host_delay: float = 0.5
    concurrency: int = 8
    respect_robots: bool = True
    # Networks (CIDR) always allowed by the address guard, e.g. ["127.0.0.0/8"] for a local mirror;
    # narrower than allow_private_networks, and the only way to reach a cloud-metadata address.
    allowed_networks: tuple[str, ...] = ()
    max_crawl_delay: float = 10.0  # a robots.txt Crawl-delay is honoured up to this many seconds
    max_compression_ratio: float = 100.0  # a body expanding more than this (past 1 MiB) is a bomb
    conditional_verify_every: int = 4  # every Nth 304 in a row from a feed is checked with a full GET
    # A run claims undated feed items (first seen now) only if its day ended at most this many days
    # ago: a backfill of an older day never takes today's undated items.
    first_seen_window_days: int = 1


@dataclass(frozen=True)
class SourceConfig:
    """One configured source of article URLs or documents."""

    id: str
    kind: str
    url: str | None = None
    path: str | None = None
    urls: tuple[str, ...] = ()
    enabled: bool = True
    max_items: int | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    language: str | None = None
    profile: str | None = None

    def accepts(self, url: str) -> bool:
        """True if ``url`` passes this source's include/exclude patterns."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)


@dataclass(frozen=True)
class DedupConfig:
    """Copy-cluster and story-link thresholds."""

    window_days: int = 7
    story_window_days: int = 3


@dataclass(frozen=True)
class Config:
    """A whole validated config file."""

    path: Path
    sources: tuple[SourceConfig, ...]
    fetch: FetchConfig = field(default_factory=FetchConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)

    def source(self, source_id: str) -> SourceConfig:
        """Return the source named ``source_id`` or raise KeyError."""
        for src in self.sources:
            if src.id == source_id:
                return src
        raise KeyError(f"no source {source_id!r} in {self.path}")

    @property
    def enabled_sources(self) -> tuple[SourceConfig, ...]:
        """Sources that take part in a run."""
        return tuple(s for s in self.sources if s.enabled)


def _check_type(path: Path, key: str, value: Any, types: type | tuple[type, ...], what: str) -> None:
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise ConfigError(path, key, f"must be {what}, got {value!r}")
    if not isinstance(value, types):
        raise ConfigError(path, key, f"must be {what}, got {type(value).__name__} {value!r}")


# Settings for which 0 means nothing works (every fetch times out, every body is too large, no
# request may start); the others take 0 as "none" (no delay, no retries, no ratio limit, …).
_POSITIVE = frozenset(
    {"connect_timeout", "read_timeout", "total_timeout", "max_bytes", "per_host_concurrency", "concurrency"}
)
# Which location keys each source kind reads; giving another is a mistake worth stopping for.
_LOCATION_KEYS = {
    "rss": ("url",),
    "sitemap": ("url",),
    "urls": ("urls", "path"),
    "directory": ("path",),
    "warc": ("path",),
}


def _dataclass_from(path: Path, prefix: str, cls: type, raw: Any) -> Any:
    """Build a flat settings dataclass from a mapping, rejecting unknown keys and wrong types."""
    if raw is None:
        return cls()
    if not isinstance(raw, dict):
        raise ConfigError(path, prefix, "must be a mapping")
    defaults = cls()
    fields = {f.name for f in dataclasses.fields(defaults)}
    kwargs = {}
    for key, value in raw.items():
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise ConfigError(path, f"{prefix}.{key}", f"unknown key (known keys: {known})")
        default = getattr(defaults, key)
        if isinstance(default, bool):
            _check_type(path, f"{prefix}.{key}", value, bool, "true or false")
        elif isinstance(default, int):
            _check_type(path, f"{prefix}.{key}", value, int, "an integer")
            if value < 0:
                raise ConfigError(path, f"{prefix}.{key}", "must not be negative")
            if value == 0 and key in _POSITIVE:
                raise ConfigError(path, f"{prefix}.{key}", "must be at least 1")
        elif isinstance(default, float):
            _check_type(path, f"{prefix}.{key}", value, (int, float), "a number")
            if value < 0:
                raise ConfigError(path, f"{prefix}.{key}", "must not be negative")
            if value == 0 and key in _POSITIVE:
                raise ConfigError(path, f"{prefix}.{key}", "must be more than 0")
            value = float(value)
        elif isinstance(default, str):
            _check_type(path, f"{prefix}.{key}", value, str, "a string")
        elif isinstance(default, tuple):
            value = _str_list(path, f"{prefix}.{key}", value)
        kwargs[key] = value
    return cls(**kwargs)


def _str_list(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "must be a list of strings")
    return tuple(value)


def _source(path: Path, index: int, raw: Any, base_dir: Path) -> SourceConfig:
    where = f"sources[{index}]"
    if not isinstance(raw, dict):
        raise ConfigError(path, where, "must be a mapping with id and kind")
    sid = raw.get("id")
    if sid is None:
        raise ConfigError(path, f"{where}.id", "is required")
    if not isinstance(sid, str) or not _ID_RE.match(sid):
        raise ConfigError(path, f"{where}.id", f"{sid!r} must be lowercase letters, digits, - or _")
    where = f"sources[{sid}]"
    known = set(SourceConfig.__dataclass_fields__)
    for key in raw:
        if key not in known:
            raise ConfigError(path, f"{where}.{key}", f"unknown key (known keys: {', '.join(sorted(known))})")
    kind = raw.get("kind")
    if kind not in SOURCE_KINDS:
        raise ConfigError(path, f"{where}.kind", f"must be one of {', '.join(SOURCE_KINDS)}, got {kind!r}")
    for key in ("url", "urls", "path"):
        if raw.get(key) is not None and key not in _LOCATION_KEYS[kind]:
            reads = " or ".join(_LOCATION_KEYS[kind])
            raise ConfigError(path, f"{where}.{key}", f"is not used by kind {kind} (it reads {reads})")
    url, src_path = raw.get("url"), raw.get("path")
    urls = tuple(u.strip() for u in _str_list(path, f"{where}.urls", raw.get("urls")) if u.strip())
    if url is not None:
        _check_type(path, f"{where}.url", url, str, "a string")
        url = url.strip()  # YAML keeps spaces inside quotes
        if not re.match(r"^https?://\S+$", url):
            raise ConfigError(path, f"{where}.url", f"must be an http(s) URL, got {url!r}")
    if src_path is not None:
        _check_type(path, f"{where}.path", src_path, str, "a string")
        p = Path(src_path)
        src_path = str(p if p.is_absolute() else (base_dir / p))
    needs = {"rss": "url", "sitemap": "url", "directory": "path", "warc": "path"}
    if kind in needs and not (url if needs[kind] == "url" else src_path):
        raise ConfigError(path, f"{where}.{needs[kind]}", f"is required for kind {kind}")
    if kind == "urls" and not urls and not src_path:
        raise ConfigError(path, f"{where}.urls", "kind urls needs a urls list or a path to a file of URLs")
    max_items = raw.get("max_items")
    if max_items is not None:
        _check_type(path, f"{where}.max_items", max_items, int, "an integer")
        if max_items < 1:
            raise ConfigError(path, f"{where}.max_items", "must be at least 1")
    enabled = raw.get("enabled", True)
    _check_type(path, f"{where}.enabled", enabled, bool, "true or false")
    include = _str_list(path, f"{where}.include", raw.get("include"))
    exclude = _str_list(path, f"{where}.exclude", raw.get("exclude"))
    for key, patterns in (("include", include), ("exclude", exclude)):
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(path, f"{where}.{key}", f"bad regular expression {pattern!r}: {exc}") from exc
    for key in ("language", "profile"):
        if raw.get(key) is not None:
            _check_type(path, f"{where}.{key}", raw[key], str, "a string")
    return SourceConfig(
        id=sid,
        kind=kind,
        url=url,
        path=src_path,
        urls=urls,
        enabled=enabled,
        max_items=max_items,
        include=include,
        exclude=exclude,
        language=raw.get("language"),
        profile=raw.get("profile"),
    )


def load_config(path: str | Path) -> Config:
    """Read and validate a config file; relative source paths resolve against the file's folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(path, "(file)", f"cannot read: {exc.strerror or exc}") from exc
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(path, "(yaml)", f"not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(path, "(top level)", "must be a mapping with a sources: list")
    for key in raw:
        if key not in ("sources", "fetch", "dedup"):
            raise ConfigError(path, str(key), "unknown top-level key (known: sources, fetch, dedup)")
    sources_raw = raw.get("sources")
    if not isinstance(sources_raw, list) or not sources_raw:
        raise ConfigError(path, "sources", "must be a non-empty list")
    base_dir = path.parent.absolute()
    sources = tuple(_source(path, i, s, base_dir) for i, s in enumerate(sources_raw))
    seen: set[str] = set()
    for src in sources:
        if src.id in seen:
            raise ConfigError(path, f"sources[{src.id}].id", "is used by two sources")
        seen.add(src.id)
    fetch = _dataclass_from(path, "fetch", FetchConfig, raw.get("fetch"))
    for network in fetch.allowed_networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as exc:
            raise ConfigError(path, "fetch.allowed_networks", f"{network!r} is not a network: {exc}") from exc
    return Config(
        path=path.absolute(),
        sources=sources,
        fetch=fetch,
        dedup=_dataclass_from(path, "dedup", DedupConfig, raw.get("dedup")),
    )
