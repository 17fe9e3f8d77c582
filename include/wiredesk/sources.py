"""Discovery: turn each configured source into the items (URLs or local documents) of one day."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

import courlan
from lxml import etree

from wiredesk.config import SourceConfig
from wiredesk.fetch import Fetcher

# Feeds and sitemaps come from the network: never resolve entities or load DTDs (XML bombs, XXE).
_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)
_MAX_SITEMAPS = 50
_MAX_FEED_BYTES = 20 * 1024 * 1024
_DATE_DIR_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
DOCUMENT_SUFFIXES = (".html", ".htm", ".txt")


class DiscoveryError(Exception):
    """A source whose listing could not be read at all (feed down, malformed, missing folder)."""


@dataclass(frozen=True)
class Item:
    """One discovered document: where it is, which day it belongs to and how we know."""

    source_id: str
    url: str
    canonical_url: str
    title: str | None
    published_at: dt.datetime | None
    date_source: str
    day: dt.date
    local_path: str | None = None


def canonicalize_url(url: str) -> str:
    """Canonical form used to fetch one article once: tracking params, fragment and www removed."""
    if not url.startswith(("http://", "https://")):
        return url
    try:
        norm = courlan.normalize_url(url, strict=True)
    except (ValueError, AttributeError):
        norm = url
    return re.sub(r"^(https?://)www\.", r"\1", norm, flags=re.I)


def url_key(url: str) -> str:
    """Identity of an article URL regardless of http/https."""
    return re.sub(r"^https?://", "", canonicalize_url(url))


def _parse_date(value: str | None) -> dt.datetime | None:
    """Parse RFC 822 or ISO 8601 dates to aware UTC datetimes."""
    if not value:
        return None
    value = value.strip()
    parsed: dt.datetime | None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(el: etree._Element, *names: str) -> str | None:
    for child in el:
        if _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_feed(body: bytes, base_url: str) -> list[tuple[str, str | None, dt.datetime | None]]:
    """Entries (link, title, date) of an RSS 0.9x/1.0/2.0, Atom or JSON Feed document."""
    stripped = body.lstrip()
    if stripped[:1] == b"{":
        try:
            doc = json.loads(stripped)
        except ValueError as exc:
            raise DiscoveryError(f"malformed JSON feed: {exc}") from exc
        out = []
        for item in doc.get("items", []) if isinstance(doc, dict) else []:
            link = item.get("url") or item.get("external_url") or item.get("id")
            if isinstance(link, str) and link:
                date = _parse_date(item.get("date_published") or item.get("date_modified"))
                out.append((urljoin(base_url, link), item.get("title"), date))
        return out
    try:
        root = etree.fromstring(body, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"malformed feed XML: {exc}") from exc
    if root is None:
        raise DiscoveryError("empty or malformed feed")
    entries = []
    for el in root.iter():
        name = _local(el.tag)
        if name not in ("item", "entry"):
            continue
        link = None
        for child in el:
            if _local(child.tag) == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    link = href
                    break
                if not href and child.text and child.text.strip():
                    link = child.text.strip()
                    break
        if link is None:
            guid = _child_text(el, "guid", "id")
            if guid and guid.startswith("http"):
                link = guid
        if not link:
            continue
        date = _parse_date(_child_text(el, "pubdate", "published", "updated", "date", "issued"))
        entries.append((urljoin(base_url, link), _child_text(el, "title"), date))
    if not entries and _local(root.tag) not in ("rss", "feed", "rdf", "channel"):
        raise DiscoveryError(f"not a feed (root element <{_local(root.tag)}>)")
    return entries


def parse_sitemap(body: bytes) -> tuple[list[str], list[tuple[str, str | None, dt.datetime | None, str]]]:
    """Child sitemaps and URL entries (loc, title, date, date_source) of a sitemap document."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip_capped(body)
    try:
        root = etree.fromstring(body, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"malformed sitemap XML: {exc}") from exc
    if root is None:
        raise DiscoveryError("empty or malformed sitemap")
    children: list[str] = []
    urls = []
    for el in root:
        name = _local(el.tag)
        loc = _child_text(el, "loc")
        if not loc:
            continue
        if name == "sitemap":
            children.append(loc)
        elif name == "url":
            title = None
            date, source = None, "sitemap"
            for news in el.iter():
                if _local(news.tag) == "publication_date" and news.text:
                    date = _parse_date(news.text)
                elif _local(news.tag) == "title" and news.text and title is None:
                    title = news.text.strip()
            if date is None:
                date = _parse_date(_child_text(el, "lastmod"))
            urls.append((loc, title, date, source))
    return children, urls


