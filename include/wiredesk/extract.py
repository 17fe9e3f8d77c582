"""Extraction: trafilatura for the main text, the page's own metadata, then syndication cleaning.

``extract_document`` is the one entry point; it takes HTML or plain text and returns the fields of
the ``wiredesk extract`` JSON contract.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import zoneinfo
from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import htmldate
import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from wiredesk.clean import (
    BYLINE_DATE_RE,
    Draft,
    Rules,
    byline_parts,
    clean_document,
    load_rules,
    norm_ws,
    parse_loose_date,
    unnamed_credit,
)
from wiredesk.fetch import decode_html

OUTPUT_KEYS = (
    "input",
    "url",
    "title",
    "standfirst",
    "text",
    "lead",
    "publisher",
    "syndicator",
    "original_source",
    "wire_agency",
    "byline",
    "authors",
    "dateline",
    "published_at",
    "published_at_source",
    "modified_at",
    "date_flags",
    "language",
    "word_count",
    "tags",
    "image_url",
    "canonical_url",
    "content_hash",
    "removed",
)
# A page may also open with a CMS plugin's inline <style> or <script>, printed before <html> and longer
# than the sniffed head (a plain text that mentions such a tag is still text).
_HTML_SNIFF = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)[\s>/]|\A\s*<(?:style|script|link)[\s>/]", re.I
)
_DOCUMENT_OPEN = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.I)
_DOCUMENT_CLOSE = re.compile(rb"</(?:html|body)\s*>", re.I)
_STANDFIRST_CLASS = re.compile(
    r"(?:^|[\s_-])(standfirst|dek|deck|sub-?title|subhead(?:line)?|strapline|summary|excerpt|intro|"
    r"lede|lead|lead-?in|article-?lead|article-?summary|description|synopsis|"
    # the standfirst's name in other newsrooms: Portuguese "linha fina"/"bigode", French "chapô", Spanish
    # "entradilla"/"sumario", Italian "catenaccio"/"sommario", German "Vorspann", Polish "zajawka", Vietnamese "sapo"
    r"linha-?fina|bigode|chap[oô]|chapeau|entradilla|sumario|catenaccio|sommario|vorspann|zajawka|sapo)(?:$|[\s_-])",
    re.I,
)
_STANDFIRST_PROP = re.compile(r"(?i)^\s*(?:description|alternativeheadline|abstract)\s*$")
# Meta names for the publication time, most specific first (schema.org microdata, Open Graph, Parse.ly,
# Sailthru, Dublin Core and the names CMSs invent).
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "og:published_time",
    "parsely-pub-date", "article.published", "article:published", "publish-date", "publish_date",
    "published_time", "date_published", "pubdate", "publishdate", "dc.date.issued", "dcterms.issued",
    "date", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created", "sailthru.date",
)  # fmt: skip
# Dublin Core's issue date comes before the generic "date"/"DC.date", which a CMS may fill with the
# record's last change. Meta names for the author, each of which a page may repeat once per writer.
_AUTHOR_META = (
    "author", "article:author", "byl", "parsely-author", "dc.creator", "dcterms.creator", "sailthru.author",
)  # fmt: skip
# Elements that show the publication date on the page ("Mar 5, 2024 8:30 AM EST").
_DATE_CLASS = re.compile(
    r"(?i)publish|pubdate|post-?date|entry-?date|article-?date|timestamp|(?:^|[\s_-])(?:date|times?)(?:$|[\s_-])"
)
# Where a stamp element holds both times ("First published: 5 Mar 2024 08:15 EAT Updated: 5 Mar 2024
# 14:40 EAT"), the publication time is the part from "Published" up to "Updated".
_PUBLISHED_WORD_RE = re.compile(r"(?i)\b(?:first\s+)?(?:published|posted)\b")
_UPDATED_WORD_RE = re.compile(r"(?i)\s*[|•·,;]?\s*\b(?:last\s+)?(?:updated|modified)\b")
# "/2024/03/05/", "/2024-03-05-slug", and the compact "/20240305/" or "/news/20240305-slug" (a run
# of exactly eight digits: a longer number is an article id).
_URL_DATE_RE = re.compile(
    r"/(20\d{2}|19\d{2})(?:[/-](\d{1,2})[/-](\d{1,2})|(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))(?:/|$|-|_|\.)"
)
_FUTURE_TOLERANCE = dt.timedelta(hours=24)
_DISAGREE = dt.timedelta(hours=36)
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "said", "on", "by", "it"},
    "fr": {"le", "la", "les", "et", "des", "du", "est", "une", "pour", "dans", "que", "qui", "sur", "a"},
    "es": {"el", "la", "los", "las", "y", "del", "que", "en", "por", "para", "una", "con", "se", "es"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "sich", "ein", "im"},
    "it": {"il", "di", "che", "e", "la", "per", "una", "sono", "della", "del", "con", "non", "gli"},
    "pt": {"o", "os", "de", "que", "e", "do", "da", "em", "para", "com", "uma", "não", "dos", "foi"},
    "nl": {"het", "een", "van", "niet", "zijn", "voor", "dat", "die", "ook", "naar", "worden", "wordt", "bij", "maar"},
    "id": {"yang", "dan", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan", "pada", "juga", "oleh"},
    "tr": {"ve", "bir", "bu", "için", "ile", "olarak", "çok", "daha", "gibi", "olan", "ancak", "ise", "değil"},
    "pl": {"się", "nie", "na", "jest", "że", "do", "to", "od", "po", "przez", "oraz", "jak", "dla", "są"},
}
# Scripts that name their language, checked on the letters of the body: (language, characters). A body
# mostly in one of them is in that language whatever a site-wide template declares. Within a script the
# letters only one language uses decide (kana: Japanese; Persian and Urdu letters; Ukrainian, Serbian,
# Kazakh and Belarusian Cyrillic); otherwise the script's main language is the guess (Han: Chinese,
# Arabic: Arabic, Cyrillic: Russian, Devanagari: Hindi).
_SCRIPT_LANGS = (
    ("ko", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"),
    ("ja", "\u3040-\u30ff"),
    ("zh", "\u4e00-\u9fff\u3400-\u4dbf"),
    ("ar", "\u0600-\u06ff\u0750-\u077f"),
    ("ru", "\u0400-\u04ff"),
    ("hi", "\u0900-\u097f"),
    ("bn", "\u0980-\u09ff"),
    ("pa", "\u0a00-\u0a7f"),
    ("gu", "\u0a80-\u0aff"),
    ("ta", "\u0b80-\u0bff"),
    ("te", "\u0c00-\u0c7f"),
    ("kn", "\u0c80-\u0cff"),
    ("ml", "\u0d00-\u0d7f"),
    ("si", "\u0d80-\u0dff"),
    ("th", "\u0e00-\u0e7f"),
    ("lo", "\u0e80-\u0eff"),
    ("my", "\u1000-\u109f"),
    ("ka", "\u10a0-\u10ff"),
    ("am", "\u1200-\u137f"),
    ("km", "\u1780-\u17ff"),
    ("he", "\u0590-\u05ff"),
    ("el", "\u0370-\u03ff"),
    ("hy", "\u0530-\u058f"),
)
_SCRIPT_RES = tuple((lang, re.compile(f"[{chars}]")) for lang, chars in _SCRIPT_LANGS)
_OTHER_SCRIPT_RE = re.compile("[" + "".join(chars for _, chars in _SCRIPT_LANGS) + "]")
_LATIN_LETTER_RE = re.compile("[A-Za-z\u00c0-\u024f]")
# Letters of one language within a shared script: (script language, language, letters, share of the script).
_SCRIPT_VARIANTS = (
    ("ar", "ur", re.compile("[ٹڈڑںےۓ]"), 0.01),
    ("ar", "fa", re.compile("[پچژگکی]"), 0.02),
    ("ru", "uk", re.compile("[іїєґІЇЄҐ]"), 0.005),
    ("ru", "sr", re.compile("[ђћџљњјЂЋЏЉЊЈ]"), 0.005),
    ("ru", "kk", re.compile("[әғқңөұүһӘҒҚҢӨҰҮҺ]"), 0.005),
    ("ru", "be", re.compile("[ўЎ]"), 0.002),
)


def _script_language(text: str) -> str | None:
    """The language a body's script names, when most of its letters are in one non-Latin script."""
    sample = text[:4000]
    if sample.isascii():
        return None
    # Most pages are in Latin script: one scan tells, before the scripts are counted one by one.
    other = len(_OTHER_SCRIPT_RE.findall(sample))
    if other < 0.2 * len(sample):
        return None
    letters = other + len(_LATIN_LETTER_RE.findall(sample))
    counts = {lang: len(rx.findall(sample)) for lang, rx in _SCRIPT_RES}
    if counts["ja"] and counts["ja"] >= 0.05 * (counts["ja"] + counts["zh"]):
        counts["ja"] += counts.pop("zh")  # kanji with kana: Japanese
    best = max(counts, key=lambda k: counts[k])
    if counts[best] < 0.4 * letters:
        return None
    for script, lang, rx, share in _SCRIPT_VARIANTS:
        if script == best and len(rx.findall(sample)) >= share * counts[best]:
            return lang
    return best


