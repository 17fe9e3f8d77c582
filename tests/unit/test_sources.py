"""sources.py without a server: URL identity, feed and sitemap parsing, the day rule, local and WARC sources."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import resource

import pytest
from lxml import etree

from wiredesk import sources
from wiredesk.config import FetchConfig, SourceConfig
from wiredesk.fetch import Fetcher
from wiredesk.sources import (
    DiscoveryError,
    SourceState,
    archived_items,
    canonicalize_url,
    discover,
    parse_feed,
    parse_sitemap,
    read_local,
    url_key,
)

DAY = dt.date(2024, 3, 5)


def _at(day: dt.date, hour: int = 6) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _no_network(host, port):
    raise AssertionError("these tests never resolve a name")


@pytest.fixture
def fetcher():
    with Fetcher(FetchConfig(), resolver=_no_network) as f:
        yield f


# -- URL identity -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "http://news.test/world/story.html",
        "https://news.test/world/story.html",
        "http://www.news.test/world/story.html",
        "http://NEWS.test:80/world/story.html",
        "http://news.test/world/story.html#comments",
        "http://news.test/world/story.html?utm_source=rss&utm_medium=feed&utm_campaign=x",
        "http://news.test/world/story.html?fbclid=IwAR0abc",
        "http://news.test/world/story.html?gclid=1&mc_cid=2&mc_eid=3&ocid=rss&_ga=4&at_medium=RSS",
    ],
)
def test_tracking_variants_share_one_key(variant):
    assert url_key(variant) == "news.test/world/story.html"


@pytest.mark.parametrize(
    "url",
    [
        "http://news.test/index.php?article=5",
        "http://news.test/s?storyid=9",
        "http://news.test/?p=456",
        "http://news.test/news.aspx?nid=77",
        "http://news.test/a?cid=3",
        "http://news.test/a?id=5",
    ],
)
def test_identifying_parameters_are_kept(url):
    assert canonicalize_url(url) == url
    assert url_key(url) != url_key(url.rsplit("=", 1)[0] + "=999")


@pytest.mark.parametrize(
    "variants",
    [
        ["https://news.test/caf%c3%a9.html", "https://news.test/caf%C3%A9.html", "https://news.test/caf\u00e9.html"],
        ["https://news.test/%7Eed/a.html", "https://news.test/~ed/a.html"],
        ["https://news.test/world/../a.html", "https://news.test/./a.html", "https://news.test/a.html"],
        ["https://news.test/x/%2E%2E/a.html", "https://news.test/a.html"],
        ["https://b\u00fccher.test/a.html", "https://xn--bcher-kva.test/a.html"],
    ],
)
def test_spellings_of_one_url_share_one_canonical_form(variants):
    forms = {canonicalize_url(v) for v in variants}
    assert len(forms) == 1
    form = forms.pop()
    assert canonicalize_url(form) == form  # idempotent: the ledger relies on it
    assert canonicalize_url("https://news.test/a%2fb") == "https://news.test/a%2Fb"  # an encoded / stays one


def test_parameters_are_sorted_and_non_web_urls_untouched():
    assert canonicalize_url("http://news.test/a?b=2&a=1&utm_term=z") == "http://news.test/a?a=1&b=2"
    assert canonicalize_url("file://seed-dump/2017-10-23/x.txt") == "file://seed-dump/2017-10-23/x.txt"
    assert canonicalize_url("https://news.test:8443/a") == "https://news.test:8443/a"


# -- feeds --------------------------------------------------------------------------------------

RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>t</title>
<item><title>One</title><link>/a/one.html</link><pubDate>Tue, 05 Mar 2024 10:00:00 +0100</pubDate></item>
<item><title>Two</title><guid>https://news.test/a/two.html</guid></item>
<item><title>Three</title><link>https://feeds.test/~r/x/123</link>
  <feedburner:origLink>https://news.test/a/three.html</feedburner:origLink></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>A</title><link rel="self" href="https://news.test/self"/><link href="https://news.test/a.html"/>
  <updated>2024-03-06T09:00:00Z</updated><published>2024-03-05T23:30:00-02:00</published></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://news.test/"><title>t</title></channel>
<item rdf:about="https://news.test/r.html"><title>R</title><link>https://news.test/r.html</link>
<dc:date>2024-03-05T08:00:00+00:00</dc:date></item></rdf:RDF>"""

JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
 {"id": "1", "url": "https://news.test/j.html", "title": "J", "date_published": "2024-03-05T12:00:00Z"},
 {"id": "https://news.test/k.html"}, {"id": "not-a-url"}, "junk"]}"""


def test_rss_links_guids_and_original_links():
    entries = parse_feed(RSS, "https://news.test/feed.xml")
    assert [e[0] for e in entries] == [
        "https://news.test/a/one.html",
        "https://news.test/a/two.html",
        "https://news.test/a/three.html",
    ]
    assert entries[0][2] == dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC)
    assert entries[1][2] is None


def test_atom_prefers_published_over_updated_and_alternate_links():
    [(link, title, date)] = parse_feed(ATOM, "https://news.test/")
    assert link == "https://news.test/a.html" and title == "A"
    assert date == dt.datetime(2024, 3, 6, 1, 30, tzinfo=dt.UTC)


def test_rss1_rdf_and_json_feed():
    assert parse_feed(RDF, "") == [("https://news.test/r.html", "R", dt.datetime(2024, 3, 5, 8, tzinfo=dt.UTC))]
    entries = parse_feed(JSON_FEED, "https://news.test/")
    assert [e[0] for e in entries] == ["https://news.test/j.html", "https://news.test/k.html"]


@pytest.mark.parametrize(
    "body",
    [
        b"<rss><channel><item><title>cut",
        b"\x00\x01binary",
        b'{"items": ',
        b'{"title": "no items"}',
        b"<html><body>not a feed</body></html>",
    ],
)
def test_unusable_feeds_raise(body):
    with pytest.raises(DiscoveryError):
        parse_feed(body, "https://news.test/")


def test_gzipped_feeds_are_read():
    assert parse_feed(gzip.compress(RSS), "https://news.test/feed.xml") == parse_feed(RSS, "https://news.test/feed.xml")
    assert parse_feed(gzip.compress(JSON_FEED), "https://news.test/")[0][0] == "https://news.test/j.html"


def test_a_malformed_link_does_not_break_the_feed(fetcher):
    body = (
        b"<rss><channel><item><link>http://[::1</link></item><item><link>https://news.test/a.html</link></item>"
        b"</channel></rss>"
    )
    assert [e[0] for e in parse_feed(body, "https://news.test/feed.xml")] == ["http://[::1", "https://news.test/a.html"]
    json_body = b'{"items": [{"url": "http://[::1"}, {"url": "https://news.test/b.html"}]}'
    assert [e[0] for e in parse_feed(json_body, "https://news.test/")] == ["http://[::1", "https://news.test/b.html"]
    # Kept as items, so each ends as a reject with its reason rather than an exception.
    items = discover(_urls_source(["http://[::1", "https://news.test/a.html"]), DAY, fetcher, observed_at=_at(DAY))
    assert sorted(i.url for i in items) == ["http://[::1", "https://news.test/a.html"]


def test_a_truncated_feed_keeps_its_complete_items():
    body = RSS.split(b"<item><title>Three")[0] + b"<item><title>Thr"
    assert [e[1] for e in parse_feed(body, "https://news.test/")] == ["One", "Two"]


def _item(link: str, title: str = "T") -> str:
    return f"<item><title>{title}</title><link>{link}</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # HTML entities XML does not define: the lenient parser cut the title at the first one.
        (
            f"<rss><channel>{_item('https://news.test/1.html', 'A&nbsp;B &mdash; C')}</channel></rss>".encode(),
            [("https://news.test/1.html", "A\xa0B \u2014 C")],
        ),
        # A bare & in a link: the lenient parser made ?a=1&b=2 into ?a=1=2, another page.
        (
            f"<rss><channel>{_item('https://news.test/1.html?a=1&b=2', 'x & y')}</channel></rss>".encode(),
            [("https://news.test/1.html?a=1&b=2", "x & y")],
        ),
        # ... but CDATA is left as it is.
        (
            f"<rss><channel>{_item('<![CDATA[https://news.test/1.html?a=1&b=2]]>', 'a & b')}</channel></rss>".encode(),
            [("https://news.test/1.html?a=1&b=2", "a & b")],
        ),
        # Latin-1 bytes in a feed declared (or assumed) UTF-8.
        (
            (
                '<?xml version="1.0" encoding="utf-8"?><rss><channel>'
                + _item("https://news.test/1.html", "Caf\u00e9 &amp; bar")
                + "</channel></rss>"
            ).encode("latin-1"),
            [("https://news.test/1.html", "Caf\u00e9 & bar")],
        ),
        # A PHP warning printed before the document.
        (
            b"<br />\n<b>Warning</b>: Cannot modify header information in <b>feed.php</b><br />\n"
            + f'<?xml version="1.0"?><rss><channel>{_item("https://news.test/1.html")}</channel></rss>'.encode(),
            [("https://news.test/1.html", "T")],
        ),
        # Raw HTML pasted into a description: the lenient parser lost the whole item.
        (
            b"<rss><channel><item><title>T</title><description><p>one <br> two &copy; x</description>"
            b"<link>https://news.test/1.html</link></item></channel></rss>",
            [("https://news.test/1.html", "T")],
        ),
    ],
)
def test_broken_feeds_are_mended_before_being_read_leniently(body, expected):
    assert [(link, title) for link, title, _ in parse_feed(body, "https://news.test/feed.xml")] == expected


def test_a_sitemap_with_bare_ampersands_keeps_its_urls():
    body = (
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<url><loc>https://news.test/?p=1&cat=2</loc><lastmod>2024-03-05</lastmod></url>"
        b"<url><loc>https://news.test/?p=2&amp;cat=2</loc></url></urlset>"
    )
    assert [u[0] for u in parse_sitemap(body)[1]] == ["https://news.test/?p=1&cat=2", "https://news.test/?p=2&cat=2"]


def test_ampersands_escaped_twice_are_ampersands(fetcher, monkeypatch):
    # A plugin escaping twice: after XML decoding the link still says '&amp;' (or '&#038;').
    body = (
        b"<urlset><url><loc>https://news.test/?p=3&amp;amp;cat=2</loc></url>"
        b"<url><loc>https://news.test/?p=4&amp;#038;cat=2</loc></url></urlset>"
    )
    src = SourceConfig(id="map", kind="sitemap", url="https://news.test/sitemap.xml")
    monkeypatch.setattr(sources, "_listing_body", lambda *a: (body, "https://news.test/sitemap.xml"))
    items = discover(src, DAY, fetcher, observed_at=_at(DAY))
    assert [i.url for i in items] == ["https://news.test/?p=3&cat=2", "https://news.test/?p=4&cat=2"]
    feed = b"<rss><channel><item><link>https://news.test/?p=5&amp;amp;cat=2</link></item></channel></rss>"
    assert parse_feed(feed, "")[0][0] == "https://news.test/?p=5&cat=2"


def test_atom_prefers_the_html_alternate():
    body = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" type="application/pdf" '
        b'href="/x.pdf"/><link rel="alternate" type="text/html" href="/x.html"/></entry>'
        b'<entry><link rel="alternate" type="audio/mpeg" href="/y.mp3"/></entry></feed>'
    )
    assert [e[0] for e in parse_feed(body, "https://news.test/")] == [
        "https://news.test/x.html",
        "https://news.test/y.mp3",
    ]


@pytest.mark.parametrize(
    ("feed", "sitemap"),
    [
        # A character reference to a surrogate: the recovered tree holds bytes lxml cannot decode.
        (
            b"<rss><channel><item><title>a&#xD800;b</title><link>https://news.test/a.html</link></item>"
            b"<item><link>https://news.test/b.html</link></item></channel></rss>",
            b"<urlset><url><loc>https://news.test/a.html</loc><news:news><news:title>a&#xD800;b</news:title>"
            b"</news:news></url><url><loc>https://news.test/b.html</loc></url></urlset>",
        ),
        # Prefixes never declared: etree.QName refuses the recovered 'rdf:RDF' and 'dc:date' tags.
        (
            b"<rdf:RDF><item><link>https://news.test/a.html</link><dc:date>2024-03-05</dc:date></item>"
            b"<item><link>https://news.test/b.html</link></item>",
            b"<urlset><url><loc>https://news.test/a.html</loc><news:news><news:publication_date>2024-03-05"
            b"</news:publication_date></news:news></url><url><loc>https://news.test/b.html</loc></url>",
        ),
    ],
)
def test_undecodable_recovered_documents_lose_at_most_an_item(feed, sitemap):
    # These used to raise UnicodeDecodeError or ValueError out of the parsers and end the whole run.
    assert [e[0] for e in parse_feed(feed, "")] == ["https://news.test/a.html", "https://news.test/b.html"]
    assert [u[0] for u in parse_sitemap(sitemap)[1]] == ["https://news.test/a.html", "https://news.test/b.html"]


def _billion_laughs() -> bytes:
    decls = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{decls}]><rss><channel><item><title>&lol9;</title>'
        "<link>http://news.test/a</link></item></channel></rss>"
    ).encode()


def test_billion_laughs_is_refused_with_flat_memory():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DiscoveryError, match="entities"):
        parse_feed(_billion_laughs(), "")
    # Defence in depth: even the parsers themselves never expand the entities.
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(_billion_laughs(), sources._XML_PARSER)
    root = etree.fromstring(_billion_laughs(), sources._XML_RECOVER)
    assert len(etree.tostring(root)) < 10_000
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024  # KiB: 1 GB if expanded


def test_benign_entity_declarations_of_old_feed_generators_are_read():
    declared = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY mdash "&#x2014;">]>'
        b"<rss><channel><item><title>A&nbsp;B &mdash; C</title><link>https://news.test/a.html</link></item>"
        b"</channel></rss>"
    )
    assert parse_feed(declared, "") == [("https://news.test/a.html", "A\xa0B \u2014 C", None)]
    w3c_sets = (
        b'<!DOCTYPE rss [<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" '
        b'"http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent"> %HTMLlat1;]>'
        b"<rss><channel><item><title>Caf&eacute;</title><link>https://news.test/b.html</link></item></channel></rss>"
    )
    assert parse_feed(w3c_sets, "") == [("https://news.test/b.html", "Caf\u00e9", None)]
    for bomb in (
        b'<!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><rss>&b;</rss>',  # refers to another entity
        b'<!DOCTYPE r [<!ENTITY a "xxxxxxxxxxxxxxxxxxxxxxxx">]><rss>&a;</rss>',  # more than a character
        b'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://evil.test/x.dtd"> %p;]><rss/>',  # an external DTD
    ):
        with pytest.raises(DiscoveryError, match="entities"):
            parse_feed(bomb, "")


def test_external_entities_are_refused():
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>'
    with pytest.raises(DiscoveryError):
        parse_feed(xxe, "")
    plain_doctype = b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://x.test/rss.dtd"><rss><channel/></rss>'
    assert parse_feed(plain_doctype, "") == []


def _utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 05 Mar 2024 23:30:00 EST", _utc(2024, 3, 6, 4, 30)),
        ("Tue, 05 Mar 2024 16:30:00 PDT", _utc(2024, 3, 5, 23, 30)),
        ("Tue, 05 Mar 2024 03:00:00 +0530", _utc(2024, 3, 4, 21, 30)),
        ("05 Mar 24 10:00 GMT", _utc(2024, 3, 5, 10)),  # two-digit year
        ("2024-03-05T10:00:00", _utc(2024, 3, 5, 10)),  # no zone: UTC
        ("2024-03-05T10:00:00 +01:00", _utc(2024, 3, 5, 9)),
        ("2024-03-05T10:00:00 UTC", _utc(2024, 3, 5, 10)),
        ("2024-03-05 10:00:00GMT", _utc(2024, 3, 5, 10)),
        ("2024-03-05T10:00:00+01:00Z", _utc(2024, 3, 5, 9)),
        # An RFC 822 offset with a colon was dropped (read as UTC); so was a zone after an am/pm time.
        ("Tue, 5 Mar 2024 10:00:00 +01:00", _utc(2024, 3, 5, 9)),
        ("Tue, 05 Mar 2024 10:00 PM EST", _utc(2024, 3, 6, 3)),
        ("Tue, 05 Mar 2024 12:30 a.m. +0000", _utc(2024, 3, 5, 0, 30)),
        ("05.03.2024 10:00", _utc(2024, 3, 5, 10)),  # dotted numeric dates are day first
        # An IANA zone name, also in RFC 9557 brackets: its offset on that day (summer time included).
        ("2024-03-05T10:00:00 Europe/Paris", _utc(2024, 3, 5, 9)),
        ("2024-07-05T10:00:00[Europe/Paris]", _utc(2024, 7, 5, 8)),
        ("Tue, 05 Mar 2024 10:00:00 America/New_York", _utc(2024, 3, 5, 15)),
        ("2024-03-05T10:00:00+01:00[Europe/Paris]", _utc(2024, 3, 5, 9)),
        # Named zones email.utils does not know used to read as UTC; 'GMT+3' lost its offset.
        ("Tue, 05 Mar 2024 02:00:00 GMT+3", _utc(2024, 3, 4, 23)),
        ("Tue, 05 Mar 2024 02:00:00 UTC-05:30", _utc(2024, 3, 5, 7, 30)),
        ("Tue, 05 Mar 2024 00:30:00 CET", _utc(2024, 3, 4, 23, 30)),
        ("Tue, 05 Mar 2024 04:00:00 IST", _utc(2024, 3, 4, 22, 30)),
        ("Tue, 05 Mar 2024 09:00:00 JST", _utc(2024, 3, 5, 0)),
        # Localized month and weekday names, other layouts: once undated, so filed under the day first seen.
        ("Di, 05 Mär 2024 10:00:00 +0100", _utc(2024, 3, 5, 9)),
        ("mar., 05 mars 2024 10:00:00 +0100", _utc(2024, 3, 5, 9)),
        ("mié, 06 mar 2024 10:00:00 +0100", _utc(2024, 3, 6, 9)),
        ("2024/03/05 10:00", _utc(2024, 3, 5, 10)),
        ("March 5, 2024", _utc(2024, 3, 5)),
        ("  Tue, 05 Mar 2024\n 10:00:00 GMT ", _utc(2024, 3, 5, 10)),
        # Not dates: empty, placeholders, relative or partial dates.
        ("", None),
        ("   ", None),
        ("0000-00-00", None),
        ("-0001-11-30T00:00:00+00:00", None),
        ("yesterday", None),
        ("n/a", None),
        ("2024", None),
    ],
)
def test_feed_dates_in_real_world_forms(value, expected):
    assert sources._parse_date(value) == expected


def test_common_sitemap_date_forms_stay_fast():
    # 50,000 lastmods of a big sitemap: the common forms must not reach the slow language-aware parser.
    sources._parse_loose.cache_clear()
    for n in range(300):
        for form in ("2024-03-05T10:00:{:02d} UTC", "2024-03-05 10:00:{:02d}GMT", "2024-03-05T10:00:{:02d}+00:00Z"):
            assert sources._parse_date(form.format(n % 60)) is not None
    assert sources._parse_loose.cache_info().currsize == 0


def test_feed_dates_in_odd_forms_decide_the_day():
    body = (
        b"<rss><channel>"
        b"<item><link>https://news.test/a.html</link><pubDate>Tue, 05 Mar 2024 01:00:00 GMT+3</pubDate></item>"
        b"<item><link>https://news.test/b.html</link><pubDate>Tue, 05 Mar 2024 00:30:00 CET</pubDate></item>"
        b"<item><link>https://news.test/c.html</link><pubDate></pubDate></item>"
        b"<item><link>https://news.test/d.html</link><pubDate>soon</pubDate><dc:date>2024-03-05T08:00:00Z</dc:date>"
        b"</item>"
        b"</channel></rss>"
    )
    assert [(e[0][-6:], e[2]) for e in parse_feed(body, "")] == [
        ("a.html", _utc(2024, 3, 4, 22)),
        ("b.html", _utc(2024, 3, 4, 23, 30)),
        ("c.html", None),
        ("d.html", _utc(2024, 3, 5, 8)),
    ]


def test_atom_xml_base_and_alternate_among_other_links():
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.test/news/">
<entry><link rel="replies" href="comments/1"/><link rel="enclosure" href="/media/1.mp3"/>
  <link rel="alternate" type="text/html" href="one.html"/><updated>2024-03-05T12:00:00Z</updated></entry>
<entry xml:base="/other/"><link href="two.html"/><updated>2024-03-05T13:00:00+02:00</updated></entry>
<entry><link rel="self" href="/api/3.json"/><link href=" three.html "/></entry>
</feed>"""
    entries = parse_feed(body, "https://news.test/blog/atom.xml")
    assert [e[0] for e in entries] == [
        "https://news.test/news/one.html",
        "https://news.test/other/two.html",
        "https://news.test/news/three.html",
    ]
    assert [e[2] for e in entries[:2]] == [_utc(2024, 3, 5, 12), _utc(2024, 3, 5, 11)]
    # Without xml:base, relative links are relative to the feed's own address.
    plain = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="a.html"/></entry></feed>'
    assert parse_feed(plain, "https://news.test/blog/atom.xml")[0][0] == "https://news.test/blog/a.html"