def _gunzip_capped(data: bytes, cap: int = _MAX_FEED_BYTES) -> bytes:
    """Gunzip at most ``cap`` bytes; a bigger result is a decompression bomb."""
    with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as fh:
        out = fh.read(cap + 1)
    if len(out) > cap:
        raise DiscoveryError(f"compressed document expands beyond {cap} bytes")
    return out


def _item(source: SourceConfig, url: str, title: str | None, date: dt.datetime | None,
          date_source: str, first_seen: dt.date, local_path: str | None = None) -> Item:
    day = date.date() if date is not None else first_seen
    return Item(source.id, url, canonicalize_url(url), title, date, date_source if date else "first_seen",
                day, local_path)


def _directory_items(source: SourceConfig, first_seen: dt.date) -> Iterator[Item]:
    """Local documents; the day comes from a YYYY-MM-DD folder or name, else the file's mtime."""
    assert source.path is not None
    root = Path(source.path)
    if not root.is_dir():
        raise DiscoveryError(f"directory {root} does not exist")
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES):
        rel = path.relative_to(root).as_posix()
        match = _DATE_DIR_RE.search(rel)
        if match:
            date = dt.datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=dt.UTC)
            date_source = "path"
        else:
            date = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
            date_source = "file_mtime"
        url = f"file://{source.id}/{rel}"
        yield Item(source.id, url, url, None, date, date_source, date.date(), str(path))


def _warc_items(source: SourceConfig) -> Iterator[Item]:
    """HTML responses stored in a WARC file, dated by their WARC-Date."""
    from warcio.archiveiterator import ArchiveIterator

    assert source.path is not None
    path = Path(source.path)
    files = sorted(path.glob("*.warc*")) if path.is_dir() else [path]
    for warc in files:
        if not warc.exists():
            raise DiscoveryError(f"WARC file {warc} does not exist")
        with open(warc, "rb") as fh:
            for offset_record in ArchiveIterator(fh):
                record = offset_record
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                date = _parse_date(record.rec_headers.get_header("WARC-Date"))
                if not url or date is None:
                    continue
                yield Item(source.id, url, canonicalize_url(url), None, date, "warc", date.date(),
                           f"warc://{warc}")


def discover(source: SourceConfig, day: dt.date, fetcher: Fetcher, first_seen: dt.date | None = None) -> list[Item]:
    """Items of ``source`` that belong to ``day``, deduplicated by canonical URL, in a stable order.

    An item belongs to a day by its feed/sitemap/WARC/path date; an undated item by the day
    it was first seen (``first_seen``, the run's day by default).
    """
    first_seen = first_seen or day
    items: list[Item] = []
    if source.kind == "rss":
        assert source.url is not None
        result = fetcher.get(source.url)
        if not result.ok or result.body is None:
            raise DiscoveryError(f"feed {source.url}: {result.error_class}: {result.error_message}")
        for link, title, date in parse_feed(result.body, result.final_url or source.url):
            items.append(_item(source, link, title, date, "feed", first_seen))
    elif source.kind == "sitemap":
        assert source.url is not None
        queue, seen_maps = [source.url], set()
        while queue and len(seen_maps) < _MAX_SITEMAPS:
            map_url = queue.pop(0)
            if map_url in seen_maps:
                continue
            seen_maps.add(map_url)
            result = fetcher.get(map_url)
            if not result.ok or result.body is None:
                raise DiscoveryError(f"sitemap {map_url}: {result.error_class}: {result.error_message}")
            children, entries = parse_sitemap(result.body)
            queue.extend(urljoin(map_url, c) for c in children)
            for loc, title, date, date_source in entries:
                items.append(_item(source, urljoin(map_url, loc), title, date, date_source, first_seen))
    elif source.kind == "urls":
        urls = list(source.urls)
        if source.path:
            try:
                lines = Path(source.path).read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise DiscoveryError(f"URL list {source.path}: {exc}") from exc
            urls += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        items = [_item(source, u, None, None, "first_seen", first_seen) for u in urls]
    elif source.kind == "directory":
        items = list(_directory_items(source, first_seen))
    elif source.kind == "warc":
        items = list(_warc_items(source))
    else:  # pragma: no cover - config validation forbids it
        raise DiscoveryError(f"unknown source kind {source.kind}")

    picked: dict[str, Item] = {}
    for item in items:
        if item.day != day or not source.accepts(item.url):
            continue
        picked.setdefault(url_key(item.canonical_url), item)
    ordered = sorted(picked.values(), key=lambda i: (i.canonical_url, i.url))
    if source.max_items is not None:
        ordered = ordered[: source.max_items]
    return ordered
