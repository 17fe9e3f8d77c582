"""Discovery and fetching of real-world feed, sitemap and page shapes against a server on 127.0.0.1.

Only loopback is reached: the fetcher allows 127.0.0.0/8 by network and every URL is 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from wiredesk.config import FetchConfig, SourceConfig
from wiredesk.fetch import LISTING_CONTENT_TYPES, Fetcher
from wiredesk.sources import DiscoveryError, SourceState, discover

pytestmark = pytest.mark.integration

DAY = dt.date(2024, 3, 5)
NOON = dt.datetime(2024, 3, 5, 12, tzinfo=dt.UTC)


class Site:
    """Serves ``routes`` (path → (status, headers, body)) on an ephemeral loopback port."""

    def __init__(self) -> None:
        self.routes: dict[str, Any] = {}  # (status, headers, body), or a function of the request headers
        self.hits: list[str] = []
        self.requests: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                path = urlsplit(self.path).path
                site.hits.append(path)
                route = site.routes.get(path, (404, {"Content-Type": "text/plain"}, b"no"))
                site.requests.append((path, dict(self.headers.items())))
                status, headers, body = route(self.headers) if callable(route) else route
                self.send_response(status)
                for key, value in headers.items() if isinstance(headers, dict) else headers:
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # type: ignore[method-assign]  # resets: quiet
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def add(self, path: str, body: bytes | str, ctype: str | None = "text/html", status: int = 200, **headers: str):
        """Serve ``body`` at ``path``."""
        head = {"Content-Type": ctype} if ctype else {}
        head.update({k.replace("_", "-"): v for k, v in headers.items()})
        self.routes[path] = (status, head, body.encode() if isinstance(body, str) else body)

    def stop(self) -> None:
        """Shut the server down."""
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    server = Site()
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    yield server
    server.stop()


def _fetcher(**kw) -> Fetcher:
    base = dict(
        allowed_networks=("127.0.0.0/8",),
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=3.0,
        retries=0,
        per_host_delay=0.0,
    )
    base.update(kw)
    return Fetcher(FetchConfig(**base), resolver=lambda host, port: ["127.0.0.1"])


def _article(slug: str) -> bytes:
    return f"<html><head><title>{slug}</title></head><body><p>{slug} text.</p></body></html>".encode()


def _urlset(base: str, paths: list[str], lastmod: str = "2024-03-05") -> str:
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>{lastmod}</lastmod></url>" for p in paths)
    return f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"


def test_a_sitemap_larger_than_the_page_cap_is_read(site):
    # 6,000 URLs (~400 KB) while pages are capped at 64 KB: the listing cap is the protocol's 50 MB.
    site.add("/big.xml", _urlset(site.base, [f"/a/big-{n:05d}.html" for n in range(6000)]), "application/xml")
    with _fetcher(max_bytes=64 * 1024) as fetcher:
        items = discover(
            SourceConfig(id="big", kind="sitemap", url=site.base + "/big.xml"), DAY, fetcher, observed_at=NOON
        )
        assert len(items) == 6000
        assert fetcher.get(site.base + "/big.xml").error_class == "TooLarge"  # pages keep their cap


def test_sitemap_index_with_gzip_children_served_both_ways(site):
    site.add(
        "/index.xml",
        (
            "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            "<sitemap><loc>/opaque.xml.gz</loc><lastmod>2024-03-05</lastmod></sitemap>"
            f"<sitemap><loc> {site.base}/encoded.xml </loc></sitemap>"
            f"<sitemap><loc>{site.base}/both.xml.gz</loc><lastmod>2024-03-05T09:00:00+00:00</lastmod></sitemap>"
            "</sitemapindex>"
        ),
        "application/xml",
    )
    site.add("/opaque.xml.gz", gzip.compress(_urlset(site.base, ["/a/o.html"]).encode()), "application/octet-stream")
    site.add(
        "/encoded.xml",
        gzip.compress(_urlset(site.base, ["/a/e.html"]).encode()),
        "application/xml",
        Content_Encoding="gzip",
    )
    site.add(
        "/both.xml.gz",
        gzip.compress(gzip.compress(_urlset(site.base, ["/a/b.html"]).encode())),
        "application/x-gzip",
        Content_Encoding="gzip",
    )
    with _fetcher() as fetcher:
        items = discover(
            SourceConfig(id="idx", kind="sitemap", url=site.base + "/index.xml"), DAY, fetcher, observed_at=NOON
        )
    assert sorted(urlsplit(i.url).path for i in items) == ["/a/b.html", "/a/e.html", "/a/o.html"]


def test_a_plain_text_sitemap_lists_undated_urls(site):
    site.add("/sitemap.txt", f"\ufeff{site.base}/a/t1.html\r\n\r\n{site.base}/a/t2.html\n", "text/plain")
    with _fetcher() as fetcher:
        items = discover(
            SourceConfig(id="txt", kind="sitemap", url=site.base + "/sitemap.txt"), DAY, fetcher, observed_at=NOON
        )
    assert [(urlsplit(i.url).path, i.date_source) for i in items] == [
        ("/a/t1.html", "first_seen"),
        ("/a/t2.html", "first_seen"),
    ]


def test_a_meta_refresh_stub_is_followed_like_a_redirect(site):
    site.add("/moved.html", "<html><head><meta http-equiv='refresh' content='0; url=/a/new.html'></head></html>")
    site.add("/a/new.html", _article("new"))
    site.add(
        "/noscript.html",
        _article("noscript").replace(
            b"<head>", b"<head><noscript><meta http-equiv='refresh' content='0; url=/a/js-off.html'></noscript>"
        ),
    )
    site.add("/reload.html", _article("reload").replace(b"<head>", b"<head><meta http-equiv='refresh' content='60'>"))
    site.add("/self.html", _article("self").replace(b"<head>", b"<head><meta http-equiv='refresh' content='0'>"))
    site.add("/private-hop.html", "<meta http-equiv='refresh' content='0;url=/private/x.html'>")
    site.add("/a/loop1.html", "<meta http-equiv='refresh' content='0;url=/a/loop2.html'>")
    site.add("/a/loop2.html", "<meta http-equiv='refresh' content='0;url=/a/loop1.html'>")
    with _fetcher() as fetcher:
        moved = fetcher.get(site.base + "/moved.html")
        assert moved.ok and b"new text" in moved.body and moved.final_url == site.base + "/a/new.html"
        for path in ("/noscript.html", "/reload.html", "/self.html"):
            page = fetcher.get(site.base + path)
            assert page.ok and page.final_url == site.base + path
        # Every hop is checked like a redirect: robots.txt applies, and a loop ends on a page.
        assert fetcher.get(site.base + "/private-hop.html").error_class == "RobotsDisallowed"
        loop = fetcher.get(site.base + "/a/loop1.html")
        assert loop.ok and loop.final_url == site.base + "/a/loop2.html"
    assert "/a/js-off.html" not in site.hits


def test_a_live_run_reads_yesterdays_child_sitemap_for_late_arrivals(site, tmp_path):
    # Yesterday's run happened before 23:30; the story published then sits in a child sitemap last
    # modified yesterday. Today's live run must still read that child and take the late arrival.
    site.add(
        "/index.xml",
        (
            "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            "<sitemap><loc>/yesterday.xml</loc><lastmod>2024-03-04T23:31:00+00:00</lastmod></sitemap>"
            "<sitemap><loc>/old.xml</loc><lastmod>2024-01-31</lastmod></sitemap>"
            "</sitemapindex>"
        ),
        "application/xml",
    )
    site.add("/yesterday.xml", _urlset(site.base, ["/a/late.html"], "2024-03-04T23:30:00Z"), "application/xml")
    site.add("/old.xml", _urlset(site.base, ["/a/old.html"], "2024-01-31"), "application/xml")
    src = SourceConfig(id="idx", kind="sitemap", url=site.base + "/index.xml")
    with _fetcher() as fetcher:
        items = discover(src, DAY, fetcher, state=SourceState(tmp_path, "idx"), observed_at=NOON)
    assert [urlsplit(i.url).path for i in items] == ["/a/late.html"]
    assert "/old.xml" not in site.hits  # a child untouched for weeks is still skipped


def test_a_dead_child_sitemap_costs_only_its_own_items(site, caplog):
    site.add(
        "/index.xml",
        (
            "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            "<sitemap><loc>/gone.xml</loc></sitemap><sitemap><loc>http://[::1/bad.xml</loc></sitemap>"
            "<sitemap><loc>/html.xml</loc></sitemap><sitemap><loc>/live.xml</loc></sitemap>"
            "</sitemapindex>"
        ),
        "application/xml",
    )
    site.add("/html.xml", "<html><body>Not found</body></html>", "text/html")
    site.add("/live.xml", _urlset(site.base, ["/a/live.html"]), "application/xml")
    src = SourceConfig(id="idx", kind="sitemap", url=site.base + "/index.xml")
    with _fetcher() as fetcher:
        with caplog.at_level("WARNING", logger="wiredesk.sources"):
            assert [urlsplit(i.url).path for i in discover(src, DAY, fetcher, observed_at=NOON)] == ["/a/live.html"]
        # Each skipped child is said in the task log.
        assert "child sitemap" in caplog.text and "gone.xml" in caplog.text
        # With no child left, the source fails with the first child's reason.
        del site.routes["/live.xml"]
        with pytest.raises(DiscoveryError, match=r"gone\.xml.*HTTP 404.*\(and 3 more child sitemaps\)"):
            discover(src, DAY, fetcher, observed_at=NOON)
        # The index itself failing still fails the source.
        with pytest.raises(DiscoveryError, match="HTTP 404"):
            discover(SourceConfig(id="x", kind="sitemap", url=site.base + "/none.xml"), DAY, fetcher)


def test_a_robots_txt_with_a_byte_order_mark_is_honoured(site):
    # Protego reads '\ufeffUser-agent: *' as no group at all, so the Disallow below it was ignored.
    site.add("/robots.txt", b"\xef\xbb\xbfUser-agent: *\r\nDisallow: /private/\r\nCrawl-delay: 0.01\r\n", "text/plain")
    site.add("/private/x.html", _article("x"))
    site.add("/a/y.html", _article("y"))
    with _fetcher() as fetcher:
        assert fetcher.get(site.base + "/private/x.html").error_class == "RobotsDisallowed"
        assert fetcher.get(site.base + "/a/y.html").ok
    assert "/private/x.html" not in site.hits


def test_an_rss_source_pointing_at_a_page_reads_the_feed_it_announces(site):
    site.add("/old-feed", "", None, 301, Location="/")  # a retired feed address now sends readers home
    site.add(
        "/",
        (
            "<!DOCTYPE html><html><head><title>Home</title>"
            "<link rel='alternate' type='application/rss+xml' title='Comments' href='/comments/feed/'>"
            "<link rel='alternate' type='application/rss+xml; charset=UTF-8' href='/feed/'>"
            "</head><body><a href='/a/x.html'>x</a></body></html>"
        ),
    )
    site.add(
        "/feed/",
        (
            "<rss><channel><item><link>/a/x.html</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
            "</channel></rss>"
        ),
        "application/rss+xml",
    )
    site.add("/plain", "<html><head><title>No feed here</title></head><body>hi</body></html>")
    with _fetcher() as fetcher:
        items = discover(SourceConfig(id="f", kind="rss", url=site.base + "/old-feed"), DAY, fetcher, observed_at=NOON)
        assert [urlsplit(i.url).path for i in items] == ["/a/x.html"]
        with pytest.raises(DiscoveryError, match="not a feed"):
            discover(SourceConfig(id="g", kind="rss", url=site.base + "/plain"), DAY, fetcher, observed_at=NOON)
    assert "/comments/feed/" not in site.hits


@pytest.mark.parametrize("ctype", ["application/octet-stream", "binary/octet-stream", "application/x-httpd-php"])
def test_an_html_page_served_as_octet_stream_is_a_page(site, ctype):
    site.add("/a/opaque.html", b"<!DOCTYPE html>" + _article("opaque"), ctype)
    site.add("/a/blob.bin", b"\x00\x01\x02 not a page at all " * 20, "application/octet-stream")
    site.add("/a/pdf", b"%PDF-1.7\n" + b"0" * 500, "application/octet-stream")
    with _fetcher() as fetcher:
        page = fetcher.get(site.base + "/a/opaque.html")
        assert page.ok and b"opaque text" in page.body
        assert fetcher.get(site.base + "/a/blob.bin").error_class == "BadContentType"
        assert fetcher.get(site.base + "/a/pdf").error_class == "BadContentType"


def test_children_named_for_other_periods_are_skipped_without_lastmod(site):
    names = ["sitemap-2024-02.xml", "sitemap-2024-03.xml", "2024/03/04/news.xml", "2024/03/01/news.xml", "posts.xml"]
    index = "".join(f"<sitemap><loc>/{n}</loc></sitemap>" for n in names)
    site.add("/index.xml", f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{index}</sitemapindex>")
    for n in names:
        site.add("/" + n, _urlset(site.base, ["/a/" + n.replace("/", "-") + ".html"]), "application/xml")
    with _fetcher() as fetcher:
        discover(SourceConfig(id="idx", kind="sitemap", url=site.base + "/index.xml"), DAY, fetcher, observed_at=NOON)
    assert sorted(h for h in site.hits if h != "/robots.txt") == sorted(
        ["/index.xml", "/sitemap-2024-03.xml", "/2024/03/04/news.xml", "/posts.xml"]
    )


def test_redirects_carry_their_cookies_and_non_ascii_locations(site):
    # A consent or bot check: set a cookie and redirect to the same URL, which answers once it is sent.
    def consent(headers):
        if "consent=yes" in (headers.get("Cookie") or ""):
            return 200, {"Content-Type": "text/html"}, _article("behind-consent")
        return 302, {"Location": "/story", "Set-Cookie": "consent=yes; Path=/; HttpOnly"}, b""

    site.routes["/story"] = consent
    site.add("/always", "", None, 302, Location="/always", Set_Cookie="n=1")  # a real loop stays a loop
    # A Location sent as raw UTF-8 bytes (Latin-1 on the wire), and a Refresh header.
    site.add("/moved", "", None, 301, Location="/a/caf\u00e9.html".encode().decode("latin-1"))
    site.add("/a/caf%C3%A9.html", _article("cafe"))
    site.add("/refresh-header", "<html><body>moved</body></html>", Refresh="0; url=/a/caf%C3%A9.html")
    with _fetcher() as fetcher:
        story = fetcher.get(site.base + "/story")
        assert story.ok and b"behind-consent" in story.body
        assert fetcher.get(site.base + "/always").error_class == "TooManyRedirects"
        moved = fetcher.get(site.base + "/moved")
        assert moved.ok and b"cafe text" in moved.body
        assert fetcher.get(site.base + "/refresh-header").final_url == site.base + "/a/caf%C3%A9.html"
        # Cookies live for one fetch only: a new fetch starts without them.
        fetcher.get(site.base + "/a/plain.html")
    assert "Cookie" not in dict(site.requests)["/a/plain.html"]


def test_a_page_compressed_twice_is_its_html(site):
    site.add("/twice.html", gzip.compress(gzip.compress(_article("twice"))), Content_Encoding="gzip")
    site.add(
        "/stored.xml.gz", gzip.compress(gzip.compress(b"<urlset/>")), "application/x-gzip", Content_Encoding="gzip"
    )
    with _fetcher() as fetcher:
        page = fetcher.get(site.base + "/twice.html")
        assert page.ok and page.body.startswith(b"<html>")
        # A gzip file as such stays one: the sitemap reader unwraps it.
        stored = fetcher.get(site.base + "/stored.xml.gz", LISTING_CONTENT_TYPES)
        assert stored.ok and stored.body[:2] == b"\x1f\x8b"


def test_a_page_with_two_content_type_headers_is_a_page(site):
    # PHP's header() plus the server's default: the client sees 'text/html, text/html; charset=utf-8'.
    site.routes["/two-types"] = (
        200,
        [("Content-Type", "text/html"), ("Content-Type", "text/html; charset=utf-8")],
        _article("two-types"),
    )
    with _fetcher() as fetcher:
        page = fetcher.get(site.base + "/two-types")
    assert page.ok and page.content_type == "text/html"


@pytest.mark.parametrize(
    "ctype", ["binary/octet-stream", "application/x-rss+xml", "text/rss+xml", "application/rss", "text/x-xml"]
)
def test_listings_served_under_odd_content_types_are_read(site, ctype):
    # S3 serves uploads as binary/octet-stream; old CMSs invent RSS types. The parser decides.
    site.add("/feed", "<rss><channel><item><link>/a/x.html</link></item></channel></rss>", ctype)
    site.add("/feed.pdf", b"%PDF-1.7\n" + b"0" * 500, ctype)
    with _fetcher() as fetcher:
        items = discover(SourceConfig(id="f", kind="rss", url=site.base + "/feed"), DAY, fetcher, observed_at=NOON)
        assert [urlsplit(i.url).path for i in items] == ["/a/x.html"]
        with pytest.raises(DiscoveryError, match="BadContentType"):
            discover(SourceConfig(id="g", kind="rss", url=site.base + "/feed.pdf"), DAY, fetcher, observed_at=NOON)
        assert fetcher.get(site.base + "/feed").error_class == "BadContentType"  # pages keep their allow-list


def test_one_date_shared_by_every_child_name_is_not_a_period(site):
    # '/v20190301/' is a version stamp in every child's address, not the period each one holds.
    index = "".join(f"<sitemap><loc>/v20190301/{n}.xml</loc></sitemap>" for n in ("news", "pages"))
    site.add("/index.xml", f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{index}</sitemapindex>")
    for n in ("news", "pages"):
        site.add(f"/v20190301/{n}.xml", _urlset(site.base, [f"/a/{n}.html"]), "application/xml")
    with _fetcher() as fetcher:
        items = discover(
            SourceConfig(id="idx", kind="sitemap", url=site.base + "/index.xml"), DAY, fetcher, observed_at=NOON
        )
    assert sorted(urlsplit(i.url).path for i in items) == ["/a/news.html", "/a/pages.html"]


def test_a_page_redirected_to_the_home_page_is_a_removed_page(site):
    site.add("/", "<html><head><title>Home</title></head><body><p>Latest news</p></body></html>")
    site.add("/2024/03/removed-story.html", "", None, 301, Location="/")
    site.add("/a/stub.html", "<meta http-equiv='refresh' content='0; url=/'>")
    site.add("/short", "", None, 302, Location="/a/real.html")  # a short link to a story is fine
    site.add("/a/real.html", _article("real"))
    with _fetcher() as fetcher:
        for path in ("/2024/03/removed-story.html", "/a/stub.html"):
            gone = fetcher.get(site.base + path)
            assert gone.error_class == "RedirectedHome" and "home page" in (gone.error_message or "")
        assert fetcher.get(site.base + "/short").ok
        assert fetcher.get(site.base + "/").ok  # the home page asked for is the home page
        # A feed address redirected home is how the feed finder starts, not an error.
        assert fetcher.get(site.base + "/2024/03/removed-story.html", LISTING_CONTENT_TYPES).ok


def test_two_addresses_of_one_page_are_one_article(site, tmp_path):
    """An old address redirecting to a story and the story's own address, listed by two sources: one
    article under the page's own address, the redirecting one a duplicate_url reject."""
    import duckdb

    from wiredesk.config import load_config
    from wiredesk.pipeline import run_day
    from wiredesk.settings import Settings

    body = "".join(
        f"<p>Paragraph {i} of the harbour story: the council voted to close the old bridge to cars next spring.</p>"
        for i in range(6)
    )
    site.add("/news/bridge.html", f"<html><head><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1>{body}</article></body></html>")
    site.add("/a/123", "", None, 301, Location="/news/bridge.html")
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists/2024-03-05.txt").write_text(f"{site.base}/a/123\n")
    (tmp_path / "lists/own-2024-03-05.txt").write_text(f"{site.base}/news/bridge.html\n")
    conf = tmp_path / "sources.yaml"
    conf.write_text(
        "sources:\n"
        "  - {id: a-shortlinks, kind: urls, path: 'lists/{day}.txt'}\n"
        "  - {id: b-site, kind: urls, path: 'lists/own-{day}.txt'}\n"
        "fetch: {allowed_networks: ['127.0.0.0/8'], per_host_delay: 0.0, retries: 0}\n"
    )
    data = tmp_path / "data"
    settings = Settings(data_dir=data, duckdb_path=data / "warehouse.duckdb", config_path=conf)
    run_day(DAY.isoformat(), settings, load_config(conf), run_id="two_addresses", show=False)
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        articles = con.execute("SELECT source_id, url FROM articles").fetchall()
        dups = con.execute("SELECT source_id, url FROM rejects WHERE reason = 'duplicate_url'").fetchall()
    assert articles == [("b-site", f"{site.base}/news/bridge.html")]
    assert dups == [("a-shortlinks", f"{site.base}/a/123")]


def test_an_index_wider_than_the_limit_keeps_what_its_first_children_list(site, caplog, monkeypatch):
    from wiredesk import sources

    monkeypatch.setattr(sources, "_MAX_SITEMAPS", 4)  # the limit is 200; six children show it at work
    children = "".join(f"<sitemap><loc>/part-{n}.xml</loc></sitemap>" for n in range(6))
    index = f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{children}</sitemapindex>"
    site.add("/index.xml", index, "application/xml")
    for n in range(6):
        site.add(f"/part-{n}.xml", _urlset(site.base, [f"/a/p{n}.html"]), "application/xml")
    src = SourceConfig(id="wide", kind="sitemap", url=site.base + "/index.xml")
    with _fetcher() as fetcher, caplog.at_level("WARNING", logger="wiredesk.sources"):
        paths = [urlsplit(i.url).path for i in discover(src, DAY, fetcher, observed_at=NOON)]
    # The index and three children are read (four sitemaps); the other three children are said, not dropped silently.
    assert paths == ["/a/p0.html", "/a/p1.html", "/a/p2.html"]
    assert "limit; 3 more left unread" in caplog.text