def test_json_feed_urls_with_spaces_and_external_urls():
    body = b"""{"version": "https://jsonfeed.org/version/1", "items": [
 {"id": "1", "url": " https://news.test/a.html ", "date_published": "2024-03-05T09:00:00-07:00"},
 {"id": "2", "external_url": "https://news.test/b.html"},
 {"id": "3", "url": "/c.html", "external_url": "https://elsewhere.test/c"},
 {"id": "4", "url": "   ", "external_url": "https://news.test/d.html"},
 {"id": "5", "url": "2024/03/e.html", "date_published": 1709632800},
 {"id": "f-not-a-link"}, {"id": "6", "url": "mailto:desk@news.test"}]}"""
    entries = parse_feed(body, "https://news.test/feed.json")
    assert [e[0] for e in entries] == [
        "https://news.test/a.html",
        "https://news.test/b.html",
        "https://news.test/c.html",
        "https://news.test/d.html",
        "https://news.test/2024/03/e.html",
    ]
    assert entries[0][2] == _utc(2024, 3, 5, 16)
    assert entries[4][2] == _utc(2024, 3, 5, 10)


def test_inline_url_lists_ignore_surrounding_spaces(fetcher):
    src = _urls_source(["  https://news.test/a.html?utm_source=x  ", "https://news.test/b.html", "  "])
    items = discover(src, DAY, fetcher, observed_at=_at(DAY))
    assert [i.url for i in items] == ["https://news.test/a.html?utm_source=x", "https://news.test/b.html"]
    assert items[0].canonical_url == "https://news.test/a.html"


