"""Discovery: turn each configured source into the items (URLs or local documents) of one day.

The day rule
------------
* An item belongs to the UTC day of its own date: the feed's ``pubDate``/``published``/``updated``,
  a news sitemap's ``news:publication_date`` (else ``lastmod``), a WARC record's ``WARC-Date``, a
  ``YYYY-MM-DD`` in a local file's path (else its mtime), or the day of a dated URL list. Dates are
  read as _parse_date says: RFC 822, ISO 8601, looser and localized forms; named zones as newsrooms
  mean them (IST = India); 'GMT+3' east of UTC; no zone = UTC; CMS placeholders (year < 1990) = none.
* An undated item (a feed entry without a date, a plain URL list) belongs to the day it was first
  seen. Only a *live* run claims it: one whose day ended at most ``fetch.first_seen_window_days``
  before the listing was read. A backfill of an older day never takes today's undated items.
* A late arrival (an item dated within that window before the day, which appeared in the listing
  only after its own day's run and so was never claimed) is taken by the live run that first sees it,
  so the minutes around midnight lose nothing.
* Once a live listing (rss, sitemap, urls) assigns an item to a day, the first-seen ledger
  (``<data_dir>/_state/first_seen/<source>.parquet``) pins it there, so a later run, a re-run or a
  backfill never assigns the same URL to a second day.
* A re-run or backfill of a day also takes every item the raw archive already holds for that day and
  source, so an item that has left the feed since is neither lost nor refetched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import gzip
import hashlib
import html.entities
import io
import json
import logging
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from wiredesk.config import SourceConfig
from wiredesk.fetch import LISTING_CONTENT_TYPES, LISTING_MAX_BYTES, ConditionalCache, Fetcher, TooLarge

_log = logging.getLogger(__name__)

# Feeds and sitemaps come from the network: never resolve entities or load DTDs (XML bombs, XXE).
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_XML_RECOVER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
_MAX_SITEMAPS = 200
_MIN_YEAR = 1990
P = ParamSpec("P")
R = TypeVar("R")
_MAX_FEED_BYTES = LISTING_MAX_BYTES  # a gzipped sitemap may expand to the protocol's 50 MB
_DATE_DIR_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
DOCUMENT_SUFFIXES = (".html", ".htm", ".txt")
LIVE_KINDS = ("rss", "sitemap", "urls")
WARC_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_LEDGER_KEEP_DAYS = 400
_SCHEME_RE = re.compile(r"^https?://")

# Query parameters that only say how a reader arrived; dropping them keeps one article one URL.
_TRACKING_PREFIXES = (
    "utm_",
    "mc_",
    "pk_",
    "mtm_",
    "matomo_",
    "itm_",
    "at_",
    "hsa_",
    "vero_",
    "oly_",
    "ns_",
    "wt.",
    "_hs",
    "ga_",
    "_ga",
    "_gl",
    "soc_",
    "fb_",
)
_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "igsh",
        "li_fat_id",
        "mkt_tok",
        "ocid",
        "cmpid",
        "xtor",
        "ito",
        "smid",
        "smtyp",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "referer",
        "rss",
        "s_cid",
        "ncid",
        "sr_share",
        "spm",
        "trk",
        "trkcampaign",
        "ranmid",
        "raneaid",
        "ransiteid",
        "__twitter_impression",
        "cmp",
    }
)


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


@dataclass(frozen=True)
class _Candidate:
    url: str
    title: str | None
    date: dt.datetime | None
    date_source: str
    local_path: str | None = None


_PERCENT_RE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _percent(match: re.Match[str]) -> str:
    """One percent-escape in its normal form: an unreserved character as itself, else upper-case hex."""
    char = chr(int(match[1], 16))
    return char if char in _UNRESERVED else f"%{match[1].upper()}"


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in _TRACKING_NAMES or low.startswith(_TRACKING_PREFIXES)


def canonicalize_url(url: str) -> str:
    """Canonical form used to fetch one article once.

    Lower-case scheme and host, no ``www.``, no default port, no fragment, no tracking parameters
    (``utm_*``, ``fbclid``, …), remaining parameters sorted. Parameters that may identify an article
    (``id``, ``storyid``, ``p``, …) are kept: two articles must never share a canonical URL.
    """
    if not url.startswith(("http://", "https://", "HTTP://", "HTTPS://")):
        return url
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if not host.isascii():
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")  # bücher.test and xn--bcher-kva.test are one host
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = _PERCENT_RE.sub(_percent, parts.path or "/")
    if "/." in path and not path.startswith("//"):
        path = urlsplit(urljoin("http://h/", path)).path  # '/a/../b' is '/b' (RFC 3986 dot segments)
    path = quote(path, safe="/%:@!$&'()*+,;=-._~")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def url_key(url: str) -> str:
    """Identity of an article URL regardless of http/https."""
    return _SCHEME_RE.sub("", canonicalize_url(url))


def _canonical_key(canonical: str) -> str:
    """url_key of a URL that is already canonical (canonicalization is idempotent)."""
    return _SCHEME_RE.sub("", canonical)


# "GMT+3", "UTC-05:30": an offset east (+) or west (-) of UTC, as feeds mean it (not the POSIX reading).
_GMT_OFFSET_RE = re.compile(r"\b(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*$", re.I)
_TRAILING_ZONE_RE = re.compile(r"(?:\s|(?<=\d))\(?([A-Za-z]{2,5})\)?\s*$")
_HAS_OFFSET_RE = re.compile(r"(?:[+-]\d{2}:?\d{2}|\bZ|\b(?:UTC|GMT|UT)\b|[A-Z]{3,4})\s*$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never part of a date (and slow to rule out)
_DOUBLE_ZONE_RE = re.compile(r"([+-]\d{2}:?\d{2})\s*Z$")
_AM_PM_RE = re.compile(r"\b(1[0-2]|0?[1-9]):([0-5]\d)(?::([0-5]\d))?\s*([AaPp])\.?[Mm]\.?(?!\w)")
_COLON_OFFSET_RE = re.compile(r"(?<=\s)([+-])(\d{2}):(\d{2})$")  # '… 10:00:00 +01:00' (not ISO's '…00+01:00')


def _zone_offsets() -> dict[str, int]:
    from wiredesk.clean import _TZINFOS  # the newsroom reading of zone abbreviations (IST = India)

    return _TZINFOS


def _twenty_four_hour(match: re.Match[str]) -> str:
    hour = int(match[1]) % 12 + (12 if match[4].lower() == "p" else 0)
    return f"{hour:02d}:{match[2]}:{match[3] or '00'}"


def _normalise_zone(value: str) -> str:
    """Write a trailing 'GMT+3' or a named zone (CET, IST, JST, …) as a numeric offset, +HHMM.

    Also '10:00 PM' as '22:00:00' and an RFC 822 offset written '+01:00' as '+0100', which
    email.utils would otherwise drop (reading the time as UTC).
    """
    value = _AM_PM_RE.sub(_twenty_four_hour, value)
    value = _COLON_OFFSET_RE.sub(r"\1\2\3", value)
    match = _GMT_OFFSET_RE.search(value)
    if match:
        return f"{value[: match.start()].rstrip()} {match[1]}{int(match[2]):02d}{match[3] or '00'}"
    value = _DOUBLE_ZONE_RE.sub(r"\1", value)  # '…+00:00Z': the offset says it all
    match = _TRAILING_ZONE_RE.search(value)
    if match:
        seconds = 0 if match[1].upper() in ("UTC", "GMT", "UT", "Z") else _zone_offsets().get(match[1].upper())
        if seconds is not None:
            sign, seconds = ("-", -seconds) if seconds < 0 else ("+", seconds)
            return f"{value[: match.start()]} {sign}{seconds // 3600:02d}{seconds % 3600 // 60:02d}"
    return value


# The languages whose month and weekday names dateparser tries (all ~200 locales make every
# string that is not a date cost up to a second).
_NEWS_LANGUAGES = (
    "en fr de es it pt nl ru pl tr sv da nb fi cs ro hu el uk ar zh ja ko id vi he fa hi ca hr sk sl bg sr lt lv "
    "et ms th bn"
).split()


@functools.lru_cache(maxsize=4096)
def _parse_loose(value: str) -> dt.datetime | None:
    """A feed date in another language or layout ('dim., 22 mars 2024 10:00 +0100', '2024/03/05 10:00').

    dateparser (which htmldate brings) reads month and weekday names of many languages; only absolute
    dates with day, month and year count ('yesterday' or 'March 2024' are not a feed item's date).
    """
    # A day, a month and a year: two groups of digits at least (or a Unix timestamp).
    if len(value) > 100 or (len(re.findall(r"\d+", value)) < 2 and not re.fullmatch(r"\d{9,10}", value)):
        return None
    import dateparser

    settings = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "STRICT_PARSING": True,
        "PARSERS": ["timestamp", "absolute-time"],
    }
    if re.search(r"(?<!\d)\d{1,2}\.\d{1,2}\.\d{2,4}(?!\d)", value):
        settings["DATE_ORDER"] = "DMY"  # '05.03.2024' is day first wherever dots separate a numeric date
    try:
        return dateparser.parse(value, settings=settings, languages=list(_NEWS_LANGUAGES))
    except (ValueError, OverflowError, TypeError):  # pragma: no cover - dateparser's own failures
        return None


_IANA_ZONE_RE = re.compile(
    r"\s*\[?\b((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)"
    r"/[A-Za-z_+-]+(?:/[A-Za-z_]+)?)\]?\s*$"
)


def _in_zone(value: str, zone: str) -> dt.datetime | None:
    """A date written in the named IANA zone (its own offset, if it has one, wins)."""
    import zoneinfo

    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = None
    parsed = _parse_date(value)
    if parsed is None or tz is None or _HAS_OFFSET_RE.search(value):
        return parsed
    return parsed.replace(tzinfo=tz).astimezone(dt.UTC)  # parsed as UTC wall time: re-read it in the zone


def _parse_date(value: str | None) -> dt.datetime | None:
    """Parse a feed or sitemap date (RFC 822, ISO 8601, or a looser or localized form) to aware UTC.

    A named zone is read as newsrooms mean it (EST, CET, IST = India, JST, …), 'GMT+3' is three hours
    east of UTC, and a date without a zone is taken as UTC.
    """
    if not value:
        return None
    value = " ".join(_CONTROL_RE.sub("", value).split())
    if not value:
        return None
    iana = _IANA_ZONE_RE.search(value)
    if iana is not None:  # '2024-03-05T10:00:00 Europe/Paris', '…[America/New_York]' (RFC 9557)
        return _in_zone(value[: iana.start()], iana[1])
    value = _normalise_zone(value)
    parsed: dt.datetime | None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" +", "+").replace(" -", "-"))
        except ValueError:
            parsed = _parse_loose(value)
            if parsed is None:
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    if parsed.year < _MIN_YEAR:  # '0000-00-00', '-0001-11-30': a CMS's placeholder, not a date
        return None
    return parsed.astimezone(dt.UTC)


# '&' escaped once more than XML needs ('?a=1&amp;amp;b=2' in the file, a plugin escaping twice):
# after XML decoding the link still says '&amp;', which no server means.
_DOUBLE_ESCAPED_AMP_RE = re.compile(r"&(?:amp;)+|&#0*38;|&#[xX]0*26;")


def _join(base: str | None, link: str) -> str:
    """``link`` made absolute against ``base``; a link urljoin cannot parse ('http://[::1') is kept as is.

    Kept, not dropped: it is then one reject with its reason (an invalid URL), not a lost item. An
    ampersand escaped twice is read as the ampersand it stands for.
    """
    link = _DOUBLE_ESCAPED_AMP_RE.sub("&", link)
    try:
        return urljoin(base or "", link)
    except ValueError:
        return link


def _local(tag: object) -> str:
    """Local name of an element's tag, lower-case: '{ns}item', 'rdf:RDF' (a prefix a recovered tree
    never declared, which etree.QName refuses) and 'item' all give their last part."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].rpartition(":")[2].lower()