def is_html(content: bytes) -> bool:
    """True if ``content`` looks like markup rather than a plain-text dump.

    A page may print something before its markup starts (a server's PHP warnings, a plugin's inline
    style): a document that opens <html> in its first 64 KB and closes it (or its body) is a page too.
    """
    if _HTML_SNIFF.search(content[:4096]):
        return True
    return bool(_DOCUMENT_OPEN.search(content[:65536]) and _DOCUMENT_CLOSE.search(content[-65536:]))


def _wide_text(content: bytes) -> str | None:
    """A UTF-16/32 document decoded, or None for bytes in any other encoding.

    Such a file is known by its byte-order mark, or without one by a NUL byte beside each ASCII letter
    (its markup is then invisible to a sniff of the raw bytes, so the page would be read as text).
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):
            return content.decode(enc, errors="replace")
    head = content[:512]
    if len(head) >= 16 and len(head) % 2 == 0:
        for enc, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
            if zeros.count(0) > 0.9 * len(zeros) and 0 not in (head[0::2] if enc == "utf-16-le" else head[1::2]):
                return content.decode(enc, errors="replace")
    return None


def decode_text(content: bytes) -> str:
    """Decode a plain-text document (UTF-16/32, else UTF-8, else Windows-1252)."""
    wide = _wide_text(content)
    if wide is not None:
        return wide
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(enc)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _meta(tree: Any) -> dict[str, str]:
    """All <meta> name/property → content (first wins)."""
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        val = el.get("content")
        if key and val and key not in out:
            out[key] = val.strip()
    return out


def _meta_all(tree: Any, keys: tuple[str, ...]) -> list[str]:
    """Every value of the first of ``keys`` the page's <meta> tags give (a name repeated per author)."""
    values: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        val = norm_ws(el.get("content") or "")
        if key in keys and val and val not in values.setdefault(key, []):
            values[key].append(val)
    found = next(((k, values[k]) for k in keys if values.get(k)), ("", []))
    if found[0] in ("dc.creator", "dcterms.creator"):
        # Dublin Core writes a person "Surname, Given Name" ("Haddad, Nadia"): the byline's order is the other.
        return [_INVERTED_NAME_RE.sub(r"\2 \1", v) for v in found[1]]
    return found[1]


_INVERTED_NAME_RE = re.compile(r"^([A-Z][\w'’-]+),\s+([A-Z][\w'’-]+(?:\s+[A-Z]\.?)?)$")


_ITEMPROP = etree.XPath("//*[@itemprop]")


def _iso_title(el: Any) -> str | None:
    """An element's title attribute when it is an ISO date and time (hAtom's <abbr title=...>)."""
    title = (el.get("title") or "").strip()
    return title if re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", title) else None


def _microdata_publisher(tree: Any) -> str | None:
    """The name of the page's itemprop=publisher scope (a <meta itemprop="name"> or the element's text)."""
    for el in _ITEMPROP(tree):
        if (el.get("itemprop") or "").lower() != "publisher":
            continue
        for sub in el.iter():
            if isinstance(sub.tag, str) and (sub.get("itemprop") or "").lower() == "name":
                name = norm_ws(sub.get("content") or _text_of(sub))
                if name:
                    return name
    return None


def _jsonld(tree: Any) -> list[dict[str, Any]]:
    """JSON-LD objects of article-like types, flattened out of @graph and lists.

    An article's author and publisher given as references ({"@id": ...}, as Yoast's @graph writes them)
    are replaced by the nodes they name, from any JSON-LD block on the page.
    """
    found: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, Any]] = {}

    def walk(obj: Any) -> None:
        if isinstance(obj, list):
            for o in obj:
                walk(o)
        elif isinstance(obj, dict):
            if isinstance(obj.get("@id"), str) and len(obj) > 1:
                nodes.setdefault(obj["@id"], obj)
            if "@graph" in obj:
                walk(obj["@graph"])
            if isinstance(obj.get("mainEntity"), (dict, list)):
                walk(obj["mainEntity"])  # a WebPage wrapping its article ({"@type": "WebPage", "mainEntity": {...}})
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(
                isinstance(k, str) and ("Article" in k or k in ("Report", "BlogPosting", "LiveBlogPosting", "WebPage"))
                for k in kinds
            ):
                found.append(obj)

    for el in tree.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            try:
                walk(json.loads(el.text))
            except ValueError:
                continue
    # Prefer article types over WebPage wrappers.
    found.sort(key=lambda o: 0 if "Article" in str(o.get("@type")) else 1)
    if nodes:
        for obj in found:
            for key in ("author", "publisher"):
                if key in obj:
                    obj[key] = _resolve_ids(obj[key], nodes)
    return found


def _resolve_ids(value: Any, nodes: dict[str, dict[str, Any]]) -> Any:
    """A JSON-LD value with its bare {"@id": ...} references replaced by the nodes they name."""
    if isinstance(value, list):
        return [_resolve_ids(v, nodes) for v in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return nodes.get(value["@id"], value)
    return value


def _names(value: Any) -> list[str]:
    """Names out of a JSON-LD author/publisher value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


# Countries with one time zone (or one where nearly all their news is written), by ISO 3166 code: a
# page whose locale names one ("en_NG", "de-AT") writes a metadata time without a zone in that zone.
_COUNTRY_ZONES = {
    "NG": "Africa/Lagos", "GH": "Africa/Accra", "KE": "Africa/Nairobi", "UG": "Africa/Kampala",
    "TZ": "Africa/Dar_es_Salaam", "ET": "Africa/Addis_Ababa", "RW": "Africa/Kigali", "ZA": "Africa/Johannesburg",
    "ZW": "Africa/Harare", "ZM": "Africa/Lusaka", "EG": "Africa/Cairo", "MA": "Africa/Casablanca",
    "TN": "Africa/Tunis", "DZ": "Africa/Algiers", "SN": "Africa/Dakar", "CI": "Africa/Abidjan",
    "CM": "Africa/Douala", "IN": "Asia/Kolkata", "PK": "Asia/Karachi", "BD": "Asia/Dhaka", "LK": "Asia/Colombo",
    "NP": "Asia/Kathmandu", "PH": "Asia/Manila", "SG": "Asia/Singapore", "MY": "Asia/Kuala_Lumpur",
    "TH": "Asia/Bangkok", "VN": "Asia/Ho_Chi_Minh", "KH": "Asia/Phnom_Penh", "MM": "Asia/Yangon",
    "CN": "Asia/Shanghai", "HK": "Asia/Hong_Kong", "TW": "Asia/Taipei", "JP": "Asia/Tokyo", "KR": "Asia/Seoul",
    "AE": "Asia/Dubai", "SA": "Asia/Riyadh", "QA": "Asia/Qatar", "KW": "Asia/Kuwait", "BH": "Asia/Bahrain",
    "OM": "Asia/Muscat", "JO": "Asia/Amman", "LB": "Asia/Beirut", "IL": "Asia/Jerusalem", "IQ": "Asia/Baghdad",
    "IR": "Asia/Tehran", "TR": "Europe/Istanbul", "GB": "Europe/London", "IE": "Europe/Dublin",
    "FR": "Europe/Paris", "DE": "Europe/Berlin", "AT": "Europe/Vienna", "CH": "Europe/Zurich",
    "IT": "Europe/Rome", "ES": "Europe/Madrid", "PT": "Europe/Lisbon", "NL": "Europe/Amsterdam",
    "BE": "Europe/Brussels", "LU": "Europe/Luxembourg", "DK": "Europe/Copenhagen", "NO": "Europe/Oslo",
    "SE": "Europe/Stockholm", "FI": "Europe/Helsinki", "PL": "Europe/Warsaw", "CZ": "Europe/Prague",
    "SK": "Europe/Bratislava", "HU": "Europe/Budapest", "RO": "Europe/Bucharest", "BG": "Europe/Sofia",
    "GR": "Europe/Athens", "HR": "Europe/Zagreb", "RS": "Europe/Belgrade", "SI": "Europe/Ljubljana",
    "UA": "Europe/Kyiv", "LT": "Europe/Vilnius", "LV": "Europe/Riga", "EE": "Europe/Tallinn",
    "NZ": "Pacific/Auckland", "AR": "America/Argentina/Buenos_Aires", "CO": "America/Bogota",
    "PE": "America/Lima", "VE": "America/Caracas", "CL": "America/Santiago", "UY": "America/Montevideo",
    "JM": "America/Jamaica", "GT": "America/Guatemala", "CR": "America/Costa_Rica", "PA": "America/Panama",
}  # fmt: skip
_LOCALE_COUNTRY_RE = re.compile(r"^[a-z]{2,3}[-_]([a-z]{2})\b", re.I)


def _page_zone(*locales: str | None) -> dt.tzinfo | None:
    """The time zone of the first locale naming a one-zone country ("en_NG" -> Africa/Lagos), else None."""
    for locale in locales:
        m = _LOCALE_COUNTRY_RE.match((locale or "").strip())
        if m and m[1].upper() in _COUNTRY_ZONES:
            try:
                return zoneinfo.ZoneInfo(_COUNTRY_ZONES[m[1].upper()])
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                return None
    return None


_NAIVE_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
_SHOWN_TIME_RE = re.compile(r"(?i)\b(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(?:([ap])\.?m\b\.?)?")


def _shown_zone(naive: str, shown: list[str]) -> dt.tzinfo | None:
    """The zone of a stamp shown on the page for the same wall time as a metadata time without one.

    "5 March 2024, 9:30 AM EAT" beside a JSON-LD "2024-03-05T09:30:00" says the metadata is East Africa
    Time; a stamp for another time (an update) or without a zone says nothing.
    """
    try:
        local = dt.datetime.fromisoformat(naive.strip().replace(" ", "T"))
    except ValueError:
        return None  # "2024-13-05T09:30": not a time at all
    for stamp in shown:
        m = _SHOWN_TIME_RE.search(stamp)
        utc = parse_loose_date(stamp) if m else None
        if m is None or utc is None:
            continue
        hour = int(m[1]) % 12 + (12 if (m[3] or "").lower() == "p" else 0) if m[3] else int(m[1])
        if (hour, int(m[2])) != (local.hour, local.minute):
            continue
        offset = local - utc.replace(tzinfo=None)
        if offset and abs(offset) <= dt.timedelta(hours=14) and not offset % dt.timedelta(minutes=15):
            return dt.timezone(offset)
    return None


def _to_utc(value: str | None, zone: dt.tzinfo | None = None) -> dt.datetime | None:
    """Parse an ISO/HTTP/human date string to aware UTC.

    An ISO time without a zone is read in ``zone`` (the page's, from its locale) when given, else as UTC;
    a bare day stays 00:00 UTC.
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=zone if zone is not None and ":" in value else dt.UTC)
        return parsed.astimezone(dt.UTC)
    except ValueError:
        return parse_loose_date(value)


_SHOWN_TEXT = etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]")