# -- sitemaps -----------------------------------------------------------------------------------

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.test/n1.html</loc><news:news><news:publication><news:name>N</news:name>
  <news:language>en</news:language></news:publication>
  <news:publication_date>2024-03-05T07:00:00Z</news:publication_date><news:title>News one</news:title></news:news>
  <lastmod>2024-03-07</lastmod></url>
<url><loc>https://news.test/n2.html</loc><lastmod>2024-03-04T22:00:00Z</lastmod></url>
</urlset>"""


def test_news_sitemap_dates_and_titles():
    children, urls = parse_sitemap(NEWS_SITEMAP)
    assert children == []
    assert urls[0] == ("https://news.test/n1.html", "News one", dt.datetime(2024, 3, 5, 7, tzinfo=dt.UTC), "sitemap")
    assert urls[1][2:] == (dt.datetime(2024, 3, 4, 22, tzinfo=dt.UTC), "sitemap_lastmod")


def test_image_and_video_extensions_do_not_date_or_title_a_news_page():
    body = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
 xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">
<url><loc>https://news.test/n.html</loc><image:image><image:loc>https://news.test/1.jpg</image:loc>
  <image:title>A photo</image:title></image:image><news:news><news:publication><news:name>N</news:name>
  </news:publication><news:publication_date>2024-03-05</news:publication_date><news:title>Story</news:title>
  </news:news></url>
<url><loc>https://news.test/v.html</loc><video:video><video:title>Clip</video:title>
  <video:publication_date>2019-01-01T00:00:00+00:00</video:publication_date></video:video>
  <lastmod>2024-03-05T10:00:00Z</lastmod></url>
</urlset>"""
    _, urls = parse_sitemap(body)
    assert urls == [
        ("https://news.test/n.html", "Story", _utc(2024, 3, 5), "sitemap"),
        ("https://news.test/v.html", None, _utc(2024, 3, 5, 10), "sitemap_lastmod"),
    ]


