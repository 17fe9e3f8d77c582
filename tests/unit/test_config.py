"""Config validation: good files load; bad ones fail fast naming file, key and reason."""

from pathlib import Path

import pytest

from wiredesk.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path, text):
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    return path


def test_bundled_configs_load():
    demo = load_config(ROOT / "include/config/demo.yaml")
    assert demo.fetch.allow_private_networks is True
    assert [s.id for s in demo.sources] == ["sample-wire", "seed-dump"]
    prod = load_config(ROOT / "include/config/sources.yaml")
    assert prod.fetch.allow_private_networks is False


def test_private_networks_default_off(tmp_path):
    cfg = load_config(_write(tmp_path, "sources:\n  - {id: a, kind: rss, url: 'https://example.org/f.xml'}\n"))
    assert cfg.fetch.allow_private_networks is False
    assert cfg.dedup.window_days == 7


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        ("sources:\n  - {id: a, kind: rss, url: 'https://x.org/f', colour: red}\n", "sources[a].colour", "unknown key"),
        ("sources:\n  - {id: a, kind: podcast, url: 'https://x.org/f'}\n", "sources[a].kind", "must be one of"),
        ("sources:\n  - {id: a, kind: rss}\n", "sources[a].url", "is required"),
        ("sources:\n  - {id: a, kind: rss, url: 'ftp://x.org/f'}\n", "sources[a].url", "http(s) URL"),
        ("sources:\n  - {id: a, kind: urls}\n", "sources[a].urls", "needs a urls list"),
        ("sources:\n  - {id: A B, kind: urls, urls: []}\n", "sources[0].id", "lowercase"),
        ("sources:\n  - {id: a, kind: urls, urls: ['https://x.org']}\n  - {id: a, kind: urls, urls: ['https://y.org']}\n",
         "sources[a].id", "used by two"),
        ("sources:\n  - {id: a, kind: urls, urls: ['https://x.org'], include: ['(']}\n", "sources[a].include",
         "bad regular expression"),
        ("sources:\n  - {id: a, kind: urls, urls: ['https://x.org']}\nfetch: {allow_private_networks: 'yes'}\n",
         "fetch.allow_private_networks", "true or false"),
        ("sources:\n  - {id: a, kind: urls, urls: ['https://x.org']}\nfetch: {timeout_s: 3}\n", "fetch.timeout_s",
         "unknown key"),
        ("sources: []\n", "sources", "non-empty list"),
        ("srcs: []\n", "srcs", "unknown top-level key"),
        ("sources: [\n", "(yaml)", "not valid YAML"),
        # Settings under which nothing could work, and keys the source's kind never reads.
        ("sources:\n  - {id: a, kind: urls, urls: ['https://x.org']}\nfetch: {max_bytes: 0}\n", "fetch.max_bytes",
         "at least 1"),
        ("sources:\n  - {id: a, kind: urls, urls: ['https://x.org']}\nfetch: {read_timeout: 0}\n",
         "fetch.read_timeout", "more than 0"),
        ("sources:\n  - {id: a, kind: rss, url: 'https://x.org/f', path: feed.xml}\n", "sources[a].path",
         "not used by kind rss"),
        ("sources:\n  - {id: a, kind: directory, path: d, url: 'https://x.org/'}\n", "sources[a].url",
         "not used by kind directory"),
        ("sources:\n  - {id: a, kind: rss, url: 'https://x.org/my feed.xml'}\n", "sources[a].url", "http(s) URL"),
    ],
)
def test_bad_config_names_file_key_reason(tmp_path, text, key, reason):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == key
    assert reason in info.value.reason
    assert str(path) in str(info.value)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.yaml")


def test_relative_paths_resolve_against_config_folder(tmp_path):
    cfg = load_config(_write(tmp_path, "sources:\n  - {id: d, kind: directory, path: dump}\n"))
    assert cfg.source("d").path == str(tmp_path / "dump")


def test_include_exclude_patterns(tmp_path):
    cfg = load_config(_write(tmp_path, "sources:\n  - {id: a, kind: urls, urls: ['https://x.org'], "
                                       "include: ['/news/'], exclude: ['/video/']}\n"))
    src = cfg.source("a")
    assert src.accepts("https://x.org/news/1")
    assert not src.accepts("https://x.org/sport/1")
    assert not src.accepts("https://x.org/news/video/1")


def test_spaces_around_urls_are_dropped_and_zero_means_none_where_it_can(tmp_path):
    cfg = load_config(_write(tmp_path, "sources:\n  - {id: a, kind: rss, url: '  https://x.org/f.xml '}\n"
                                       "  - {id: b, kind: urls, urls: [' https://x.org/a ', '']}\n"
                                       "fetch: {per_host_delay: 0, retries: 0, max_compression_ratio: 0}\n"))
    assert cfg.source("a").url == "https://x.org/f.xml"
    assert cfg.source("b").urls == ("https://x.org/a",)
    assert cfg.fetch.per_host_delay == 0.0 and cfg.fetch.retries == 0
