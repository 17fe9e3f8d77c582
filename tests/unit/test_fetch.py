"""fetch.py without a server: the address guard, decoding limits, charset detection, validators."""

from __future__ import annotations

import codecs
import gzip
import zlib

import pytest

from wiredesk.config import ConfigError, FetchConfig, load_config
from wiredesk.fetch import (
    AddressGuard,
    BadContentEncoding,
    BlockedAddress,
    ConditionalCache,
    ConnectionFailed,
    Fetcher,
    FetchResult,
    ResolveFailed,
    Validators,
    _Decoder,
    decode_html,
    is_public_address,
    media_type,
    meta_refresh_target,
    sniff_binary,
    sniff_charset,
)


@pytest.mark.parametrize(
    "ip",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.10",
        "127.0.0.1",
        "0.0.0.0",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:a00:1::1",
        "64:ff9b::a00:1",
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",
    ],
)
def test_non_public_addresses_are_recognised(ip):
    assert not is_public_address(ip)


@pytest.mark.parametrize("ip", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_public(ip):
    assert is_public_address(ip)


def _never(host, port):
    raise AssertionError(f"resolver called for {host}")


def test_guard_allows_only_configured_networks():
    guard = AddressGuard(FetchConfig(allowed_networks=("127.0.0.0/8",)), _never)
    assert guard.permits("127.0.0.1")
    assert guard.permits("::ffff:127.0.0.1")
    assert not guard.permits("10.0.0.1")
    assert not guard.permits("169.254.169.254")
    assert guard.permits("93.184.216.34")


def test_metadata_stays_refused_when_private_networks_are_allowed():
    guard = AddressGuard(FetchConfig(allow_private_networks=True), _never)
    assert guard.permits("10.0.0.1") and guard.permits("127.0.0.1")
    assert not guard.permits("169.254.169.254")
    assert not guard.permits("::ffff:169.254.169.254")
    assert AddressGuard(FetchConfig(allowed_networks=("169.254.169.254/32",)), _never).permits("169.254.169.254")


def test_guard_does_not_resolve_ip_literals():
    guard = AddressGuard(FetchConfig(), _never)
    with pytest.raises(BlockedAddress):
        guard.resolve("10.0.0.1", 80)
    with pytest.raises(BlockedAddress):
        guard.resolve("[::ffff:10.0.0.1]", 80)
    assert guard.resolve("8.8.8.8", 80) == ["8.8.8.8"]


def test_one_refused_answer_refuses_the_host():
    guard = AddressGuard(FetchConfig(), lambda host, port: ["8.8.8.8", "192.168.0.7"])
    with pytest.raises(BlockedAddress, match="192.168.0.7"):
        guard.resolve("mixed.test", 80)


def test_unresolvable_host_is_a_dns_error():
    def fail(host, port):
        raise OSError("no such host")

    with pytest.raises(ResolveFailed):
        AddressGuard(FetchConfig(), fail).resolve("nowhere.test", 80)


def test_check_address_refuses_other_schemes():
    with Fetcher(FetchConfig(), resolver=_never) as fetcher:
        with pytest.raises(BlockedAddress):
            fetcher.check_address("file:///etc/passwd")
        with pytest.raises(BlockedAddress):
            fetcher.check_address("http://169.254.169.254/latest/meta-data/")


def test_unsupported_schemes_are_recorded_not_raised():
    with Fetcher(FetchConfig(respect_robots=False), resolver=_never) as fetcher:
        result = fetcher.get("ftp://example.org/x")
    assert result.error_class == "BlockedAddress" and not result.ok


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",
        "http://news.test:99999/x",
        "http://news.test:abc/",
        "http://",
        "https:///a",
    ],
)
def test_malformed_urls_are_recorded_not_raised(url):
    # A feed's broken link used to raise ValueError out of get() and end the whole run.
    with Fetcher(FetchConfig(), resolver=_never) as fetcher:
        result = fetcher.get(url)
    assert result.error_class == "BlockedAddress" and not result.ok