def test_gzip_sitemap_and_gzip_bomb():
    assert parse_sitemap(gzip.compress(NEWS_SITEMAP))[1][0][0] == "https://news.test/n1.html"
    bomb = gzip.compress(b"<urlset>" + b" " * (51 * 1024 * 1024))  # past the protocol's 50 MB
    with pytest.raises(DiscoveryError, match="expands"):
        parse_sitemap(bomb)


def test_plain_text_sitemaps():
    body = b"\xef\xbb\xbfhttps://news.test/a.html\r\n\r\nhttps://news.test/b.html\nhttps://news.test/a.html\n"
    assert parse_sitemap(body) == (
        [],
        [("https://news.test/a.html", None, None, "sitemap"), ("https://news.test/b.html", None, None, "sitemap")],
    )
    assert parse_sitemap(gzip.compress(body))[1][1][0] == "https://news.test/b.html"
    for not_one in (b"hello world", b"https://news.test/a.html\nnot a url\n", b""):
        with pytest.raises(DiscoveryError):
            parse_sitemap(not_one)


def test_a_robots_txt_given_as_a_sitemap_lists_its_sitemaps():
    robots = (
        b"\xef\xbb\xbfUser-agent: *\nDisallow: /private/\n\nSitemap: https://news.test/news-sitemap.xml\n"
        b"sitemap:https://news.test/sitemap-index.xml # all of it\nSitemap: https://news.test/news-sitemap.xml\n"
    )
    assert parse_sitemap(robots) == (["https://news.test/news-sitemap.xml", "https://news.test/sitemap-index.xml"], [])
    with pytest.raises(DiscoveryError):
        parse_sitemap(b"User-agent: *\nDisallow: /\n")  # names no sitemap: not a sitemap