def _text(el: etree._Element) -> str | None:
    """An element's stripped text, or None; a recovered tree may hold bytes lxml cannot decode."""
    try:
        text = el.text
    except (UnicodeError, ValueError):
        return None
    return text.strip() or None if text else None


def _child_text(el: etree._Element, *names: str) -> str | None:
    """Text of the first child named by ``names``, in the order of ``names`` (priority, not position)."""
    found: dict[str, str] = {}
    for child in el:
        name = _local(child.tag)
        if name in names and name not in found and (text := _text(child)):
            found[name] = text
    return next((found[n] for n in names if n in found), None)


_REFUSED = "document declares XML entities; refused (possible entity-expansion bomb or XXE)"
_ENTITY_DECL_RE = re.compile(
    rb"""<!ENTITY\s+(%\s+)?([A-Za-z_][\w.-]*)\s+(?:(SYSTEM|PUBLIC)\b[^>]*|(["'])(.*?)\4\s*)>""", re.S
)
_ENTITY_REF_RE = re.compile(rb"&([A-Za-z_][\w.-]*);")
_NOT_CHAR_REF_RE = re.compile(rb"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;)")
_MAX_ENTITY_VALUE = 10  # '&#160;', '&#x2014;', a letter or two: inlining one can at most triple a body


def refuse_entities(body: bytes) -> bytes:
    """The document without its internal DTD subset, or DiscoveryError if that subset could hurt.

    Feeds never need entities, and declared ones are how billion-laughs bombs and XXE work: any
    parameter or external (SYSTEM/PUBLIC) entity, or one whose value refers to other entities or is
    longer than a character or two, is refused. What old feed generators do declare — HTML names for
    characters, ``<!ENTITY nbsp "&#160;">``, or W3C's XHTML entity sets by public id — is inlined or
    dropped with the subset (nothing is ever loaded), so the feed reads; HTML names left undefined are
    mended later like any other.
    """
    start = body.find(b"<!DOCTYPE", 0, 65536)
    if start < 0:
        return body
    bracket = body.find(b"[", start)
    close = body.find(b">", start)
    if bracket < 0 or (0 <= close < bracket):
        return body  # no internal subset, so nothing declared
    end = body.find(b"]>", bracket)
    subset = body[bracket : end if end > 0 else len(body)]
    if b"<!ENTITY" not in subset:
        return body
    decls = list(_ENTITY_DECL_RE.finditer(subset))
    if end < 0 or len(decls) != subset.count(b"<!ENTITY") or len(decls) > 256:
        raise DiscoveryError(_REFUSED)
    values: dict[bytes, bytes] = {}
    for decl in decls:
        value = decl[5]
        if decl[1] and decl[3] == b"PUBLIC" and b'"-//W3C//ENTITIES ' in decl[0]:
            continue  # '%HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" …': never loaded, dropped
        if decl[1] or decl[3] or value is None or len(value) > _MAX_ENTITY_VALUE:
            raise DiscoveryError(_REFUSED)
        if b"<" in value or _NOT_CHAR_REF_RE.search(value):
            raise DiscoveryError(_REFUSED)  # refers to another entity: the first step of a bomb
        values[decl[2]] = value
    rest = body[:start] + body[end + 2 :]
    return _ENTITY_REF_RE.sub(lambda m: values.get(m[1], m[0]), rest)