@pytest.mark.parametrize("url", ["http://xn--zz-.test/", "http://xn--ls8h.test/", "http://news.test/a\nb"])
def test_odd_urls_never_raise_out_of_get(url):
    # Punycode that does not decode raised idna's IDNAError out of get() (and ended the run).
    def unresolvable(host, port):
        raise OSError("no such host")

    with Fetcher(FetchConfig(), resolver=unresolvable) as fetcher:
        result = fetcher.get(url)
    assert not result.ok and result.error_class in ("BlockedAddress", "DNSError")


def test_gzip_decoder_yields_bounded_pieces():
    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024))
    decoder = _Decoder("gzip")
    pieces = list(decoder.feed(bomb))
    assert max(len(p) for p in pieces) <= 64 * 1024
    assert sum(len(p) for p in pieces) == 8 * 1024 * 1024


def test_deflate_decoder_accepts_zlib_and_raw_streams():
    data = b"hello deflate " * 100
    assert b"".join(_Decoder("deflate").feed(zlib.compress(data))) == data
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert b"".join(_Decoder("deflate").feed(raw.compress(data) + raw.flush())) == data


def test_unasked_encodings_are_refused():
    with pytest.raises(BadContentEncoding):
        _Decoder("br")
    assert b"".join(_Decoder(None).feed(b"plain")) == b"plain"


@pytest.mark.parametrize("label", ["utf-8", "UTF-8", "none", "text", "identity, identity"])
def test_content_encodings_that_are_not_compressions_are_ignored(label):
    # A misconfigured PHP site sends 'Content-Encoding: UTF-8': browsers show the page, so do we.
    assert b"".join(_Decoder(label).feed(b"<html>plain</html>")) == b"<html>plain</html>"


@pytest.mark.parametrize("label", ["gzip", "x-gzip", "deflate"])
def test_a_body_labelled_compressed_that_never_was_is_taken_as_is(label):
    # It used to be a retried 'corrupt compressed body' (gzip), or a zlib.error escaping get() (deflate).
    decoder = _Decoder(label)
    assert (
        b"".join(list(decoder.feed(b"<html>plain")) + list(decoder.feed(b" page</html>"))) == b"<html>plain page</html>"
    )