def test_a_feed_given_as_a_sitemap_or_listed_in_an_index_is_read():
    # Search engines accept RSS and Atom feeds as sitemaps; site owners list them in sitemap indexes.
    urls = parse_sitemap(RSS)[1]  # a relative link is joined to the sitemap's address by the listing
    assert [u[0] for u in urls] == ["/a/one.html", "https://news.test/a/two.html", "https://news.test/a/three.html"]
    assert urls[0][1:] == ("One", _utc(2024, 3, 5, 9), "feed")
    assert parse_sitemap(ATOM)[1][0][0] == "https://news.test/a.html"
    assert parse_sitemap(JSON_FEED)[1][0][0] == "https://news.test/j.html"


def test_sitemap_index_and_non_sitemaps():
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml</loc>'
        b"</sitemap></sitemapindex>"
    )
    assert parse_sitemap(index) == (["/s1.xml"], [])
    with pytest.raises(DiscoveryError, match="not a sitemap"):
        parse_sitemap(b"<html><body/></html>")


# -- the day rule: first seen, the ledger, the archive ------------------------------------------


def _urls_source(urls, **kw) -> SourceConfig:
    return SourceConfig(id="list", kind="urls", urls=tuple(urls), **kw)


def test_undated_items_go_to_the_live_day_that_first_sees_them(tmp_path, fetcher):
    state = SourceState(tmp_path, "list")
    src = _urls_source(["https://news.test/a.html", "https://news.test/b.html"])
    first = discover(src, DAY, fetcher, state=state, observed_at=_at(DAY + dt.timedelta(days=1), 0))
    assert [i.url for i in first] == ["https://news.test/a.html", "https://news.test/b.html"]
    assert {i.date_source for i in first} == {"first_seen"}
    # The next day's run sees a.html again plus c.html: only c.html is new, so only it is that day's.
    src2 = _urls_source(["https://news.test/a.html", "https://news.test/c.html"])
    second = discover(
        src2, DAY + dt.timedelta(days=1), fetcher, state=state, observed_at=_at(DAY + dt.timedelta(days=2), 0)
    )
    assert [i.url for i in second] == ["https://news.test/c.html"]


def test_backfill_of_an_old_day_never_takes_todays_undated_items(tmp_path, fetcher):
    state = SourceState(tmp_path, "list")
    src = _urls_source(["https://news.test/a.html"])
    today = DAY + dt.timedelta(days=30)
    assert discover(src, DAY, fetcher, state=state, observed_at=_at(today)) == []
    assert not state.load_ledger()  # not claimed: the next live run takes it
    assert [i.url for i in discover(src, today, fetcher, state=state, observed_at=_at(today))] == [
        "https://news.test/a.html"
    ]


def test_rerun_of_a_past_day_keeps_its_pinned_undated_items(tmp_path, fetcher):
    state = SourceState(tmp_path, "list")
    src = _urls_source(["https://news.test/a.html?utm_source=x"])
    discover(src, DAY, fetcher, state=state, observed_at=_at(DAY))
    later = _at(DAY + dt.timedelta(days=9))
    # Even spelled differently and long after, the URL stays on its first day and only there.
    src_again = _urls_source(["https://www.news.test/a.html"])
    assert [i.canonical_url for i in discover(src_again, DAY, fetcher, state=state, observed_at=later)] == [
        "https://news.test/a.html"
    ]
    assert discover(src_again, DAY + dt.timedelta(days=9), fetcher, state=state, observed_at=later) == []