_XML_START_RE = re.compile(rb"<\?xml\b|<(?:rss|feed|rdf:RDF|RDF|urlset|sitemapindex)\b")
_XML_DECL_ENC_RE = re.compile(rb"""^(\s*<\?xml\b[^>]*?encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)(["'])""")
_CDATA_RE = re.compile(rb"(<!\[CDATA\[.*?(?:\]\]>|$))", re.S)
# Elements that carry HTML: when a feed pastes it in raw, it is wrapped in CDATA instead.
_MARKUP_RE = re.compile(
    rb"(<((?:content:)?encoded|description|summary|content|subtitle)\b[^>]*(?<!/)>)(.*?)(</\2\s*>)", re.S | re.I
)
_BARE_AMP_RE = re.compile(rb"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_NAMED_REF_RE = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_XML_REFS = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def _wrap_markup(match: re.Match[bytes]) -> bytes:
    inner = match[3]
    if b"<" not in inner or inner.lstrip().startswith(b"<![CDATA["):
        return match[0]
    return match[1] + b"<![CDATA[" + inner.replace(b"]]>", b"]]]]><![CDATA[>") + b"]]>" + match[4]


def _named_ref(match: re.Match[bytes]) -> bytes:
    name = match[1]
    if name in _XML_REFS:
        return match[0]
    code = html.entities.name2codepoint.get(name.decode("ascii"))
    return f"&#{code};".encode() if code is not None else b"&amp;" + name + b";"


def _repair_xml(body: bytes) -> bytes:
    """The usual faults of hand-made feeds and sitemaps, mended before a second strict parse.

    Text before the document (a PHP warning, blank lines), bytes that are not the UTF-8 they claim
    to be (read as the page charset sniffer reads them), raw HTML pasted into a description, bare
    ``&`` in URLs and HTML entities (``&nbsp;``) that XML does not define. The lenient parser would
    otherwise cut a title at '&nbsp;', turn ``?a=1&b=2`` into ``?a=1=2`` or drop whole items.
    """
    from wiredesk.fetch import sniff_charset

    start = _XML_START_RE.search(body, 0, 65536)
    if start is not None and start.start() > 0:
        body = body[start.start() :]
    declared = _XML_DECL_ENC_RE.match(body)
    label = declared[2].decode("ascii").lower() if declared else "utf-8"
    if label.replace("_", "-") in ("utf-8", "utf8") and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            text = body.decode(sniff_charset(body), errors="replace")  # a declaration that fails is ignored
            body = text.encode("utf-8")
    elif label not in ("utf-16", "utf-32") and not label.startswith(("utf-16", "utf-32")):
        try:  # a single-byte declaration: rewrite as UTF-8 so the byte-level repairs below are safe
            body = _XML_DECL_ENC_RE.sub(rb"\1utf-8\3", body.decode(label).encode("utf-8"), count=1)
        except (LookupError, UnicodeDecodeError):
            pass
    else:
        return body  # UTF-16/32: the byte-level repairs below would not be safe
    body = _MARKUP_RE.sub(_wrap_markup, body)
    parts = _CDATA_RE.split(body)
    for i in range(0, len(parts), 2):  # outside CDATA sections only
        parts[i] = _NAMED_REF_RE.sub(_named_ref, _BARE_AMP_RE.sub(b"&amp;", parts[i]))
    return b"".join(parts)


def _xml_root(body: bytes, what: str, base_url: str | None = None) -> tuple[etree._Element, str | None]:
    """Parse strictly, else strictly after mending common faults, else leniently.

    Returns the root and the strict parser's complaint about the document as served (None if it
    parsed as is or once mended). ``base_url`` is the document's address: elements' ``.base`` then
    resolve ``xml:base`` against it.
    """
    body = refuse_entities(body)
    base = base_url or None
    try:
        return etree.fromstring(body, _XML_PARSER, base_url=base), None
    except etree.XMLSyntaxError as exc:
        complaint = str(exc)
    repaired = _repair_xml(body)
    try:
        return etree.fromstring(repaired, _XML_PARSER, base_url=base), None
    except (etree.XMLSyntaxError, ValueError):
        pass
    try:
        root = etree.fromstring(repaired, _XML_RECOVER, base_url=base)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        raise DiscoveryError(f"malformed {what} XML: {complaint}")
    return root, complaint


def _readable(what: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A parser whose document turns out unreadable (text lxml recovered but cannot decode, a tag name
    it refuses) raises DiscoveryError naming ``what``, never an exception that would end the run."""

    def wrap(parse: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(parse)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return parse(*args, **kwargs)
            except (UnicodeError, ValueError) as exc:
                raise DiscoveryError(f"unreadable {what}: {type(exc).__name__}: {exc}") from exc

        return guarded

    return wrap


_ENTRY_DATES = ("published", "pubdate", "issued", "date", "created", "updated", "modified")


def _feed_entry(el: etree._Element, base_url: str) -> tuple[str, str | None, dt.datetime | None] | None:
    """(link, title, date) of an RSS item or Atom entry element; None for any other element."""
    if _local(el.tag) not in ("item", "entry"):
        return None
    link = _child_text(el, "origlink")  # FeedBurner's original URL beats its redirector
    link_el = el
    if link is None:
        for child in el:
            if _local(child.tag) != "link":
                continue
            href = child.get("href")
            if href and href.strip() and (child.get("rel") or "alternate").strip() == "alternate":
                # Of several alternates (an HTML page, a PDF, an audio file) the web page wins.
                if link is None or "html" in (child.get("type") or "html"):
                    link, link_el = href.strip(), child
                if "html" in (child.get("type") or "html"):
                    break
            elif not href and (text := _text(child)):
                link, link_el = text, child
                break
    if link is None:
        guid = _child_text(el, "guid", "id")
        if guid and guid.startswith(("http://", "https://")):
            link = guid
    if not link:
        return None
    # Atom's xml:base (on the feed, the entry or the link itself) says what a relative link is relative to.
    link = _join(link_el.base or base_url, link)
    # The first date that reads, by priority: an unreadable pubDate does not hide a good dc:date.
    date = next(
        filter(None, (_parse_date(_child_text(el, name)) for name in _ENTRY_DATES)),
        None,
    )
    return link, _child_text(el, "title"), date


@_readable("feed")
def parse_feed(body: bytes, base_url: str) -> list[tuple[str, str | None, dt.datetime | None]]:
    """Entries (link, title, date) of an RSS 0.9x/1.0/2.0, Atom or JSON Feed document."""
    if body[:2] == b"\x1f\x8b":  # feed.xml.gz, or gzipped twice (a stored .gz also sent with Content-Encoding)
        body = _gunzip_capped(body)
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return _parse_json_feed(stripped, base_url)
    root, complaint = _xml_root(body, "feed", base_url)
    entries = []
    for el in root.iter():
        try:
            entry = _feed_entry(el, base_url)
        except (UnicodeError, ValueError):
            continue  # a recovered tree may hold text lxml cannot decode: that item is lost, not the feed
        if entry is not None:
            entries.append(entry)
    if not entries:
        if complaint is not None:
            raise DiscoveryError(f"malformed feed XML: {complaint}")
        if _local(root.tag) not in ("rss", "feed", "rdf", "channel"):
            raise DiscoveryError(f"not a feed (root element <{_local(root.tag)}>)")
    return entries


def _parse_json_feed(body: bytes, base_url: str) -> list[tuple[str, str | None, dt.datetime | None]]:
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise DiscoveryError(f"malformed JSON feed: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise DiscoveryError("not a JSON Feed (no items list)")
    out = []
    for item in doc["items"]:
        if not isinstance(item, dict):
            continue
        # 'url' is the item's page and may be relative; 'external_url' the page it is about; 'id' is
        # only a link when it is one.
        link = None
        for key in ("url", "external_url", "id"):
            value = item.get(key)
            if not isinstance(value, str) or not value.strip():
                continue
            value = value.strip()
            if _SCHEME_RE.match(value.lower()) or value.startswith("/") or (key != "id" and ":" not in value):
                link = value
                break
        if link is not None:
            raw_date = item.get("date_published") or item.get("date_modified")
            if isinstance(raw_date, int | float) and not isinstance(raw_date, bool):
                raw_date = str(int(raw_date))  # a Unix timestamp
            date = _parse_date(raw_date if isinstance(raw_date, str) else None)
            title = item.get("title") if isinstance(item.get("title"), str) else None
            out.append((_join(base_url, link), title, date))
    return out


def _announced_feed(body: bytes, page_url: str) -> str | None:
    """The feed an HTML page links to (trafilatura's feed finder; comment feeds excluded), if any."""
    head = body[:4096].lower()
    if b"<html" not in head and b"<!doctype html" not in head and b"<head" not in head:
        return None
    from trafilatura.feeds import FeedParameters, determine_feed

    from wiredesk.fetch import decode_html

    try:
        parts = urlsplit(page_url)
        params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", page_url)
        found = [u for u in determine_feed(decode_html(body), params) if u.split("#")[0] != page_url]
    except Exception:  # noqa: BLE001 - a page the finder cannot read simply announces no feed
        return None
    return found[0] if found else None


def _feed_key(body: bytes) -> str:
    """What a feed's content is for trust purposes: its entries, not its build date or comments."""
    entries = sorted((u, t or "", d.isoformat() if d else "") for u, t, d in parse_feed(body, ""))
    return hashlib.sha256(json.dumps(entries).encode("utf-8")).hexdigest()


@_readable("sitemap")
def _sitemap_doc(
    body: bytes,
) -> tuple[list[tuple[str, dt.datetime | None]], list[tuple[str, str | None, dt.datetime | None, str]]]:
    """Child sitemaps (loc, lastmod) and URL entries (loc, title, date, date_source) of a sitemap."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip_capped(body)
    text = _text_sitemap(body)
    if text is not None:
        return [], [(url, None, None, "sitemap") for url in text]
    robots = _robots_sitemaps(body)
    if robots:
        return [(url, None) for url in robots], []
    if body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return [], [(link, title, date, "feed") for link, title, date in parse_feed(body, "")]
    root, complaint = _xml_root(body, "sitemap")
    if _local(root.tag) in ("rss", "feed", "rdf", "channel"):
        # Search engines take an RSS or Atom feed as a sitemap, and so do sitemap indexes.
        return [], [(link, title, date, "feed") for link, title, date in parse_feed(body, "")]
    if _local(root.tag) not in ("urlset", "sitemapindex"):
        raise DiscoveryError(f"not a sitemap (root element <{_local(root.tag)}>)")
    children: list[tuple[str, dt.datetime | None]] = []
    urls = []
    for el in root:
        try:
            name = _local(el.tag)
            loc = _child_text(el, "loc")
        except (UnicodeError, ValueError):
            continue  # an entry lxml recovered but cannot decode is lost, not the sitemap
        if not loc:
            continue
        if name == "sitemap":
            children.append((loc, _parse_date(_child_text(el, "lastmod"))))
        elif name == "url":
            title = None
            date, source = None, "sitemap"
            # Only the Google News block dates and titles the page: an image:title, a video:title or a
            # video:publication_date describe the media, not the article.
            for news in el:
                if _local(news.tag) != "news":
                    continue
                date = _parse_date(_child_text(news, "publication_date"))
                title = _child_text(news, "title")
                break
            if date is None:
                date, source = _parse_date(_child_text(el, "lastmod")), "sitemap_lastmod"
            urls.append((loc, title, date, source))
    if complaint is not None and not children and not urls:
        raise DiscoveryError(f"malformed sitemap XML: {complaint}")
    return children, urls


def _text_sitemap(body: bytes) -> list[str] | None:
    """URLs of a plain-text sitemap (sitemaps.org: one absolute URL a line, UTF-8), or None if not one."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head or head[:1] == b"<":
        return None
    lines = [ln.strip() for ln in head.decode("utf-8", "replace").splitlines()]
    urls = [ln for ln in lines if ln and not ln.startswith("#")]
    if not urls or not all(_SCHEME_RE.match(u.lower()) and " " not in u for u in urls):
        return None
    return list(dict.fromkeys(urls))


def _robots_sitemaps(body: bytes) -> list[str]:
    """The sitemaps a robots.txt names ('Sitemap: …' lines, read by protego), so a site's robots.txt
    can be given as a sitemap source."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"<" or b"sitemap:" not in body[:1_000_000].lower():
        return []
    from protego import Protego

    urls = Protego.parse(body.decode("utf-8-sig", "replace")).sitemaps
    return list(dict.fromkeys(u.strip() for u in urls if _SCHEME_RE.match(u.strip().lower())))


def parse_sitemap(body: bytes) -> tuple[list[str], list[tuple[str, str | None, dt.datetime | None, str]]]:
    """Child sitemaps and URL entries (loc, title, date, date_source) of a sitemap document."""
    children, urls = _sitemap_doc(body)
    return [loc for loc, _ in children], urls


def _sitemap_key(body: bytes) -> str:
    children, urls = _sitemap_doc(body)
    doc = sorted(c for c, _ in children), sorted((u, d.isoformat() if d else "") for u, _, d, _ in urls)
    return hashlib.sha256(json.dumps(doc).encode("utf-8")).hexdigest()


def _gunzip_capped(data: bytes, cap: int = _MAX_FEED_BYTES) -> bytes:
    """Gunzip at most ``cap`` bytes; a bigger result is a decompression bomb."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(cap + 1)
    except (OSError, EOFError, zlib.error) as exc:  # zlib.error is no OSError: a corrupt stream's own error
        raise DiscoveryError(f"corrupt gzip document: {exc}") from exc
    if len(out) > cap:
        raise DiscoveryError(f"compressed document expands beyond {cap} bytes")
    return out


class SourceState:
    """One source's discovery state under ``<data_dir>/_state``: the listing cache and the first-seen ledger."""

    def __init__(self, data_dir: Path | str, source_id: str) -> None:
        root = Path(data_dir) / "_state"
        self.cache = ConditionalCache(root / "conditional" / f"{source_id}.parquet")
        self.ledger_path = root / "first_seen" / f"{source_id}.parquet"
        self.lock_path = root / "locks" / f"{source_id}.lock"

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the source's lock: runs of several days may discover the same source at once."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def load_ledger(self) -> dict[str, dict[str, Any]]:
        """url_key → {url, day, first_seen_at, date_source} of every item a live run assigned."""
        if not self.ledger_path.exists():
            return {}
        import pyarrow.parquet as pq

        return {row["url_key"]: row for row in pq.read_table(self.ledger_path).to_pylist()}

    def save_ledger(self, ledger: dict[str, dict[str, Any]], observed_at: dt.datetime) -> None:
        """Write the ledger atomically, forgetting entries first seen more than ~13 months ago."""
        import pyarrow as pa

        from wiredesk import storage

        horizon = observed_at - dt.timedelta(days=_LEDGER_KEEP_DAYS)
        rows = [
            {"url_key": k, **{f: v[f] for f in ("url", "day", "first_seen_at", "date_source")}}
            for k, v in sorted(ledger.items())
            if v["first_seen_at"] >= horizon
        ]
        schema = pa.schema(
            [
                ("url_key", pa.string()),
                ("url", pa.string()),
                ("day", pa.date32()),
                ("first_seen_at", pa.timestamp("us", tz="UTC")),
                ("date_source", pa.string()),
            ]
        )
        storage.write_parquet(pa.Table.from_pylist(rows, schema=schema), self.ledger_path)


_ONE_DAY = dt.timedelta(days=1)
# A year and month, and maybe a day, in a child sitemap's address: 2024-03, 2024/03/05, 20240305.
_PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})([-/_.]?)(0[1-9]|1[0-2])(?:\2(0[1-9]|[12]\d|3[01]))?(?!\d)")


def _named_period(url: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of the period a child sitemap's address names (its last such date), if any."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    matches = list(_PERIOD_RE.finditer(f"{parts.path}?{parts.query}"))
    if not matches:
        return None
    m = matches[-1]
    year, month = int(m[1]), int(m[3])
    try:
        if m[4]:
            first = dt.date(year, month, int(m[4]))
            return first, first
        first = dt.date(year, month, 1)
    except ValueError:
        return None
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - _ONE_DAY
    return first, last


def _listing_body(fetcher: Fetcher, url: str, cache: ConditionalCache | None, key: Any, what: str) -> tuple[bytes, str]:
    """Body and final URL of a feed or sitemap, conditionally when a cache is given."""
    if cache is not None:
        result = fetcher.get_conditional(url, cache, content_key=key)
    else:
        result = fetcher.get(url, LISTING_CONTENT_TYPES, max_bytes=fetcher.listing_max_bytes)
    if not result.ok or result.body is None:
        status = f" (HTTP {result.status})" if result.status else ""
        raise DiscoveryError(f"{what} {url}: {result.error_class}{status}: {result.error_message}")
    return result.body, result.final_url or url


def _directory_candidates(source: SourceConfig) -> Iterator[_Candidate]:
    """Local documents; the date comes from a YYYY-MM-DD folder or name, else the file's mtime."""
    assert source.path is not None
    root = Path(source.path)
    if not root.is_dir():
        raise DiscoveryError(f"directory {root} does not exist")
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES):
        rel = path.relative_to(root).as_posix()
        match = _DATE_DIR_RE.search(rel)
        date = None
        if match:
            with contextlib.suppress(ValueError):
                date = dt.datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=dt.UTC)
        if date is not None:
            date_source = "path"
        else:
            date = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
            date_source = "file_mtime"
        yield _Candidate(f"file://{source.id}/{rel}", None, date, date_source, str(path))