def test_a_compressed_body_corrupted_midway_is_still_an_error():
    stored = zlib.compressobj(0, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # stored blocks: corruption is certain to show
    body = bytearray(stored.compress(bytes(range(256)) * 1000) + stored.flush())
    second = body.find(b"\x00\xff\xff\x00\x00", 100)  # a later block header: LEN, then its complement NLEN
    body[second + 3] ^= 0xFF
    decoder = _Decoder("gzip")
    assert list(decoder.feed(bytes(body[:1000])))
    with pytest.raises(ConnectionFailed, match="corrupt"):
        list(decoder.feed(bytes(body[1000:])))
    with pytest.raises(BadContentEncoding):
        _Decoder("gzip, br")


def test_binary_bodies_are_recognised():
    assert sniff_binary(b"%PDF-1.7\n") == "PDF"
    assert sniff_binary(b"\x89PNG\r\n\x1a\n....") == "PNG image"
    assert sniff_binary(b"\xff\xd8\xff\xe0") == "JPEG image"
    assert sniff_binary(b"<!doctype html>") is None


def test_retry_after_forms():
    assert Fetcher._retry_after("7") == 7.0
    assert Fetcher._retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert Fetcher._retry_after("soon") is None
    assert Fetcher._retry_after(None) is None


def test_validators_become_conditional_headers():
    v = Validators.from_headers({"etag": '"abc"', "last-modified": "Tue, 05 Mar 2024 10:00:00 GMT"})
    assert dict(v.request_headers()) == {
        b"If-None-Match": b'"abc"',
        b"If-Modified-Since": b"Tue, 05 Mar 2024 10:00:00 GMT",
    }
    assert not Validators.from_headers({})


def test_conditional_cache_round_trip(tmp_path):
    path = tmp_path / "state" / "c.parquet"
    cache = ConditionalCache(path)
    result = FetchResult(url="http://x.test/f", status=200, headers={"etag": '"1"'}, body=b"<rss/>", fetched_at=1.0)
    cache.store("http://x.test/f", result, "key1")
    cache.distrust("http://x.test/f", "answered 304 while changed")
    cache.save()
    again = ConditionalCache(path).get("http://x.test/f")
    assert again is not None
    assert (again.etag, again.body, again.content_key, again.trusted) == ('"1"', b"<rss/>", "key1", False)
    assert again.note == "answered 304 while changed"


def test_allowed_networks_are_validated(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "sources:\n  - {id: a, kind: urls, urls: ['http://x.test/']}\n"
        "fetch:\n  allowed_networks: ['127.0.0.0/8', '::1/128']\n"
    )
    assert load_config(path).fetch.allowed_networks == ("127.0.0.0/8", "::1/128")
    path.write_text(
        "sources:\n  - {id: a, kind: urls, urls: ['http://x.test/']}\nfetch:\n  allowed_networks: ['not-a-net']\n"
    )
    with pytest.raises(ConfigError, match="fetch.allowed_networks"):
        load_config(path)


# -- charset detection --------------------------------------------------------------------------

WESTERN = (
    "<html><head><title>Caf\u00e9 prices</title></head><body><p>The caf\u00e9 on the "
    "Stra\u00dfe sold cr\u00e8me br\u00fbl\u00e9e for 5 \u20ac \u2014 \u201cna\u00efve\u201d pricing, "
    "said the ma\u00eetre d\u2019h\u00f4tel, who had worked there since the d\u00e9but of the "
    "season.</p></body></html>"
)
JAPANESE = (
    "<html><head><title>\u30cb\u30e5\u30fc\u30b9</title></head><body><p>\u6771\u4eac\u90fd\u306f"
    "\u6628\u65e5\u3001\u65b0\u3057\u3044\u4ea4\u901a\u8a08\u753b\u3092\u767a\u8868\u3057\u307e\u3057"
    "\u305f\u3002\u5e02\u6c11\u306e\u610f\u898b\u3092\u805e\u304d\u306a\u304c\u3089\u9032\u3081\u308b"
    "\u3068\u3044\u3046\u3002\u8a08\u753b\u306f\u6765\u5e74\u306e\u6625\u306b\u59cb\u307e\u308b"
    "\u4e88\u5b9a\u3067\u3059\u3002</p></body></html>"
)


@pytest.mark.parametrize(
    ("text", "codec", "content_type"),
    [
        (WESTERN, "cp1252", "text/html"),  # no declaration at all
        (WESTERN, "cp1252", "text/html; charset=utf-8"),  # wrong header
        (WESTERN, "cp1252", "text/html; charset=ISO-8859-1"),  # latin-1 label, windows-1252 bytes
        (WESTERN.replace("<head>", '<head><meta charset="utf-8">'), "cp1252", None),  # wrong meta
        (JAPANESE, "shift_jis", "text/html"),
        (JAPANESE, "shift_jis", "text/html; charset=iso-8859-1"),  # wrong header
        (JAPANESE, "shift_jis", "text/html; charset=utf-8"),  # wrong header
        (
            JAPANESE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'),
            "shift_jis",
            None,
        ),
        (JAPANESE, "euc_jp", "text/html"),
        (WESTERN, "utf-8", "text/html; charset=iso-8859-1"),  # UTF-8 served under a latin-1 label
        (JAPANESE, "utf-8", None),
    ],
)
def test_decode_html_gets_the_text_right(text, codec, content_type):
    assert decode_html(text.encode(codec), content_type) == text


def test_byte_order_marks_win():
    body = codecs.BOM_UTF16_LE + "<p>caf\u00e9</p>".encode("utf-16-le")
    assert decode_html(body, "text/html; charset=iso-8859-1") == "<p>caf\u00e9</p>"
    assert decode_html(codecs.BOM_UTF8 + b"<p>ok</p>", None) == "<p>ok</p>"


def test_utf16_meta_label_on_ascii_bytes_means_utf8():
    body = '<meta charset="utf-16"><p>caf\u00e9</p>'.encode()
    assert sniff_charset(body, None) == "utf-8"


def test_xml_declaration_is_a_declaration():
    body = '<?xml version="1.0" encoding="windows-1252"?><rss><title>\u201cquoted\u201d</title></rss>'
    assert decode_html(body.encode("cp1252"), "application/xml").endswith("\u201cquoted\u201d</title></rss>")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "<p>Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. W\u0142adze miasta og\u0142osi\u0142y "
            "wczoraj nowy plan transportowy, kt\u00f3ry ma wej\u015b\u0107 w \u017cycie w przysz\u0142ym roku.</p>",
            "cp1250",
        ),
        (
            "<p>\u0412\u043b\u0430\u0441\u0442\u0438 \u0433\u043e\u0440\u043e\u0434\u0430 \u0432\u0447\u0435\u0440\u0430 "
            "\u043e\u0431\u044a\u044f\u0432\u0438\u043b\u0438 \u043e \u043d\u043e\u0432\u043e\u043c "
            "\u0442\u0440\u0430\u043d\u0441\u043f\u043e\u0440\u0442\u043d\u043e\u043c \u043f\u043b\u0430\u043d\u0435, "
            "\u043a\u043e\u0442\u043e\u0440\u044b\u0439 \u0432\u0441\u0442\u0443\u043f\u0438\u0442 \u0432 "
            "\u0441\u0438\u043b\u0443 \u0432 \u0441\u043b\u0435\u0434\u0443\u044e\u0449\u0435\u043c "
            "\u0433\u043e\u0434\u0443.</p>",
            "cp1251",
        ),
    ],
)
def test_other_single_byte_pages_are_not_forced_to_windows_1252(text, codec):
    assert decode_html(text.encode(codec), "text/html") == text