def _text_of(el: Any) -> str:
    """The text ``el`` shows (its scripts' and styles' code is no text)."""
    if el.tag in ("script", "style", "noscript"):
        return ""
    return norm_ws(" ".join(_SHOWN_TEXT(el)))


_CHROME_TAGS = {"header", "nav", "footer", "aside", "form"}
_CHROME_CLASS = re.compile(
    r"(?i)site|brand|logo|tagline|slogan|footer|masthead|menu|nav|promo|newsletter|related|card|teaser|"
    r"image|photo|media|video|caption"
)


_ATTRIBUTION_RE = re.compile(
    r"(?:(?:originally|first) (?:published|appeared) (?:by|in|on|at)|continue reading (?:on|at)|"
    r"read the (?:full|original) (?:story|article) (?:on|at)|view the original (?:article|story) (?:on|at)|"
    r"this (?:article|story) (?:is|was) (?:republished|syndicated) from)\s*:?\s*"
    r"(?P<src>[A-Z][\w&.'’ -]{1,50}?)\s*(?:[.»›|·,:]|$)",
    re.I,
)
_SOURCE_LABEL_RE = re.compile(r"^(?:Source|Quelle|Fuente|Fonte)\s*:\s*(?P<src>[A-Z][\w&.'’ -]{1,50}?)\s*(?:[·|,]|$)")
_SOURCE_CLASS = re.compile(r"(?i)src|source|origin|attrib|provider")


_ATTRIBUTION_HINT = re.compile(
    r"(?i)publish|appeared|continue reading|full story|original|syndicated|source|quelle|fuente|fonte"
)


def _page_attribution(tree: Any) -> str | None:
    """Who first published a republished page, from short attribution lines anywhere on it."""
    seen = set()
    hits = []
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "head", "title"):
            continue
        if node.text and _ATTRIBUTION_HINT.search(node.text):
            hits.append(node)
        if node.tail and _ATTRIBUTION_HINT.search(node.tail) and node.getparent() is not None:
            hits.append(node.getparent())
    for el in hits:
        # A phrase split over inline tags ("first published by <a>AFP</a>") reads whole one level up.
        while el is not None and el.tag in ("a", "b", "strong", "em", "i", "span", "time", "img"):
            el = el.getparent()
        if el is None or el in seen or el.tag in ("script", "style", "title", "head"):
            continue
        seen.add(el)
        own = norm_ws(" ".join(el.itertext()))
        if not own or len(own.split()) > 25:
            continue
        m = _ATTRIBUTION_RE.search(own)
        if m:
            return m.group("src").strip()
        if _SOURCE_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            m = _SOURCE_LABEL_RE.match(own)
            if m:
                return m.group("src").strip()
    return None


# The byline element's class, in English and in the wires' languages ("firma", "signature", "autore").
_BYLINE_CLASS = re.compile(
    r"(?i)(?:^|[\s_-])(byline|author|byl|writer|credit|firma|signature|autore|autor|auteur|reporter)(?:$|[\s_-])"
)
# Short class names ("by", "auth") also name other things (a sort control, a sign-in box): there the
# text must open with "By" or be a wire agency's name ("By Bernama", "Press Trust of India").
_SHORT_BYLINE_CLASS = re.compile(r"(?i)(?:^|[\s_-])(by|auth)(?:$|[\s_-])")
_PICTURE_CLASS = re.compile(r"(?i)img|image|photo|picture|pic[\s_-]|media|caption|gallery|video")


def _visible_bylines(tree: Any, rules: Rules) -> list[str]:
    """Names in a visible byline element, without the 'By' and any date.

    The element is told by its class, itemprop, rel or id ('<div id="art_author">By: Reuters</div>').
    """
    for el in tree.iter("div", "span", "p", "a", "address"):
        cls = f"{el.get('class') or ''} {el.get('itemprop') or ''} {el.get('rel') or ''} {el.get('id') or ''}"
        strong = bool(_BYLINE_CLASS.search(cls))
        if not strong and not _SHORT_BYLINE_CLASS.search(cls):
            continue
        if _PICTURE_CLASS.search(cls) or any(a.tag in ("figure", "figcaption") for a in el.iterancestors()):
            continue  # a picture's credit ("img-credit", a <figcaption>'s author): the photographer
        # The names and credits before any date; byline_parts splits them ("Jane Roe | Reuters").
        text = BYLINE_DATE_RE.split(_author_text(el))[0]
        text = text.strip(" |•·-–—")
        if not strong and not (re.match(r"(?:By|BY)\b", text) or rules.agency(text)):
            continue
        if 1 <= len(text.split()) <= 12 and not re.search(r"\d{4}", text):
            return _marked_authors(el) or [text]
    # No byline element: a labelled row of the article's details ("Author: IANS", "Written by: Jane Roe").
    for el in tree.iter("div", "p", "li", "span", "dd"):
        own = _text_of(el)
        m = _AUTHOR_LABEL_RE.match(own) if own and len(own) <= 80 else None
        if m and not any(_COMMENT_CLASS.search(a.get("class") or "") for a in el.iterancestors()):
            return [m.group("names")]
    return []


# A details row that labels the author, not a sentence ("Author: IANS"; a reader's "Author: ..." in a
# comment thread is left out by the caller).
_AUTHOR_LABEL_RE = re.compile(r"^(?:Author|Authors|Written by|Reporter|Writer)\s*:\s*(?P<names>[^\d:|]{2,60}?)\s*$")
_COMMENT_CLASS = re.compile(r"(?i)comment|reply|discuss")