def _warc_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and ".warc" in p.name)
    if not path.exists():
        raise DiscoveryError(f"WARC file {path} does not exist")
    return [path]


def _warc_content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return (value or "").split(";")[0].strip().lower()


def _warc_candidates(source: SourceConfig) -> Iterator[_Candidate]:
    """Successful HTML/text captures in WARC files, dated by WARC-Date; the path records each offset."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    assert source.path is not None
    for warc in _warc_files(Path(source.path)):
        with open(warc, "rb") as fh:
            records = ArchiveIterator(fh)
            try:
                for record in records:
                    if record.rec_type not in ("response", "resource"):
                        continue
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    date = _parse_date(record.rec_headers.get_header("WARC-Date"))
                    if not url or date is None or _warc_content_type(record) not in WARC_CONTENT_TYPES:
                        continue
                    if record.rec_type == "response" and (
                        record.http_headers is None or record.http_headers.get_statuscode() != "200"
                    ):
                        continue
                    yield _Candidate(
                        url.strip("<>"), None, date, "warc", f"warc://{warc}#{records.get_record_offset()}"
                    )
            except ArchiveLoadFailed as exc:
                raise DiscoveryError(f"WARC file {warc}: {exc}") from exc


def read_local(local_path: str, url: str, max_bytes: int | None = None) -> tuple[int, str, bytes]:
    """Status, content type and body of a directory or WARC item (``warc://FILE#OFFSET``)."""
    cap = max_bytes or _MAX_FEED_BYTES
    if local_path.startswith("warc://"):
        from warcio.archiveiterator import ArchiveIterator

        file, _, offset = local_path.removeprefix("warc://").rpartition("#")
        if not offset.isdigit():
            file, offset = local_path.removeprefix("warc://"), "0"
        with open(file, "rb") as fh:
            fh.seek(int(offset))
            for record in ArchiveIterator(fh):
                if record.rec_type not in ("response", "resource"):
                    continue
                if record.rec_headers.get_header("WARC-Target-URI", "").strip("<>") != url:
                    continue
                status = 200
                if record.rec_type == "response" and record.http_headers is not None:
                    status = int(record.http_headers.get_statuscode())
                body = record.content_stream().read(cap + 1)
                if len(body) > cap:
                    raise TooLarge(f"archived body exceeds the {cap}-byte cap")
                return status, _warc_content_type(record) or "text/html", body
        raise FileNotFoundError(f"{url} not found in {file}")
    path = Path(local_path)
    if path.stat().st_size > cap:
        raise TooLarge(f"{path} exceeds the {cap}-byte cap")
    ctype = "text/plain" if path.suffix.lower() == ".txt" else "text/html"
    return 200, ctype, path.read_bytes()


def _listing(source: SourceConfig, day: dt.date, fetcher: Fetcher, cache: ConditionalCache | None) -> list[_Candidate]:
    """Everything the source lists right now (or holds, for local and archive sources)."""
    found: list[_Candidate] = []
    if source.kind == "rss":
        assert source.url is not None
        body, base = _listing_body(fetcher, source.url, cache, _feed_key, "feed")
        try:
            entries = parse_feed(body, base)
        except DiscoveryError:
            # An HTML page (a homepage, or an old feed address now redirected to one) that announces
            # its feed with <link rel="alternate" type="application/rss+xml">: read that feed.
            feed_url = _announced_feed(body, base)
            if feed_url is None:
                raise
            body, base = _listing_body(fetcher, feed_url, cache, _feed_key, "feed")
            entries = parse_feed(body, base)
        found = [_Candidate(link, title, date, "feed") for link, title, date in entries]
    elif source.kind == "sitemap":
        assert source.url is not None
        queue, done = [source.url], set[str]()
        oldest = day - dt.timedelta(days=fetcher.config.first_seen_window_days)
        broken: list[str] = []
        while queue:
            map_url = queue.pop(0)
            if map_url in done:
                continue
            if len(done) >= _MAX_SITEMAPS:
                # An index this wide for one day (children with no lastmod and no period in their names) is
                # read up to the limit: what was found stands, and the rest is said, not silently dropped.
                left = len({u for u in [map_url, *queue] if u not in done})
                if not found:
                    raise DiscoveryError(f"sitemap {source.url} lists more than {_MAX_SITEMAPS} sitemaps for {day}")
                _log.warning(
                    "source %s: read %d child sitemaps, the limit; %d more left unread", source.id, len(done), left
                )
                break
            done.add(map_url)
            try:
                body, base = _listing_body(fetcher, map_url, cache, _sitemap_key, "sitemap")
                children, entries = _sitemap_doc(body)
            except DiscoveryError as exc:
                if map_url == source.url:
                    raise
                broken.append(str(exc))  # one dead child of an index does not cost the others' items
                _log.warning("source %s: child sitemap %s skipped: %s", source.id, map_url, exc)
                continue
            # A child last modified before the day cannot hold items of the day, nor late arrivals the
            # live run takes from the days just before (fetch.first_seen_window_days): skip it. Without
            # a lastmod, a child named for a period (sitemap-2024-03.xml, /2024/03/05/) outside the
            # days the run may take is skipped too, so a years-long archive index stays cheap.
            joined = [(_join(base, loc), lastmod) for loc, lastmod in children]
            periods = {child: _named_period(child) for child, lastmod in joined if lastmod is None}
            # Names partition the archive only if they name different periods (not one version stamp).
            by_name = len({p for p in periods.values() if p is not None}) > 1
            for child, lastmod in joined:
                if lastmod is not None:
                    if lastmod.date() >= oldest:
                        queue.append(child)
                    continue
                period = periods[child] if by_name else None
                if period is None or (period[1] >= oldest - _ONE_DAY and period[0] <= day + _ONE_DAY):
                    queue.append(child)
            found.extend(_Candidate(_join(base, loc), title, date, source_) for loc, title, date, source_ in entries)
        if broken and not found:
            more = f" (and {len(broken) - 1} more child sitemaps)" if len(broken) > 1 else ""
            raise DiscoveryError(f"{broken[0]}{more}")
    elif source.kind == "urls":
        urls = [u.strip() for u in source.urls if u.strip()]  # YAML keeps spaces inside quotes
        dated = None
        if source.path:
            path = source.path
            if "{day}" in path:  # one list per day: its items are dated by the file
                path = path.replace("{day}", day.isoformat())
                dated = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
            try:
                # A list saved on Windows starts with a byte-order mark; stray bytes must not end the run.
                lines = Path(path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
            except OSError as exc:
                raise DiscoveryError(f"URL list {path}: {exc}") from exc
            urls += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        found = [_Candidate(u, None, dated, "url_list" if dated else "first_seen") for u in urls]
    elif source.kind == "directory":
        found = list(_directory_candidates(source))
    elif source.kind == "warc":
        found = list(_warc_candidates(source))
    else:  # pragma: no cover - config validation forbids it
        raise DiscoveryError(f"unknown source kind {source.kind}")
    return found


def archived_items(rows: Iterable[dict[str, Any]], source: SourceConfig, day: dt.date) -> list[Item]:
    """Items the raw archive holds for ``day`` (bronze rows); local sources keep only rows with a body."""
    out = []
    for row in rows:
        has_body = row.get("body") is not None or row.get("content_hash") is not None
        if source.kind not in LIVE_KINDS and (not has_body or row.get("error_class")):
            continue  # a local item that failed is rediscovered from its file, or is gone
        out.append(
            Item(
                source.id,
                row["url"],
                row.get("canonical_url") or canonicalize_url(row["url"]),
                row.get("feed_title"),
                row.get("feed_published_at"),
                row.get("feed_date_source") or "archive",
                day,
            )
        )
    return out


def discover(
    source: SourceConfig,
    day: dt.date,
    fetcher: Fetcher,
    first_seen: dt.date | None = None,
    *,
    state: SourceState | None = None,
    archived: Iterable[Item] = (),
    observed_at: dt.datetime | None = None,
) -> list[Item]:
    """Items of ``source`` that belong to ``day``, deduplicated by canonical URL, in a stable order.

    See the module docstring for the day rule. ``first_seen`` is the day undated items seen for the
    first time are assigned to (the run's day by default), ``observed_at`` when the listing is read
    (now by default), ``state`` the source's cache and ledger, ``archived`` what the raw archive holds.
    """
    # The wall clock only decides whether this run is live (may claim undated items) or a backfill.
    observed_at = (observed_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    first_seen = first_seen or day
    window = dt.timedelta(days=fetcher.config.first_seen_window_days)
    live = dt.timedelta(0) <= observed_at.date() - day <= window
    use_ledger = state is not None and source.kind in LIVE_KINDS
    found = [c for c in _listing(source, day, fetcher, state.cache if state else None) if source.accepts(c.url)]

    with state.locked() if state is not None else contextlib.nullcontext():
        ledger = state.load_ledger() if state is not None and use_ledger else {}
        picked: dict[str, Item] = {}
        for c in found:
            canonical = canonicalize_url(c.url)
            key = _canonical_key(canonical)
            pinned = ledger.get(key)
            if pinned is not None:
                item_day = pinned["day"]
            elif c.date is not None and live and use_ledger and day - window <= c.date.date() < day:
                item_day = day  # a late arrival that no run has claimed: the live run takes it
            elif c.date is not None:
                item_day = c.date.date()
            elif live:
                item_day = first_seen
            else:
                continue  # undated and not live: it belongs to whichever live run sees it first
            if item_day != day:
                continue
            date_source = c.date_source if c.date is not None else "first_seen"
            item = Item(source.id, c.url, canonical, c.title, c.date, date_source, day, c.local_path)
            best = picked.get(key)
            # Of several spellings of one URL, the same one wins whatever the listing's order.
            if best is None or (item.canonical_url, item.url) < (best.canonical_url, best.url):
                picked[key] = item
        fresh = sorted(picked.values(), key=lambda i: (i.canonical_url, i.url))
        if source.max_items is not None and len(fresh) > source.max_items:
            # The newest items are kept (undated ones after dated ones), not the first URLs by spelling.
            by_age = sorted(fresh, key=lambda i: -i.published_at.timestamp() if i.published_at else float("inf"))
            fresh = sorted(by_age[: source.max_items], key=lambda i: (i.canonical_url, i.url))
        if state is not None:
            if use_ledger:
                for item in fresh:
                    ledger.setdefault(
                        _canonical_key(item.canonical_url),
                        {"url": item.url, "day": day, "first_seen_at": observed_at, "date_source": item.date_source},
                    )
                state.save_ledger(ledger, observed_at)
            state.cache.save()

    merged: dict[str, Item] = {}
    for item in archived:  # the archive wins: its URL is what was fetched, so nothing is refetched
        merged.setdefault(url_key(item.canonical_url), item)
    for item in fresh:
        merged.setdefault(_canonical_key(item.canonical_url), item)
    return sorted(merged.values(), key=lambda i: (i.canonical_url, i.url))