@pytest.mark.parametrize(
    ("tag", "target"),
    [
        (b"<meta http-equiv='refresh' content='0; url=/x.html'>", "https://news.test/x.html"),
        (b'<META HTTP-EQUIV="Refresh" CONTENT="0;URL=\'https://news.test/y\'">', "https://news.test/y"),
        (b'<meta content="0; url=z.html" http-equiv="refresh">', "https://news.test/a/z.html"),
        (b"<meta http-equiv=refresh content=0;url=/v.html>", "https://news.test/v.html"),
        (b'<meta http-equiv="refresh" content="1; URL=/p?a=1&amp;b=2">', "https://news.test/p?a=1&b=2"),
        (b'<meta http-equiv="refresh" content="url=/w.html">', "https://news.test/w.html"),
        # Not a redirect: a periodic reload, a late refresh, itself, a script URL, script-less browsers only.
        (b'<meta http-equiv="refresh" content="300">', None),
        (b'<meta http-equiv="refresh" content="3">', None),
        (b'<meta http-equiv="refresh" content="600; url=/q">', None),
        (b'<meta http-equiv="refresh" content="0; url=/a/b.html">', None),
        (b'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', None),
        (b'<noscript><meta http-equiv="refresh" content="0; URL=/?_fb_noscript=1"></noscript>', None),
        (b"<!-- <meta http-equiv='refresh' content='0; url=/c'> -->", None),
        (b'<meta name="refresh" content="0; url=/n">', None),
    ],
)
def test_meta_refresh_targets(tag, target):
    body = b"<html><head>" + tag + b"<title>t</title></head><body>Moved</body></html>"
    assert meta_refresh_target(body, "https://news.test/a/b.html") == target
    assert meta_refresh_target(body, "https://news.test/a/b.html", "application/rss+xml") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text/html; charset=utf-8", "text/html"),
        ("TEXT/HTML ; Charset=UTF-8", "text/html"),
        ("text/html, text/html; charset=utf-8", "text/html"),  # two headers, joined by the client
        ("application/rss+xml,text/xml", "application/rss+xml"),
        ("", None),
        (None, None),
    ],
)
def test_media_types(value, expected):
    assert media_type(value) == expected
    assert FetchResult("u", headers={"content-type": value} if value else {}).content_type == expected