def _author_text(el: Any) -> str:
    """The shown text of a byline element; for a microdata author scope that shows none (a photo), the
    name its <meta itemprop="name"> gives."""
    text = _text_of(el)
    if text or _author_marker(el) != "itemprop":
        return text
    for sub in el.iter("meta"):
        if (sub.get("itemprop") or "").lower() == "name" and sub.get("content"):
            return norm_ws(sub.get("content"))
    return text


def _author_marker(el: Any) -> str | None:
    """'itemprop' or 'rel' when ``el`` is marked as an author that way, else None."""
    if "author" in (el.get("itemprop") or "").lower().split():
        return "itemprop"
    if "author" in (el.get("rel") or "").lower().split():
        return "rel"
    return None


def _marked_authors(el: Any) -> list[str]:
    """Every author marked like ``el`` in its byline ("by <a rel=author>A</a> and <a rel=author>B</a>",
    two itemprop=author scopes side by side), in order; [] for an element that is not so marked.

    The marked elements are looked for in the byline's container: ``el``'s parent, or its grandparent when
    each name has a wrapper of its own (WordPress's <span class="author vcard"><a rel="author">).
    """
    marker = _author_marker(el)
    if marker is None:
        return []
    names: list[str] = []
    for box in (el.getparent(), el.getparent().getparent() if el.getparent() is not None else None):
        if box is None or box.tag in ("body", "html", "main", "article"):
            break
        found = [
            _author_text(m)
            for m in box.iter("div", "span", "p", "a", "address")
            if _author_marker(m) == marker and not any(_author_marker(a) == marker for a in m.iterancestors())
        ]
        names = [n for n in dict.fromkeys(found) if n and len(n.split()) <= 6]
        if len(names) > 1 or len(_text_of(box).split()) > 40:
            break
    return names if len(names) > 1 else []


def _shown_agency_credit(rules: Rules, shown: list[str], agency: str) -> str | None:
    """The page's own wording of the agency credit the metadata gives ('Agencia EFE' for 'EFE')."""
    for line in shown:
        for credit in byline_parts(rules, line)[1]:
            if rules.agency(credit) == rules.agency(agency):
                return norm_ws(credit)
    return None


def _visible_dates(tree: Any) -> list[str]:
    """The first visible publication date shown next to the story, outside the page's chrome.

    A masthead's "today" date sits in the header, and "Updated ..." lines give a later time.
    """
    for el in tree.iter("time", "span", "div", "p", "li"):
        attrs = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
        if not _DATE_CLASS.search(attrs) or re.search(r"(?i)updat|modif", attrs):
            continue
        text = _published_part(_text_of(el))
        if (
            not re.search(r"\b(?:19|20)\d{2}\b", text)
            or len(text.split()) > 14
            or re.match(r"(?i)(last )?updated", text)
        ):
            continue
        ancestors = [a for a in el.iterancestors() if isinstance(a.tag, str)]
        if any(a.tag in _CHROME_TAGS and a.tag != "header" for a in ancestors) or any(
            re.search(
                r"(?i)masthead|(?:^|[\s_-])(?:nav|menu|topbar|top-bar|footer)(?:$|[\s_-])",
                f"{a.get('class') or ''} {a.get('id') or ''}",
            )
            for a in ancestors
        ):
            continue
        if any(a.tag == "header" for a in ancestors) and not any(a.tag in ("article", "main") for a in ancestors):
            continue
        return [text]
    return []


def _published_part(text: str) -> str:
    """The publication stamp of a date element that also shows the update time."""
    m = _PUBLISHED_WORD_RE.search(text)
    if m:
        text = text[m.start() :]
    cut = _UPDATED_WORD_RE.search(text)
    return text[: cut.start()] if cut and cut.start() > 0 else text