def test_late_arrivals_go_to_the_live_day_that_first_sees_them(tmp_path, fetcher, monkeypatch):
    state = SourceState(tmp_path, "list")
    src = SourceConfig(id="list", kind="rss", url="https://news.test/feed.xml")
    listing = [sources._Candidate("https://news.test/seen.html", None, _at(DAY, 23), "feed")]
    monkeypatch.setattr(sources, "_listing", lambda *a: listing)  # stands in for the feed
    assert len(discover(src, DAY, fetcher, state=state, observed_at=_at(DAY + dt.timedelta(days=1), 0))) == 1
    # After the day's run, late.html (dated the same day) shows up; older.html is long past.
    listing = listing + [
        sources._Candidate("https://news.test/late.html", None, _at(DAY, 23), "feed"),
        sources._Candidate("https://news.test/older.html", None, _at(DAY - dt.timedelta(days=3)), "feed"),
    ]
    nxt = discover(
        src, DAY + dt.timedelta(days=1), fetcher, state=state, observed_at=_at(DAY + dt.timedelta(days=2), 0)
    )
    assert [(i.url, i.date_source) for i in nxt] == [("https://news.test/late.html", "feed")]
    # A later re-run of the day itself keeps what it had and does not take late.html a second time.
    rerun = discover(src, DAY, fetcher, state=state, observed_at=_at(DAY + dt.timedelta(days=5)))
    assert [i.url for i in rerun] == ["https://news.test/seen.html"]


def test_url_list_files_with_a_bom_or_stray_bytes_are_read(tmp_path, fetcher):
    (tmp_path / "list.txt").write_bytes(
        b"\xef\xbb\xbfhttps://news.test/a.html\r\n# caf\xe9 picks\r\nhttps://news.test/b.html\r\n"
    )
    src = SourceConfig(id="list", kind="urls", path=str(tmp_path / "list.txt"))
    items = discover(src, DAY, fetcher, observed_at=_at(DAY))
    assert [i.url for i in items] == ["https://news.test/a.html", "https://news.test/b.html"]


def test_dated_url_lists_serve_backfills(tmp_path, fetcher):
    (tmp_path / f"{DAY}.txt").write_text("# picked by an editor\nhttps://news.test/x.html\n")
    src = SourceConfig(id="daily", kind="urls", path=str(tmp_path / "{day}.txt"))
    [item] = discover(src, DAY, fetcher, observed_at=_at(DAY + dt.timedelta(days=400)))
    assert (item.url, item.date_source) == ("https://news.test/x.html", "url_list")
    with pytest.raises(DiscoveryError):
        discover(src, DAY + dt.timedelta(days=1), fetcher)


def test_archived_items_are_kept_and_win_over_new_spellings(tmp_path, fetcher):
    src = _urls_source(["https://news.test/a.html?utm_source=rss", "https://news.test/b.html"])
    rows = [
        {
            "url": "https://news.test/a.html",
            "canonical_url": "https://news.test/a.html",
            "body": b"x",
            "content_hash": "h",
            "error_class": None,
            "feed_title": "A",
            "feed_published_at": None,
            "feed_date_source": "first_seen",
        },
        {
            "url": "https://news.test/gone.html",
            "canonical_url": "https://news.test/gone.html",
            "body": None,
            "content_hash": None,
            "error_class": "Timeout",
            "feed_title": None,
            "feed_published_at": None,
            "feed_date_source": None,
        },
    ]
    archived = archived_items(rows, src, DAY)
    items = discover(src, DAY, fetcher, state=SourceState(tmp_path, "list"), archived=archived, observed_at=_at(DAY))
    assert [i.url for i in items] == [
        "https://news.test/a.html",
        "https://news.test/b.html",
        "https://news.test/gone.html",
    ]


def test_max_items_and_patterns(fetcher):
    src = _urls_source(
        [f"https://news.test/{n}.html" for n in "abcd"] + ["https://news.test/ads/x.html"],
        max_items=2,
        exclude=("/ads/",),
    )
    assert [i.url for i in discover(src, DAY, fetcher, observed_at=_at(DAY))] == [
        "https://news.test/a.html",
        "https://news.test/b.html",
    ]


def test_max_items_keeps_the_newest_items(fetcher, monkeypatch):
    src = SourceConfig(id="feed", kind="rss", url="https://news.test/feed.xml", max_items=2)
    listing = [
        sources._Candidate("https://news.test/a-oldest.html", None, _at(DAY, 1), "feed"),
        sources._Candidate("https://news.test/b-undated.html", None, None, "feed"),
        sources._Candidate("https://news.test/y-newest.html", None, _at(DAY, 22), "feed"),
        sources._Candidate("https://news.test/z-newer.html", None, _at(DAY, 12), "feed"),
    ]
    monkeypatch.setattr(sources, "_listing", lambda *a: listing)
    items = discover(src, DAY, fetcher, observed_at=_at(DAY, 23))
    assert [i.url for i in items] == ["https://news.test/y-newest.html", "https://news.test/z-newer.html"]


# -- local sources ------------------------------------------------------------------------------


