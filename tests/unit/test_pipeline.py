"""A whole day through the library (no Airflow) on the bundled sample site: accounting, idempotency,
copy clusters against the site's ground truth."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import yaml

from wiredesk import schema
from wiredesk.config import load_config
from wiredesk.pipeline import run_day
from wiredesk.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DAYS = ["2017-10-22", "2017-10-23", "2017-10-24"]
MANIFEST = yaml.safe_load((ROOT / "include/sample_site/MANIFEST.yaml").read_text())


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    """Three days run forward into a temporary lake and warehouse."""
    from wiredesk.samplesite import serve

    data = tmp_path_factory.mktemp("lake") / "data"
    settings = Settings(data_dir=data, duckdb_path=data / "warehouse.duckdb",
                        config_path=ROOT / "include/config/demo.yaml")
    config = load_config(settings.config_path)
    server, _ = serve(8765)
    try:
        results = {day: run_day(day, settings, config, run_id=f"test_{day}", show=False) for day in DAYS}
        rerun = run_day("2017-10-23", settings, config, run_id="test_rerun", show=False)
    finally:
        server.shutdown()
        server.server_close()
    return settings, results, rerun


def _articles(settings, where="TRUE"):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(f"SELECT * EXCLUDE (fetched_at) FROM articles WHERE {where} ORDER BY article_id").fetchall()


def test_every_discovered_item_is_an_article_or_a_reject(lake):
    settings, _, _ = lake
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        for day in DAYS:
            discovered = sum(pq.read_metadata(p).num_rows for p in
                             (settings.data_dir / "_staging/discovered" / f"dt={day}").glob("*.parquet"))
            articles = con.execute("SELECT count(*) FROM articles WHERE dt = ?", [day]).fetchone()[0]
            rejects = con.execute("SELECT count(*) FROM rejects WHERE dt = ?", [day]).fetchone()[0]
            assert discovered == articles + rejects, day
            extra = 3 if day == "2017-10-23" else 0  # the two seed .txt files and the 404 item
            assert discovered == MANIFEST["days"][day] + extra


def test_rerun_replaces_the_day_with_identical_rows(lake):
    settings, results, rerun = lake
    first, again = results["2017-10-23"]["counts"]["write"], rerun["counts"]["write"]
    assert {**again, "restated_days": []} == first
    assert again["restated_days"] == ["2017-10-24"]  # the later day in its window is assigned again
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        assert con.execute("SELECT count(*) - count(DISTINCT article_id) FROM articles").fetchone()[0] == 0
        per_day = dict(con.execute("SELECT dt::VARCHAR, count(*) FROM articles GROUP BY 1").fetchall())
    assert per_day == {d: MANIFEST["days"][d] + (2 if d == "2017-10-23" else 0) for d in DAYS}


def test_the_404_is_a_reject_with_its_reason(lake):
    settings, _, _ = lake
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        rows = con.execute("SELECT url, stage, reason FROM rejects").fetchall()
    assert rows == [(f"http://127.0.0.1:8765/{MANIFEST['missing'][0]['path']}", "fetch", "http_404")]


def test_copy_clusters_match_the_ground_truth(lake):
    settings, _, _ = lake
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        got = dict(con.execute("SELECT url, copy_cluster_id FROM articles WHERE url LIKE 'http%'").fetchall())
    truth = {f"http://127.0.0.1:8765/{p['path']}": p["copy_group"] for p in MANIFEST["pages"]}
    assert set(got) == set(truth)
    for a, b in itertools.combinations(sorted(truth), 2):
        same_truth = truth[a] == truth[b]
        assert (got[a] == got[b]) == same_truth, (a, b)


def test_seeds_are_different_copies_of_one_story(lake):
    settings, _, _ = lake
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        rows = con.execute("SELECT url, copy_cluster_id, story_id FROM articles WHERE url LIKE 'file://%' "
                           "ORDER BY url").fetchall()
    (_, c000, s000), (_, c004, s004) = rows
    assert c000 != c004
    assert s000 == s004


def test_quality_checks_recorded(lake):
    settings, _, _ = lake
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        statuses = con.execute("SELECT run_id, status FROM runs ORDER BY run_id").fetchall()
    assert ("test_rerun", "success") in statuses and len(statuses) == 4


def test_lake_partitions_are_hive_by_day(lake):
    settings, _, _ = lake
    for dataset in ("raw", "articles", "rejects", "copy_links"):
        parts = sorted(p.name for p in (settings.data_dir / dataset).iterdir() if not p.name.startswith("."))
        assert parts == [f"dt={d}" for d in DAYS], dataset
    table = pq.read_table(settings.data_dir / "articles" / "dt=2017-10-23")
    assert table.num_rows == MANIFEST["days"]["2017-10-23"] + 2
    assert dt.date(2017, 10, 23) in set(table.column("dt").to_pylist())


def test_backfill_order_does_not_change_ids(lake, tmp_path):
    """The same days run backward (as a backfill might) give the same clusters, canonicals and stories."""
    from wiredesk.samplesite import serve

    settings, _, _ = lake
    data = tmp_path / "backward"
    other = Settings(data_dir=data, duckdb_path=data / "warehouse.duckdb", config_path=settings.config_path)
    config = load_config(other.config_path)
    server, _ = serve(8765)
    try:
        for day in reversed(DAYS):
            run_day(day, other, config, run_id=f"back_{day}", show=False)
    finally:
        server.shutdown()
        server.server_close()
    cols = "article_id, copy_cluster_id, canonical_article_id, is_canonical, story_id"
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as a, \
            duckdb.connect(str(other.duckdb_path), read_only=True) as b:
        forward = a.execute(f"SELECT {cols} FROM articles ORDER BY article_id").fetchall()
        backward = b.execute(f"SELECT {cols} FROM articles ORDER BY article_id").fetchall()
    assert forward == backward


def test_a_story_listed_by_two_sources_is_one_article_under_its_clean_url(tmp_path):
    """A feed and a URL list of one site: the clean spelling is the article, the other a duplicate_url
    reject of the list's source, and the list's source still passes the empty-source check."""
    from wiredesk.samplesite import serve

    page = "newswave/story/2017/10/23/daesh-executed-116-al-qaryatain.html"
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists/2017-10-23.txt").write_text(f"http://127.0.0.1:8765/{page}?utm_source=newsletter&utm_medium=email\n")
    conf = tmp_path / "sources.yaml"
    conf.write_text(
        "sources:\n"
        "  - {id: a-list, kind: urls, path: 'lists/{day}.txt'}\n"
        "  - {id: sample-wire, kind: rss, url: 'http://127.0.0.1:8765/feed.xml'}\n"
        "fetch: {allow_private_networks: true, per_host_delay: 0.0, retries: 0}\n"
    )
    data = tmp_path / "data"
    settings = Settings(data_dir=data, duckdb_path=data / "warehouse.duckdb", config_path=conf)
    server, _ = serve(8765)
    try:
        run_day("2017-10-23", settings, load_config(conf), run_id="two_sources", show=False)
    finally:
        server.shutdown()
        server.server_close()
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        urls = [u for (u,) in con.execute("SELECT url FROM articles WHERE url LIKE '%newswave%al-qaryatain%'").fetchall()]
        dups = con.execute("SELECT source_id, url FROM rejects WHERE reason = 'duplicate_url'").fetchall()
        failed = con.execute("SELECT name FROM run_checks WHERE NOT ok").fetchall()
    assert urls == [f"http://127.0.0.1:8765/{page}"]
    assert [(s, "utm_source" in u) for s, u in dups] == [("a-list", True)]
    assert failed == []


def test_what_an_earlier_run_left_for_a_removed_source_is_not_this_runs(tmp_path):
    """A discovery error recorded for a source since removed from the configuration does not fail the
    day's run nor become a reject of it."""
    from wiredesk.samplesite import serve

    data = tmp_path / "data"
    stale = data / "_staging/discovered/dt=2017-10-22"
    stale.mkdir(parents=True)
    (stale / "retired-feed.error.json").write_text(
        '{"source_id": "retired-feed", "url": "http://127.0.0.1:9/feed.xml", "error": "connection refused"}'
    )
    pq.write_table(schema.empty_table(schema.DISCOVERED), stale / "retired-feed.parquet")
    settings = Settings(data_dir=data, duckdb_path=data / "warehouse.duckdb", config_path=ROOT / "include/config/demo.yaml")
    server, _ = serve(8765)
    try:
        result = run_day("2017-10-22", settings, load_config(settings.config_path), run_id="after_removal", show=False)
    finally:
        server.shutdown()
        server.server_close()
    assert all(c["ok"] for c in result["checks"]), result["checks"]
    assert "retired-feed" not in result["counts"]["sources"]
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM rejects WHERE source_id = 'retired-feed'").fetchone() == (0,)