def _fold(text: str) -> str:
    """Comparison key: case, punctuation and whitespace folded."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _stated_standfirsts(tree: Any, descriptions: list[str]) -> list[str]:
    """Visible standfirst elements (class names like dek/standfirst/summary) outside page chrome.

    Without such a class, the subheading right after the headline is the standfirst when the page's
    meta description repeats it word for word ("<h1>…</h1><h2 class="spot">…</h2>").
    """
    out = []
    # A standfirst follows the headline; a "subtitle" before the h1 is the site's tagline.
    seen_h1 = tree.find(".//h1") is None
    for el in tree.iter("h1", "p", "div", "h2", "h3", "span"):
        if el.tag == "h1":
            seen_h1 = True
            continue
        cls = f"{el.get('class') or ''} {el.get('id') or ''}"
        # German newsrooms call the standfirst the "Teaser", as other sites call a box of other stories:
        # after the headline, with the meta description's very words, it is the story's.
        if seen_h1 and "teaser" in cls.lower() and descriptions and el.tag in ("p", "h2", "div"):
            text = _text_of(el)
            if 4 <= len(text.split()) <= 80 and _fold(text) in {_fold(d) for d in descriptions}:
                out.append(text)
                break
        # Microdata names it too: itemprop="description" / "alternativeHeadline" / "abstract".
        prop = el.get("itemprop") or ""
        if (
            not seen_h1
            or not (_STANDFIRST_CLASS.search(cls) or _STANDFIRST_PROP.search(prop))
            or _CHROME_CLASS.search(cls)
        ):
            continue
        if "speakable" in cls.lower() or (not _NAMED_STANDFIRST.search(cls) and _in_body_flow(el)):
            continue  # the lead marked for voice assistants, or a first paragraph styled apart: the story's
        ancestors = [a for a in el.iterancestors() if isinstance(a.tag, str) and a.tag not in ("html", "body")]
        in_article = any(a.tag in ("article", "main") for a in ancestors)
        if any(
            (a.tag in _CHROME_TAGS and not (a.tag == "header" and in_article))
            or _CHROME_CLASS.search(f"{a.get('class') or ''} {a.get('id') or ''}")
            for a in ancestors
        ):
            continue
        if any(
            a.tag == "aside" or _AWAY_FROM_STORY.search(f"{a.get('class') or ''} {a.get('id') or ''}")
            for a in [el, *ancestors]
        ):
            continue  # an author's bio ("author-excerpt"), a sidebar's newsletter box
        text = _text_of(el)
        words = len(text.split())
        # A box's label or its links ("Artikel Redaktion Kontakt Teilen Drucken") is no standfirst.
        linked = sum(len(_text_of(a).split()) for a in el.iter("a", "button"))
        if 4 <= words <= 80 and not _STAMP_LIKE.search(text) and linked < 0.5 * words:
            out.append(text)
            break
    h1 = tree.find(".//h1")
    after = h1.getnext() if h1 is not None and not out else None
    # Only a subheading: a <p> lede copied into the description is the story's first paragraph.
    if after is not None and after.tag == "h2":
        text = _text_of(after)
        if 4 <= len(text.split()) <= 80 and _fold(text) in {_fold(d) for d in descriptions}:
            out.append(text)
    return out


# Boxes beside the story that reuse a standfirst's class names ("author-excerpt", "full-description").
_AWAY_FROM_STORY = re.compile(r"(?i)bio(?:$|[\s_-])|author|contrib|profile|sidebar|region--right")
# A subhead that holds the byline and stamps ("JANIE HAR Nov. 20, 2019 Updated: ...", "by Name / 2016.12.01").
_STAMP_LIKE = re.compile(r"(?i)^by\b|\b(?:updated|published|posted)\b|\d{4}[./-]\d{1,2}[./-]\d{1,2}")


# Class names that only ever mean a standfirst (a "lead", "intro" or "summary" may be the body's first paragraph).
_NAMED_STANDFIRST = re.compile(
    r"(?i)standfirst|(?:^|[\s_-])(?:dek|deck)(?:$|[\s_-])|sub-?title|subhead|strapline|linha-?fina|bigode|chap[oô]|"
    r"chapeau|entradilla|catenaccio|vorspann|zajawka|sapo"
)


def _in_body_flow(el: Any) -> bool:
    """True if ``el`` is a paragraph among the story's own: its parent holds two more paragraphs of prose.

    A standfirst sits apart, with the headline; a lead styled apart ("<p class="lead">") is the first of
    the body's paragraphs, and stays in the body.
    """
    parent = el.getparent()
    if el.tag != "p" or parent is None:
        return False
    prose = [p for p in parent.iterchildren("p") if p is not el and len(_text_of(p).split()) >= 12]
    return len(prose) >= 2


_SHORT_WORDS = 120
_VISIBLE_TEXT = etree.XPath("//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::a)]")


def _visible_words(tree: Any) -> int:
    """Words of visible text in the page body outside links (menus and link lists are chrome)."""
    return sum(len(t.split()) for t in _VISIBLE_TEXT(tree))


# Embedded social posts: the platforms' own embed markup. The post is quoted material around the
# story, not its text, and its fallback text ("— Name (@handle) March 3, 2024") reads as a paragraph.
_EMBED_XPATH = etree.XPath(
    "//blockquote[contains(concat(' ', normalize-space(@class), ' '), ' twitter-tweet ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' instagram-media ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' tiktok-embed ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' bluesky-embed ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' text-post-media ')]"
    " | //div[contains(concat(' ', normalize-space(@class), ' '), ' fb-post ')]"
)


def _drop_embeds(tree: Any) -> list[str]:
    """Remove embedded social posts from ``tree``; return their text for the audit trail.

    Layout tables become plain blocks at the same time (see :func:`_unwrap_layout_tables`).
    """
    texts = []
    for el in _EMBED_XPATH(tree):
        text = _text_of(el)
        if text:
            texts.append(text)
        el.drop_tree()
    # Hover cards set inside a paragraph (a person's card with their other stories, shown on hover) would
    # run into the sentence around them.
    for el in list(tree.iter("span", "div", "aside")):
        if _HOVER_CARD.search(el.get("class") or "") and any(a.tag == "p" for a in el.iterancestors()):
            el.drop_tree()
    _unwrap_layout_tables(tree)
    return texts


_HOVER_CARD = re.compile(r"(?i)tooltip|popover|hover-?card|rollover-[\w-]*block")


_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")
_LAYOUT_INSIDE = ("table", "p", "h1", "h2", "h3", "ul", "ol", "form", "article", "blockquote")


def _unwrap_layout_tables(tree: Any) -> None:
    """Turn tables that lay a page out into plain blocks, leaving data tables as tables.

    The story's tables (standings, results, figures) are its text, and trafilatura reads them; an old
    page laid out in tables would then come out as one table of menus, story and footer. A table that
    holds paragraphs, headings, lists, forms or another table, or a cell of more than 60 words, lays
    things out: data tables hold short cells.
    """
    for table in list(tree.iter("table")):
        if table.getparent() is None or any(a.tag == "table" for a in table.iterancestors()):
            continue  # inside a layout table already unwrapped below, or removed
        layout = any(el.tag in _LAYOUT_INSIDE for el in table.iterdescendants() if isinstance(el.tag, str))
        if not layout:
            layout = any(len(_text_of(c).split()) > 60 for c in table.iter("td", "th"))
        if layout:
            for el in [table, *table.iterdescendants()]:
                if isinstance(el.tag, str) and el.tag in _TABLE_PARTS:
                    el.tag = "div"


def _merge_live_updates(tree: Any) -> None:
    """Turn a live blog's sibling <article> updates into plain blocks.

    trafilatura takes the first <article> for the whole story, which on a live blog is only the
    newest update; as <div>s the updates are read together, in page order.
    """
    parents = Counter(a.getparent() for a in tree.iter("article"))
    for el in list(tree.iter("article")):
        if parents[el.getparent()] >= 2:
            el.tag = "div"


def _prose_words(text: str) -> int:
    """Words of ``text`` in lines long enough to be sentences (eight words or more), not menu items."""
    return sum(n for line in text.splitlines() if (n := len(line.split())) >= 8)


def _main_text(tree: Any, content: str, url: str | None, options: dict[str, Any]) -> str:
    """trafilatura's main text. Its fallback extractors (readability, jusText) cost ~40% of its time
    and change nothing on our dev set, so they run only when the fast pass looks short: under 120
    words, or under 480 words and under 12% of the page's visible non-link words."""

    def run(source: Any, fast: bool) -> str:
        doc = trafilatura.bare_extraction(
            source,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_tables=options.get("include_tables", True),
            deduplicate=False,
            fast=fast,
            favor_precision=options.get("favor_precision", False),
            favor_recall=options.get("favor_recall", False),
        )
        return (getattr(doc, "text", None) or "") if doc is not None else ""

    fast = options.get("fast", True)
    # The page's visible words, counted before trafilatura prunes the tree: a fast pass that keeps
    # under 12% of them has probably missed the body (seen on real pages whose text sits in bare divs).
    page_words = _visible_words(tree) if fast else 0
    joiners = "\u200c" in content or "\u200d" in content
    if joiners:
        _protect_joiners(tree)
    text = run(tree, fast)
    words = len(text.split())
    missed = words < _SHORT_WORDS or (words < 4 * _SHORT_WORDS and words < 0.12 * page_words)
    # A fast pass that kept a menu instead of the story (its words mostly in lines too short to be prose)
    # gets the full pass too, which wins if it holds more prose.
    menu = not missed and _prose_words(text) < 0.5 * words
    if fast and (missed or menu) and not options.get("no_fallback"):
        fresh = load_html(content)  # a fresh tree: the first pass pruned this one
        _drop_embeds(fresh)
        if joiners:
            _protect_joiners(fresh)
        slow = run(fresh, False)
        if (_prose_words(slow) > _prose_words(text)) if menu else len(slow.split()) > len(text.split()):
            text = slow
    return text.translate(_JOINERS_BACK) if joiners else text


# The zero-width non-joiner and joiner are letters' business in Persian ("راه‌اندازی"), Urdu and the Indic
# scripts, but trafilatura drops them as unprintable: they cross it as two printable stand-ins (ideographic
# description characters, which news text does not use) and are restored after.
_JOINERS = str.maketrans({"\u200c": "\u2ff0", "\u200d": "\u2ff1"})
_JOINERS_BACK = str.maketrans({"\u2ff0": "\u200c", "\u2ff1": "\u200d"})


def _protect_joiners(tree: Any) -> None:
    """Swap the zero-width joiners in ``tree``'s text for their stand-ins (see _JOINERS)."""
    for el in tree.iter():
        if el.text and ("\u200c" in el.text or "\u200d" in el.text):
            el.text = el.text.translate(_JOINERS)
        if el.tail and ("\u200c" in el.tail or "\u200d" in el.tail):
            el.tail = el.tail.translate(_JOINERS)


_CARRIED_MIN_WORDS = 60
_SHELL_WORDS = 30  # markup text under this: the page is an empty shell
_BLOCK_TAGS = ("p", "h2", "h3", "li", "blockquote")


def _text_paragraphs(value: str) -> list[str]:
    """Paragraphs of a story carried as a string: HTML (its <p>s and the like) or text (one per line)."""
    if "<" in value and ">" in value:
        try:
            frag = etree.fromstring(f"<div>{value}</div>", etree.HTMLParser())
        except (etree.ParserError, ValueError):
            frag = None
        if frag is not None:
            blocks = [_text_of(el) for el in frag.iter(*_BLOCK_TAGS)]
            if any(blocks):
                return [b for b in blocks if b]
            value = "\n".join(frag.itertext())
    return [norm_ws(line) for line in value.splitlines() if line.strip()]


def _longest_text(obj: Any, depth: int = 0) -> str:
    """The string of most words in a JSON value (an app's state holds the story as one of them)."""
    best = ""
    if depth > 40:
        return best
    values = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, list) else ()
    for v in values:
        found = v if isinstance(v, str) else _longest_text(v, depth + 1)
        if len(found) > len(best) and len(found.split()) > len(best.split()):
            best = found
    return best


def _carried_body(ld0: dict[str, Any], states: list[str], markup_words: int) -> list[str]:
    """The story as a page carries it in data rather than markup, or [] when it carries none.

    A page rendered by JavaScript ships an empty shell: the story is in its JSON-LD ``articleBody``
    (the body, by definition) or in the app's embedded state (``<script id="__NEXT_DATA__"
    type="application/json">`` and the like), as the longest string of words there — which on a page
    with markup could as well be a consent notice, so it is read only when the markup gave under
    ``_SHELL_WORDS`` words (``states`` are the texts of those scripts).
    """
    body = ld0.get("articleBody")
    if isinstance(body, str) and len(body.split()) >= _CARRIED_MIN_WORDS:
        return _text_paragraphs(body)
    if markup_words >= _SHELL_WORDS:
        return []
    best = ""
    for state in states:
        try:
            found = _longest_text(json.loads(state))
        except (ValueError, RecursionError):
            continue
        if len(found.split()) > len(best.split()):
            best = found
    return _text_paragraphs(best) if len(best.split()) >= _CARRIED_MIN_WORDS else []