def test_directory_items_are_dated_by_path_or_mtime(tmp_path, fetcher):
    (tmp_path / "2024-03-05").mkdir()
    (tmp_path / "2024-03-05" / "a.txt").write_text("hello")
    (tmp_path / "undated.html").write_text("<p>x</p>")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF-")
    noon = _at(DAY, 12).timestamp()
    os.utime(tmp_path / "undated.html", (noon, noon))
    src = SourceConfig(id="dump", kind="directory", path=str(tmp_path))
    items = discover(src, DAY, fetcher, observed_at=_at(DAY + dt.timedelta(days=100)))
    assert [(i.url, i.date_source) for i in items] == [
        ("file://dump/2024-03-05/a.txt", "path"),
        ("file://dump/undated.html", "file_mtime"),
    ]
    assert read_local(items[0].local_path, items[0].url) == (200, "text/plain", b"hello")


def _write_warc(path, records):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for rec_type, url, when, status, ctype, body in records:
            if rec_type == "request":
                http = StatusAndHeaders(status, [("Host", "news.test")], is_http_request=True)
            else:
                http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1") if status else None
            warc_headers = {"WARC-Date": when}
            if rec_type == "resource":
                warc_headers["Content-Type"] = ctype
            writer.write_record(
                writer.create_warc_record(
                    url, rec_type, payload=io.BytesIO(body), http_headers=http, warc_headers_dict=warc_headers
                )
            )


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_source_takes_the_days_html_captures(tmp_path, fetcher, name):
    path = tmp_path / name
    html = "<html><body><p>Archived caf\u00e9 story</p></body></html>".encode()
    _write_warc(
        path,
        [
            (
                "response",
                "https://news.test/a.html",
                "2024-03-05T10:00:00Z",
                "200 OK",
                "text/html; charset=utf-8",
                html,
            ),
            ("response", "https://news.test/img.png", "2024-03-05T10:00:01Z", "200 OK", "image/png", b"\x89PNG"),
            ("response", "https://news.test/missing", "2024-03-05T10:00:02Z", "404 Not Found", "text/html", b"no"),
            ("request", "https://news.test/a.html", "2024-03-05T10:00:00Z", "GET /a.html HTTP/1.1", "", b""),
            ("response", "https://news.test/b.html", "2024-03-06T01:00:00Z", "200 OK", "text/html", b"<p>b</p>"),
            ("resource", "https://news.test/c.txt", "2024-03-05T11:00:00Z", None, "text/plain", b"plain dump"),
        ],
    )
    src = SourceConfig(id="archive", kind="warc", path=str(path))
    items = discover(src, DAY, fetcher, observed_at=_at(DAY + dt.timedelta(days=3000)))
    assert [(i.url, i.date_source) for i in items] == [
        ("https://news.test/a.html", "warc"),
        ("https://news.test/c.txt", "warc"),
    ]
    assert all("#" in i.local_path for i in items)  # the record's offset: no rescan per item
    assert read_local(items[0].local_path, items[0].url) == (200, "text/html", html)
    assert read_local(items[1].local_path, items[1].url) == (200, "text/plain", b"plain dump")
    with pytest.raises(FileNotFoundError):
        read_local(items[0].local_path, "https://news.test/other.html")


def test_missing_local_sources_raise(tmp_path, fetcher):
    with pytest.raises(DiscoveryError):
        discover(SourceConfig(id="d", kind="directory", path=str(tmp_path / "nope")), DAY, fetcher)
    with pytest.raises(DiscoveryError):
        discover(SourceConfig(id="w", kind="warc", path=str(tmp_path / "nope.warc.gz")), DAY, fetcher)


def test_mangled_feeds_and_sitemaps_raise_only_discovery_errors():
    # Whatever a server sends, a parser either reads it or says why with DiscoveryError: any other
    # exception would end the whole run. Deterministic mutations of the documents above.
    import random

    rnd = random.Random(7)
    tokens = [
        b"&",
        b"<",
        b"]]>",
        b"<![CDATA[",
        b"\x00",
        b"\xef\xbb\xbf",
        b"&nbsp;",
        b"&#xD800;",
        b"&#0;",
        b"<x:y>",
        b"xml:base='http://[::1'",
        b"<link>http://[::1</link>",
        b"{",
        b"\x1f\x8b",
        b"\xff\xfe",
    ]
    seeds = [RSS, ATOM, RDF, JSON_FEED, NEWS_SITEMAP, gzip.compress(NEWS_SITEMAP)]
    for _ in range(400):
        body = bytearray(rnd.choice(seeds))
        for _ in range(rnd.randint(1, 4)):
            pos = rnd.randrange(len(body) + 1)
            op = rnd.random()
            if op < 0.4:
                body[pos:pos] = rnd.choice(tokens)
            elif op < 0.7:
                del body[pos : pos + rnd.randint(1, 30)]
            elif pos < len(body):
                body[pos] = rnd.randrange(256)
        for parse in (lambda b: parse_feed(b, "https://news.test/feed.xml"), parse_sitemap):
            try:
                parse(bytes(body))
            except DiscoveryError:
                pass