# Boxes of other stories and of comments: their stamps are not the story's.
_OTHER_STORIES = re.compile(
    r"(?i)comment|related|teaser|promo|sidebar|most-?(?:read|popular|viewed)|recommend|widget|trending"
)


def _in_other_stories(el: Any) -> bool:
    """True if ``el`` sits in a box of other stories or of comments (see _OTHER_STORIES)."""
    return any(
        isinstance(a.tag, str)
        and a.tag not in ("body", "html")
        and _OTHER_STORIES.search(f"{a.get('class') or ''} {a.get('id') or ''}")
        for a in el.iterancestors()
    )


_AMP_CACHE_RE = re.compile(r"(?i)(?:^|\.)(?:cdn\.ampproject\.org|ampproject\.net|bing-amp\.com)$")


def _html_draft(content: str, url: str | None, options: dict[str, Any], rules: Rules) -> tuple[Draft, dict[str, Any]]:
    """Parse HTML once: the page's own metadata, then trafilatura's main text."""
    # A fragment (a dump's text with some <p> or <b> in it) is no document to trafilatura's loader;
    # inside an <html><body> it parses like the page it came from.
    tree = load_html(content)
    if tree is None:
        content = f"<html><body>{content}</body></html>"  # parsed again from it below (a fresh tree)
        tree = load_html(content)
    if tree is None:
        raise ValueError("document could not be parsed as HTML")
    meta = _meta(tree)
    ld = _jsonld(tree)
    ld0 = ld[0] if ld else {}
    title_el = tree.find(".//title")
    raw_title = _text_of(title_el) if title_el is not None else None
    headlines = [_text_of(h) for h in tree.iter("h1")][:3]
    headlines += [meta[k] for k in ("og:title", "twitter:title") if meta.get(k)]
    if isinstance(ld0.get("headline"), str):
        headlines.append(ld0["headline"])
    meta_desc = [meta[k] for k in ("og:description", "description", "twitter:description") if meta.get(k)]
    if isinstance(ld0.get("description"), str):
        meta_desc.append(ld0["description"])
    stand = _stated_standfirsts(tree, meta_desc)

    def links() -> set[str]:
        out = set()
        for a in tree.iter("a"):
            text = _text_of(a)
            if 3 <= len(text.split()) <= 30:
                out.add(re.sub(r"[\W_]+", " ", text.casefold()).strip())
        return out

    canonical = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href").strip()
            break
    canonical = canonical or meta.get("og:url")
    html_el = tree if tree.tag == "html" else tree.getroottree().getroot()
    lang = (
        html_el.get("lang") or meta.get("og:locale") or meta.get("content-language") or meta.get("dc.language") or ""
    ).strip()

    # Read from the page before trafilatura prunes the tree.
    authors = _names(ld0.get("author")) or _meta_all(tree, _AUTHOR_META)
    # The visible byline is read even when the metadata names the author: "Jane Roe, AAP" on the page
    # is often the only place that credits the agency.
    shown_bylines = _visible_bylines(tree, rules)
    metadata_authors = bool(authors)
    if not authors:
        authors = shown_bylines
    published = [(ld0.get("datePublished"), "jsonld")]
    published += [(meta.get(k), "meta") for k in _PUBLISHED_META if meta.get(k)]
    # An @graph's WebPage node may carry the date its article node leaves out.
    published += [(o.get("datePublished"), "jsonld") for o in ld[1:] if isinstance(o.get("datePublished"), str)]
    # A related-posts box prints its stories' stamps with the same markup (a WordPress theme's <time
    # class="published"> under each related link): those are never this story's.
    for el in tree.iter("time"):
        if (
            el.get("datetime")
            and (
                "pubdate" in el.attrib
                or "publish" in (el.get("class") or "")
                or (el.get("itemprop") or "").lower() == "datepublished"
            )
            and not _in_other_stories(el)
        ):
            published.append((el.get("datetime"), "meta"))
    # Microdata's datePublished on an element other than <meta>/<time> ("<span itemprop=datePublished
    # content=...>5 March 2024</span>"): the attribute has the time its text does not show.
    # The hAtom microformat (Blogger, older WordPress themes) gives it in an <abbr class="published">'s title.
    for el in _ITEMPROP(tree):
        if (
            el.tag not in ("meta", "time")
            and (el.get("itemprop") or "").lower() == "datepublished"
            and not _in_other_stories(el)
        ):
            value = el.get("content") or el.get("datetime") or _iso_title(el)
            if value:
                published.append((value.strip(), "meta"))
    for el in tree.iter("abbr"):
        if "published" in (el.get("class") or "").lower().split() and _iso_title(el) and not _in_other_stories(el):
            published.append((_iso_title(el), "meta"))
    if not any(v for v, _ in published):
        # A plain <time datetime> inside the story (no class) carries the full time that its shown
        # text ("5 March 2024") and htmldate's day-only reading lose; an "updated" one does not count.
        # AMP's <amp-timeago datetime> is the same element under its component's name.
        # Its shown text may be only relative ("2 hours ago"): the attribute is the time. On a page without
        # an <article>/<main> around it, the first such stamp outside the page's chrome counts. A stamp in
        # a box of other stories or of comments never does.
        in_story, loose = [], []
        for el in tree.iter("time", "amp-timeago"):
            value = (el.get("datetime") or "").strip()
            attrs = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
            if not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", value) or re.search(
                r"(?i)updat|modif", f"{attrs} {_text_of(el)}"
            ):
                continue
            ancestors = [a for a in el.iterancestors() if isinstance(a.tag, str)]
            if _in_other_stories(el):
                continue
            if any(a.tag in ("article", "main") for a in ancestors):
                if not any(a.tag in _CHROME_TAGS and a.tag != "header" for a in ancestors):
                    in_story.append(value)
                    break
            elif not any(a.tag in _CHROME_TAGS for a in ancestors):
                loose.append(value)
        if in_story or loose:
            published.append(((in_story or loose)[0], "meta"))
    # A date element on the page is read only when the metadata gives none.
    visible_dates = [] if any(v for v, _ in published) else _visible_dates(tree)
    # The zone of a metadata time written without one: the page's country, else a shown stamp's.
    zone = _page_zone(meta.get("og:locale"), html_el.get("lang"), meta.get("content-language"))
    first = next((v.strip() for v, _ in published if isinstance(v, str) and v.strip()), "")
    if zone is None and _NAIVE_ISO_RE.fullmatch(first):
        zone = _shown_zone(first, _visible_dates(tree))
    embeds = _drop_embeds(tree)
    if any(o.get("@type") == "LiveBlogPosting" for o in ld):
        _merge_live_updates(tree)
    # An app's state scripts, read before trafilatura prunes them (parsed only for an empty shell).
    states = [el.text for el in tree.iter("script") if el.text and (el.get("type") or "").lower() == "application/json"]
    text = _main_text(tree, content, url, options)
    have = len(text.split())
    carried = _carried_body(ld0, states, have) if have < _SHORT_WORDS else []
    if carried:
        # An app shell: the story is only in its data. trafilatura may have read the same data as one
        # block (its JSON-LD fallback): then the data's own paragraphs are kept.
        more = len(" ".join(carried).split())
        if more > 2 * have or (more >= have and len(carried) > text.count("\n") + 1):
            text = "\n".join(carried)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    host = urlsplit(url).hostname if url else None
    if host and canonical and _AMP_CACHE_RE.search(host):
        host = None  # an AMP cache's copy ("outlet-example.cdn.ampproject.org"): the site is the canonical's
    host = host or (urlsplit(canonical).hostname if canonical else None)
    publisher = meta.get("og:site_name") or meta.get("application-name")
    if not publisher:
        names = _names(ld0.get("publisher"))
        publisher = names[0] if names else None
    # Without Open Graph or JSON-LD: the microdata publisher's name, or Dublin Core's.
    publisher = publisher or _microdata_publisher(tree) or meta.get("dc.publisher") or meta.get("dcterms.publisher")
    draft = Draft(
        paragraphs=paragraphs,
        raw_title=raw_title or (headlines[0] if headlines else None),
        headlines=headlines,
        standfirst_candidates=stand,
        summary_candidates=meta_desc,
        host=host.lower().removeprefix("www.") if host else None,
        publisher=publisher,
        link_texts=links,
        removed=[{"kind": "embed", "text": t} for t in embeds],
    )
    draft.page_authors = [a for a in authors if isinstance(a, str)]
    draft.shown_bylines = list(shown_bylines)
    modified = ld0.get("dateModified") or meta.get("article:modified_time") or meta.get("og:updated_time")
    tags = [t for t in re.split(r"\s*,\s*", meta.get("keywords", "")) if t]
    for el in tree.iter("meta"):
        if (el.get("property") or "").lower() == "article:tag" and el.get("content"):
            tags.append(el.get("content").strip())
    image = meta.get("og:image") or meta.get("twitter:image")
    extra = {
        "authors": authors,
        "shown_bylines": shown_bylines,
        "metadata_authors": metadata_authors,
        "published": [(v, s) for v, s in published if v],
        "modified": modified,
        "tags": tags,
        "image_url": image,
        "canonical_url": canonical,
        "language": lang,
        "zone": zone,
        "attribution": _page_attribution(tree),
        # A portal's partner feed names the outlet or wire it carries as the article's provider.
        "provider": next(iter(_names(ld0.get("provider") or ld0.get("sourceOrganization"))), None),
        "visible_dates": visible_dates,
        "find_date": lambda: _searched_date(content),
    }
    return draft, extra


_JANUARY_FIRST = re.compile(
    r"(?i)\b(?:jan(?:uary|\.)?\s+0?1(?:st)?\b|0?1(?:st|er|º|\.)?\s+(?:of\s+|de\s+)?(?:jan|enero|gennaio)\w*)|"
    r"\b(?:\d{4}[-/.]01[-/.]01|01[-/.]01[-/.]\d{4})\b"
)


_RENDER_BOX = re.compile(
    r"(?i)masthead|top-?bar|(?:^|[\s_-])(?:today|today-date|header-date|current-date|date-today)(?:$|[\s_-])"
)


def _searched_date(content: str) -> str | None:
    """htmldate's extensive search of the page text, without its guesses from a bare year.

    Given only "© Outlet 2024" (or a year in a link), the search answers 1 January of that year; a
    date that was never on the page is worse than none (the fetch time stands in, flagged by its
    provenance), so a 1 January is kept only when the page writes that day out. The page's masthead
    (a site header without the headline, a "today" date bar) shows the day it was rendered, not the
    story's: the search does not see it.
    """
    tree = load_html(content)
    if tree is not None:
        masthead = [
            el
            for el in tree.iter()
            if isinstance(el.tag, str)
            and (
                (
                    el.tag == "header"
                    and el.find(".//h1") is None
                    and not any(a.tag in ("article", "main") for a in el.iterancestors())
                )
                or (
                    _RENDER_BOX.search(f"{el.get('class') or ''} {el.get('id') or ''}")
                    # A theme's flags on <body> ("topbar-enabled") name no box; nor is a box the story's.
                    and el.tag not in ("html", "body", "main", "article")
                    and el.find(".//h1") is None
                    and el.find(".//article") is None
                )
            )
        ]
        for el in masthead:
            if el.getparent() is not None:
                el.getparent().remove(el)
    found = htmldate.find_date(tree if tree is not None else content, extensive_search=True, original_date=True)
    if found and found.endswith("-01-01") and not _JANUARY_FIRST.search(content):
        return None
    return found


class NotText(ValueError):
    """The input is neither HTML nor text (an image, a PDF, a compressed file...)."""


# Control characters other than tab, line feed, carriage return and form feed: text has almost none,
# while decoded binary data has about one in eight.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


_HEADLINE_WORDS = 20
_SENTENCE_END = re.compile(r"[.,;:\-–—。，；：।]['\"”’)」]?$")


def headline_first(text: str, title: str | None = None) -> bool:
    """True if a plain text's first line is its headline rather than the story's first paragraph.

    With a ``title`` known, the first line is the headline when it repeats it. Without one, a short first
    line (at most 20 words) that does not end like a sentence, followed by more text, is a headline
    ("Floods kill 60 in Velmora"); "LONDON (Reuters) - The economy grew 0.3% ... ." is the story.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2:
        return False
    if title:
        return _fold(lines[0]) == _fold(title)
    return len(lines[0].split()) <= _HEADLINE_WORDS and not _SENTENCE_END.search(lines[0])


def _text_draft(content: bytes) -> tuple[Draft, dict[str, Any]]:
    """A plain-text dump: first line is the title, then one paragraph per line."""
    decoded = decode_text(content)
    sample = decoded[:4096]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise NotText(f"not HTML or text: {content[:8]!r}… looks like binary data")
    lines = [ln.strip() for ln in decoded.splitlines()]
    lines = [ln for ln in lines if ln]
    # A dump's first line is its headline; a text that opens with its story has none.
    title = lines[0] if lines and headline_first(decoded) else None
    draft = Draft(paragraphs=lines[1:] if title else lines, raw_title=title, plain_text=True)
    extra: dict[str, Any] = {
        "visible_dates": [],
        "authors": [],
        "published": [],
        "modified": None,
        "tags": [],
        "image_url": None,
        "canonical_url": None,
        "language": "",
        "attribution": None,
        "provider": None,
    }
    return draft, extra


def _language(declared: str, text: str) -> str | None:
    """Declared language if any, else the body's script or a stopword vote over it.

    A site-wide template often declares its main language on every page: a body whose stopwords
    clearly belong to another known language (three times the declared one's count) overrides it, and
    so does a body written mostly in a script of another language (Arabic, Cyrillic, Han, Hangul ...).
    """
    script = _script_language(text)
    lang = declared.replace("_", "-").split("-")[0].lower() or None if declared else None
    if script:
        # A body in another script than the declared language's is in the script's language; within
        # one script (Chinese and Japanese Han, Arabic and Persian) the declaration is more precise.
        if lang is None or lang in _STOPWORDS or lang == "en":
            return script
        return lang
    words = re.findall(r"[^\W\d_]+", text.lower()[:4000])
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in stops) for lang, stops in _STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    if declared:
        if lang in scores and best != lang and scores[best] >= 12 and scores[best] > 3 * scores[lang]:
            return best
        return lang
    if len(words) < 5:
        return None
    return best if scores[best] >= 3 else None


def _choose_dates(
    extra: dict[str, Any],
    draft: Draft,
    url: str | None,
    hints: Iterable[tuple[Any, str]],
    fetched_at: dt.datetime | None,
    now: dt.datetime | None,
) -> tuple[dt.datetime | None, str | None, dt.datetime | None, list[str]]:
    """Published/modified dates with their provenance and flags."""
    candidates: list[tuple[dt.datetime, str]] = []
    zone = extra.get("zone")
    for value, source in extra["published"]:
        parsed = _to_utc(value, zone)
        if parsed:
            candidates.append((parsed, source))
    for value, source in hints:
        parsed = value if isinstance(value, dt.datetime) else _to_utc(value)
        if parsed:
            candidates.append((parsed.astimezone(dt.UTC), source))
    shown = draft.text_dates + ([] if draft.render_dated else extra["visible_dates"])
    text_dates = [d for d in (parse_loose_date(x, zone) for x in shown) if d]
    url_date = None
    m = _URL_DATE_RE.search(url) if url else None
    if m:
        try:
            url_date = dt.datetime(int(m[1]), int(m[2] or m[4]), int(m[3] or m[5]), tzinfo=dt.UTC)
        except ValueError:
            pass
    if url_date:
        # A URL gives the day only: a date shown on the page for the same day also gives the time;
        # one for another day is more likely an update than the URL is wrong.
        same_day = [d for d in text_dates if d.date() == url_date.date()]
        candidates += [(d, "text") for d in same_day]
        candidates.append((url_date, "url"))
        candidates += [(d, "text") for d in text_dates if d not in same_day]
    else:
        candidates += [(d, "text") for d in text_dates]
    if not candidates and extra.get("find_date") is not None and not draft.render_dated:
        # Last resort before the fetch time: htmldate's search of the page text. A day that is only a
        # syndicator's render date (MENAFN's date line) is not a publication date.
        found = extra["find_date"]()
        render_days = {d.date() for d in map(parse_loose_date, draft.render_dates) if d}
        if found and dt.date.fromisoformat(found) not in render_days:
            candidates.append((dt.datetime.fromisoformat(found).replace(tzinfo=dt.UTC), "text"))
    flags: list[str] = []
    if (draft.render_dates or draft.render_dated) and not candidates:
        flags.append("render_date_only")
    published, source = candidates[0] if candidates else (None, None)
    if published is None and fetched_at is not None:
        published, source = fetched_at.astimezone(dt.UTC), "fetched"
    if len({c[0].date() for c in candidates}) > 1:
        spread = max(c[0] for c in candidates) - min(c[0] for c in candidates)
        if spread > _DISAGREE:
            flags.append("sources_disagree")
    reference = now or fetched_at
    if published is not None and reference is not None and published > reference + _FUTURE_TOLERANCE:
        flags.append("future")
    modified = _to_utc(extra["modified"], zone) if extra["modified"] else None
    return published, source, modified, flags


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


# A "soft 404": a missing page served with status 200. A part of its title is only that ("Page not
# found | Outlet", "Error 404"), or its short text says so.
_ERROR_TITLE = re.compile(
    r"(?i)\W*(?:(?:http )?(?:error\s*)?(?:404|410)(?:\s*error)?|oops!?|sorry!?|error|not found|"
    r"(?:(?:oops|sorry)\W+)?(?:the |this )?(?:page|article|story|content|file)(?: you (?:are|were) looking for)? "
    r"(?:(?:was |could )?not (?:be )?found|(?:is )?no longer available|(?:does not|doesn't) exist|(?:has been )?removed))"
    r"[\W]*"
)
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*[|:]\s+|\s*::\s*")
_ERROR_TEXT = re.compile(
    r"(?i)\b(?:the )?(?:page|article|story|content)( you (?:are|were|'re) looking for| you requested)? "
    r"(?:(?:does not|doesn't|no longer) exists?|could not be found|cannot be found|can't be found|was not found|"
    r"(?:has|may have) been (?:moved|removed|deleted)|is no longer available)"
)
_ERROR_PAGE_WORDS = 80


def is_error_page(title: str | None, text: str | None) -> bool:
    """True for a page that says it is missing although it was served as a page (a "soft 404").

    A title part must be nothing but the error ("Content not found on seized drives" is a headline),
    and a long text is a story whatever its title says.
    """
    words = len((text or "").split())
    if words >= 4 * _ERROR_PAGE_WORDS:
        return False
    if title and any(_ERROR_TITLE.fullmatch(part) for part in _TITLE_PARTS.split(title) if part.strip()):
        return True
    return words < _ERROR_PAGE_WORDS and bool(text and _ERROR_TEXT.search(text))


def content_hash(text: str) -> str:
    """sha256 of the whitespace- and case-normalized body."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


# Keys the pipeline reads that are not part of the ``wiredesk extract`` contract (not printed).
INTERNAL_KEYS = frozenset({"page_kind"})
_LISTING_LINKS = 4
_LISTING_SHARE = 0.4


def _page_kind(draft: Draft) -> str:
    """'listing' for a section front or tag page (most of its "paragraphs" are linked headlines), else
    'article'. An article's related links are cut as boilerplate before this is asked."""
    if draft.plain_text or len(draft.paragraphs) < _LISTING_LINKS:
        return "article"
    # Only a line of 3 to 30 words can be a link's text (see links()): most pages have too few such lines
    # to be a listing, and their anchors are not read for this.
    short = [p for p in draft.paragraphs if 3 <= len(p.split()) <= 30]
    if len(short) < _LISTING_LINKS:
        return "article"
    links = draft.links()
    linked = sum(1 for p in short if _fold(p) in links)
    return "listing" if linked >= _LISTING_LINKS and linked >= _LISTING_SHARE * len(draft.paragraphs) else "article"


def extract_document(
    content: bytes | str,
    url: str | None = None,
    *,
    hints: Iterable[tuple[Any, str]] = (),
    fetched_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
    rules: Rules | None = None,
    options: dict[str, Any] | None = None,
    content_type: str | None = None,
) -> dict[str, Any]:
    """Extract and clean one HTML or plain-text document into the ``wiredesk extract`` fields.

    ``hints`` are (date, source) pairs known outside the page (feed/sitemap dates); ``now`` is the
    reference for the ``future`` flag (the run's clock, passed in — never read here).
    """
    if isinstance(content, str):
        # Already text (a JSON field, a caller's string): a stray control character is noise, not a sign
        # of binary data as it is in bytes read from a file, so it becomes a space.
        content = _CONTROL.sub(" ", content)
    elif (wide := _wide_text(content)) is not None:
        content = wide  # UTF-16/32 bytes: sniffed and parsed as the text they are
    data = content.encode("utf-8") if isinstance(content, str) else content
    rules = rules or load_rules()
    if is_html(data):
        # Decode with the header/meta/sniffed charset (wrong declarations are common), then parse.
        text_html = content if isinstance(content, str) else decode_html(data, content_type)
        draft, extra = _html_draft(text_html, url, options or {}, rules)
    else:
        draft, extra = _text_draft(data)
    clean_document(draft, rules)
    host = draft.host
    publisher = draft.publisher or (host.split(":")[0] if host else None)
    shown = extra.get("shown_bylines") or []
    if draft.credit_byline and shown:
        # The page's byline slot names the writers; the sign-off credit ("Writing by …") is the wire's.
        named = [p for a in shown for p in byline_parts(rules, a, (publisher or "",))[0]]
        if named:
            draft.byline = None
    if not draft.byline:
        people: list[str] = []
        agencies: list[str] = []
        unnamed = [c for a in extra["authors"] if (c := unnamed_credit(a))]
        for author in extra["authors"]:
            if unnamed_credit(author):
                continue  # 'By Our Correspondent, Kumasi': no person's name in it
            names, named_agencies = byline_parts(rules, author, (publisher or "", draft.original_source or ""))
            people += [n for n in names if n not in people]
            agencies += named_agencies
        for credit in agencies:
            draft.set_agency(rules.agency(credit))
        if people:
            draft.byline = ", ".join(people)
            draft.authors = people
        elif agencies and (shown or not extra.get("metadata_authors")):
            # An agency named as the author only in the metadata, with no byline shown on the page
            # ('dpa ·' over the story is a source label), is the wire, not a byline. Where the page
            # shows the credit, its own wording is the byline ('Agencia EFE' for the metadata's 'EFE').
            draft.byline = _shown_agency_credit(rules, shown, agencies[0]) or norm_ws(agencies[0])
        elif not agencies and unnamed:
            # "By Agencies", "Staff Reporter": the page credits no one by name, and says so.
            draft.byline = unnamed[0]
    for line in shown:
        for credit in byline_parts(rules, line, (publisher or "",))[1]:
            draft.set_agency(rules.agency(credit))
    if extra["attribution"]:
        agency = rules.agency(extra["attribution"])
        if agency:
            draft.set_agency(agency)
        elif not draft.original_source and (
            not publisher or publisher.casefold() not in extra["attribution"].casefold()
        ):
            draft.original_source = extra["attribution"]
        # An outlet carrying agency copy is not a syndicator; one re-running another outlet's story is.
        if (
            not agency
            and publisher
            and not draft.syndicator
            and extra["attribution"].casefold() not in publisher.casefold()
        ):
            draft.syndicator = publisher
    provider = extra["provider"]
    if provider and (agency := rules.agency(provider)):
        draft.set_agency(agency)  # an outlet carrying a wire's copy: the wire is its agency, not a source
    elif provider and not draft.original_source and (not publisher or _fold(provider) not in _fold(publisher)):
        draft.original_source = provider  # a portal carrying a partner outlet's story (the portal syndicates)
    if (
        draft.original_source
        and publisher
        and not draft.syndicator
        and draft.original_source.casefold() not in publisher.casefold()
    ):
        draft.syndicator = publisher  # the page republishes another outlet's story
    text = "\n".join(draft.paragraphs)
    published, source, modified, flags = _choose_dates(extra, draft, url, hints, fetched_at, now)
    return {
        "input": None,
        "url": url,
        "title": draft.title,
        "standfirst": draft.standfirst,
        "text": text,
        "lead": draft.paragraphs[0] if draft.paragraphs else None,
        "publisher": publisher,
        "syndicator": draft.syndicator,
        "original_source": draft.original_source,
        "wire_agency": draft.wire_agency,
        "byline": draft.byline,
        "authors": draft.authors,
        "dateline": draft.dateline,
        "published_at": _iso(published),
        "published_at_source": source,
        "modified_at": _iso(modified),
        "date_flags": flags,
        "language": _language(extra["language"], text),
        "word_count": len(text.split()),
        "tags": list(dict.fromkeys(extra["tags"])),
        "image_url": extra["image_url"],
        "canonical_url": extra["canonical_url"] or url,
        "content_hash": content_hash(text),
        "removed": draft.removed,
        "page_kind": _page_kind(draft),
    }
