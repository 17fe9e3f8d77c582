"""The DuckDB warehouse on hand-made lake partitions: day-replacing loads, derived tables, views,
macros, keyword search, publishing, migrations and quality checks."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from wiredesk import schema, search, storage, warehouse

D1, D2, D3 = dt.date(2017, 10, 22), dt.date(2017, 10, 23), dt.date(2017, 10, 24)


def article(n: int, day: dt.date, cluster: str | None = None, canonical: int | None = None, **kw) -> dict:
    """One article row; canonical of its own cluster unless ``canonical`` names another article."""
    aid = f"a_{n:04d}"
    canon = f"a_{canonical:04d}" if canonical is not None else aid
    row = {
        "article_id": aid,
        "dt": day,
        "source_id": "wire",
        "url": f"https://outlet{n}.example/story/{n}",
        "title": f"Headline {n}",
        "text": f"Body of story {n} with enough words to be an article.",
        "publisher": f"outlet{n}.example",
        "wire_agency": "AP",
        "copy_cluster_id": cluster or f"c_{n:04d}",
        "canonical_article_id": canon,
        "is_canonical": canon == aid,
        "story_id": f"s_{cluster or n}",
        "published_at": dt.datetime.combine(day, dt.time(6), tzinfo=dt.UTC) + dt.timedelta(minutes=n),
        "word_count": 11,
        "removed": [{"kind": "disclaimer", "text": "Legal Disclaimer: not ours."}],
        "dedup_method": "canonical" if canon == aid else "near",
        "schema_version": schema.SCHEMA_VERSION,
    }
    row.update(kw)
    return row


def put_day(data: Path, day: dt.date, articles: list[dict], rejects: list[dict] | None = None) -> None:
    """Write a day's lake partitions as the pipeline's write stage does (copy links from the articles)."""
    links = [
        {
            "dt": day,
            "article_id": a["article_id"],
            "linked_article_id": a["canonical_article_id"],
            "copy_cluster_id": a["copy_cluster_id"],
            "method": "near",
            "similarity": 0.9,
        }
        for a in articles
        if not a["is_canonical"]
    ]
    search.write_day(data, day, schema.table_from_rows(articles, schema.ARTICLES))
    for name, rows, sch in (("copy_links", links, schema.COPY_LINKS), ("rejects", rejects or [], schema.REJECTS)):
        storage.replace_partition(data, name, day, {"part-0.parquet": schema.table_from_rows(rows, sch)})


def q(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with warehouse.connect(db, read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture
def lake(tmp_path):
    """A lake with three days: a wire story (3 copies) on D2 that one outlet re-runs on D3."""
    data = tmp_path / "data"
    put_day(
        data,
        D1,
        [article(1, D1), article(2, D1, text="Kenya's central bank holds its key rate steady.")],
        rejects=[
            {"dt": D1, "source_id": "wire", "url": "https://gone.example/1", "stage": "fetch", "reason": "http_404"}
        ],
    )
    put_day(
        data,
        D2,
        [
            article(10, D2, "c_wire", text="Daesh executed 116 civilians in Al-Qaryatain, Syria's central town."),
            article(11, D2, "c_wire", 10, text="Daesh executed 116 civilians in Al-Qaryatain, Syria's central town."),
            article(12, D2, "c_wire", 10, source_id="feed2", text="Daesh executed 116 civilians in Al-Qaryatain."),
            article(13, D2, title="Café owners protest", text="Les propriétaires de cafés à Québec protestent."),
        ],
    )
    put_day(data, D3, [article(20, D3, "c_wire", 10, text="Daesh executed 116 civilians in Al-Qaryatain.")])
    return data


@pytest.fixture
def db(lake):
    """The warehouse with the three days loaded."""
    path = lake / "warehouse.duckdb"
    for day in (D1, D2, D3):
        warehouse.load_day(path, lake, day)
    return path


def test_load_creates_the_tables_views_and_macros(db):
    names = {r[0] for r in q(db, "SELECT table_name FROM duckdb_tables()")}
    assert set(schema.WAREHOUSE_TABLES) <= names
    views = {r[0] for r in q(db, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert {
        "canonical_articles",
        "wire_stories",
        "stories",
        "daily_source_stats",
        "removed_boilerplate",
        "run_checks",
    } <= views
    macros = {r[0] for r in q(db, "SELECT function_name FROM duckdb_functions() WHERE function_type LIKE '%macro%'")}
    assert {
        "articles_between",
        "articles_from",
        "source_articles_between",
        "wire_stories_between",
        "search",
        "search_terms",
        "search_normalize",
        "search_stop_words",
    } <= macros
    assert q(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(schema.SCHEMA_VERSION),)]
    assert q(db, "SELECT version, description FROM schema_migrations") == [(schema.SCHEMA_VERSION, "created")]


def test_articles_table_keeps_the_foundation_contract(db):
    cols = {r[0] for r in q(db, "DESCRIBE articles")}
    assert {
        "article_id",
        "dt",
        "url",
        "title",
        "text",
        "publisher",
        "syndicator",
        "original_source",
        "wire_agency",
        "dateline",
        "published_at",
        "copy_cluster_id",
        "canonical_article_id",
        "story_id",
    } <= cols
    assert {"url", "dt", "reason"} <= {r[0] for r in q(db, "DESCRIBE rejects")}


def test_reloading_a_day_replaces_it(db, lake):
    before = q(db, "SELECT * FROM articles ORDER BY article_id")
    warehouse.load_day(db, lake, D2)
    warehouse.load_day(db, lake, D2)
    assert q(db, "SELECT * FROM articles ORDER BY article_id") == before
    assert q(db, "SELECT count(*) - count(DISTINCT article_id) FROM articles") == [(0,)]
    assert q(db, "SELECT dt, articles FROM loads ORDER BY dt") == [(D1, 2), (D2, 4), (D3, 1)]


def test_a_smaller_day_replaces_a_larger_one_and_leaves_other_days_alone(db, lake):
    others = q(db, "SELECT * FROM articles WHERE dt <> ? ORDER BY article_id", [D2])
    put_day(lake, D2, [article(13, D2)])
    counts = warehouse.load_day(db, lake, D2)
    assert counts["articles"] == 1 and counts["copy_links"] == 0
    assert q(db, "SELECT article_id FROM articles WHERE dt = ?", [D2]) == [("a_0013",)]
    assert q(db, "SELECT count(*) FROM copy_links WHERE dt = ?", [D2]) == [(0,)]
    assert q(db, "SELECT * FROM articles WHERE dt <> ? ORDER BY article_id", [D2]) == others


def test_article_no_numbers_each_day_by_article_id(db):
    assert q(db, "SELECT article_id, article_no FROM articles WHERE dt = ? ORDER BY article_id", [D2]) == [
        ("a_0010", 0),
        ("a_0011", 1),
        ("a_0012", 2),
        ("a_0013", 3),
    ]


def test_a_lake_file_without_a_newer_column_loads_it_as_null(tmp_path):
    data = tmp_path / "data"
    put_day(data, D1, [article(1, D1)])
    path = storage.partition_dir(data, "articles", D1) / "part-0.parquet"
    old = pa.parquet.read_table(path).drop_columns(["image_url", "tags"])
    storage.write_parquet(old, path)
    warehouse.load_day(tmp_path / "w.duckdb", data, D1)
    assert q(tmp_path / "w.duckdb", "SELECT article_id, image_url, tags FROM articles") == [("a_0001", None, None)]


def test_a_partition_with_rows_of_another_day_is_refused_and_nothing_is_published(db, lake):
    before = q(db, "SELECT * FROM articles ORDER BY article_id")
    put_day(lake, D2, [article(30, D1)])
    with pytest.raises(ValueError, match="rows of another day"):
        warehouse.load_day(db, lake, D2)
    assert q(db, "SELECT * FROM articles ORDER BY article_id") == before
    assert not warehouse._staging_files(db)


def test_copy_clusters_follow_a_wire_story_across_days(db, lake):
    row = q(
        db,
        "SELECT copies, outlets, first_dt, last_dt, canonical_article_id, title, sources "
        "FROM copy_clusters WHERE copy_cluster_id = 'c_wire'",
    )
    assert row == [(4, 4, D2, D3, "a_0010", "Headline 10", ["feed2", "wire"])]
    put_day(lake, D3, [article(21, D3)])  # the re-run of the story disappears from D3
    warehouse.load_day(db, lake, D3)
    assert q(db, "SELECT copies, last_dt FROM copy_clusters WHERE copy_cluster_id = 'c_wire'") == [(3, D2)]
    # copy_clusters always equals a recomputation from scratch
    expect = q(db, "SELECT copy_cluster_id, count(*), min(dt), max(dt) FROM articles GROUP BY ALL ORDER BY 1")
    assert q(db, "SELECT copy_cluster_id, copies, first_dt, last_dt FROM copy_clusters ORDER BY 1") == expect


def test_wire_stories_stories_and_daily_stats(db):
    ws = q(
        db,
        "SELECT title, copies, outlets, agencies, spread, first_publisher FROM wire_stories "
        "WHERE copy_cluster_id = 'c_wire'",
    )
    assert ws == [("Headline 10", 4, 4, ["AP"], dt.timedelta(days=1, minutes=10), "outlet10.example")]
    assert q(db, "SELECT reports, articles FROM stories WHERE story_id = 's_c_wire'") == [(1, 4)]
    stats = q(
        db,
        "SELECT dt, source_id, articles, canonical, copies, rejects, duplicate_ratio "
        "FROM daily_source_stats ORDER BY dt, source_id",
    )
    assert stats == [
        (D1, "wire", 2, 2, 0, 1, 0.0),
        (D2, "feed2", 1, 0, 1, 0, 1.0),
        (D2, "wire", 3, 2, 1, 0, 0.3333),
        (D3, "wire", 1, 0, 1, 0, 1.0),
    ]
    assert q(db, "SELECT count(*) FROM canonical_articles") == [(4,)]
    assert q(db, "SELECT DISTINCT kind FROM removed_boilerplate") == [("disclaimer",)]


def test_macros_filter_a_date_range_and_a_source(db):
    assert q(db, "SELECT count(*) FROM articles_between('2017-10-23', '2017-10-24')") == [(5,)]
    assert q(db, "SELECT count(*) FROM articles_from('feed2')") == [(1,)]
    assert q(db, "SELECT count(*) FROM articles_from('outlet12.example')") == [(1,)]
    assert q(db, "SELECT count(*) FROM source_articles_between('wire', DATE '2017-10-22', DATE '2017-10-23')") == [(5,)]
    assert q(
        db, "SELECT copy_cluster_id FROM wire_stories_between('2017-10-23', '2017-10-23') ORDER BY copies DESC LIMIT 1"
    ) == [("c_wire",)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("qaryatain", ["a_0010", "a_0011", "a_0012", "a_0020"]),
        ("QARYATAIN", ["a_0010", "a_0011", "a_0012", "a_0020"]),
        ("Al-Qaryatain", ["a_0010", "a_0011", "a_0012", "a_0020"]),
        ("syria central", ["a_0010", "a_0011"]),  # every word must occur
        ("central", ["a_0002", "a_0010", "a_0011"]),
        ("cafe quebec", ["a_0013"]),  # accents are folded
        ("headline", ["a_0001", "a_0002", "a_0010", "a_0011", "a_0012", "a_0020"]),  # titles are indexed
        ("nowhere", []),
        ("", []),
        ("the central", ["a_0002", "a_0010", "a_0011"]),  # function words are ignored...
        ("of the", []),  # ... so a query of nothing else finds nothing
    ],
)
def test_search_finds_articles_by_keywords(db, query, expected):
    assert [r[0] for r in q(db, "SELECT article_id FROM search(?) ORDER BY 1", [query])] == expected


def test_search_python_api_and_terms(db):
    with warehouse.connect(db, read_only=True) as con:
        assert search.terms(con, "Syria's “town” — Al-Qaryatain.") == ["al", "qaryatain", "syria", "town"]
        hits = search.search(con, "qaryatain", limit=2)
        counted = search.search(con, "daesh civilians", limit=10)
    assert [h["article_id"] for h in hits] == ["a_0010", "a_0011"]
    assert {h["matches"] for h in counted} == {2} and "text" not in counted[0]


def test_function_words_are_not_indexed(db):
    stop = q(db, "SELECT search_stop_words()")[0][0]
    assert {"the", "of", "and"} <= set(stop)
    assert q(db, "SELECT count(*) FROM article_tokens WHERE list_contains(?, token)", [stop]) == [(0,)]
    assert q(db, "SELECT search_terms('The Town of Qaryatain and its people')") == [(["people", "qaryatain", "town"],)]


def _articles_scans(node: dict):
    info = node.get("extra_info") or {}
    if isinstance(info, dict) and str(info.get("Table", "")).endswith(".articles"):
        yield info
    for child in node.get("children", []):
        yield from _articles_scans(child)


def test_search_reads_the_index_not_the_texts(db):
    with warehouse.connect(db, read_only=True) as con:
        raw = con.execute("EXPLAIN (ANALYZE, FORMAT json) SELECT * FROM search('qaryatain')").fetchone()[1]
    scans = [s for op in json.loads(raw)["operator"] for s in _articles_scans(op)]
    finding = [s for s in scans if "text" not in s["Projections"]]
    fetching = [s for s in scans if "text" in s["Projections"]]
    assert finding, "the matching articles are found from article_tokens without reading any text"
    assert fetching and all("rowid" in str(s.get("Dynamic Filters")) for s in fetching), (
        "texts are read only for the matched rows, fetched by rowid"
    )


def test_the_index_is_rebuilt_with_the_day(db, lake):
    put_day(lake, D2, [article(13, D2, text="Nothing about that town any more, just weather.")])
    warehouse.load_day(db, lake, D2)
    assert [r[0] for r in q(db, "SELECT article_id FROM search('qaryatain')")] == ["a_0020"]
    assert q(db, "SELECT count(*) FROM article_tokens WHERE dt = ? AND token = 'weather'", [D2]) == [(1,)]


def test_the_load_appends_the_lake_index_and_it_equals_one_built_in_the_warehouse(db, lake):
    with warehouse.connect(db, read_only=True) as con:
        from_lake = con.execute("SELECT * FROM article_tokens ORDER BY dt, token").fetchall()
    assert warehouse.load_day(db, lake, D2)["tokens_from"] == "lake"
    with warehouse.writing(db) as con:
        for day in (D1, D2, D3):
            search.index_day(con, day)
    assert q(db, "SELECT * FROM article_tokens ORDER BY dt, token") == from_lake


def test_lake_tokens_of_other_articles_are_not_trusted(db, lake, caplog):
    # The articles partition rewritten without its index (by hand, or by an older writer).
    rows = [article(13, D2, text="Nothing about that town any more, just weather.")]
    storage.replace_partition(lake, "articles", D2, {"part-0.parquet": schema.table_from_rows(rows, schema.ARTICLES)})
    with caplog.at_level(logging.WARNING, logger="wiredesk.search"):
        counts = warehouse.load_day(db, lake, D2)
    assert counts["tokens_from"] == "warehouse"
    assert "index other articles" in caplog.text
    assert q(db, "SELECT article_id FROM search('weather')") == [("a_0013",)]
    assert [r[0] for r in q(db, "SELECT article_id FROM search('qaryatain')")] == ["a_0020"]
    # No index partition at all: rebuilt too.
    import shutil

    shutil.rmtree(storage.partition_dir(lake, "article_tokens", D2))
    assert warehouse.load_day(db, lake, D2)["tokens_from"] == "warehouse"
    assert q(db, "SELECT article_id FROM search('weather')") == [("a_0013",)]


def _inode(path: Path) -> int:
    return path.stat().st_ino


def test_a_load_writes_in_place_when_no_session_has_the_file_open(db, lake):
    before = _inode(db)
    warehouse.load_day(db, lake, D2)
    assert _inode(db) == before, "no copy was made"
    assert not warehouse._staging_files(db)


def test_a_load_publishes_a_copy_while_a_session_has_the_file_open(db, lake):
    before = _inode(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
         "print('open', flush=True); sys.stdin.readline()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        put_day(lake, D2, [article(13, D2, text="Only the weather today.")])
        warehouse.load_day(db, lake, D2)
    finally:
        holder.kill()
        holder.wait()
    assert _inode(db) != before, "published as a new file"
    assert q(db, "SELECT article_id FROM search('weather')") == [("a_0013",)]


def test_publish_mode_comes_from_the_environment(db, lake, monkeypatch):
    monkeypatch.setenv("WIREDESK_PUBLISH", "copy")
    before = _inode(db)
    warehouse.load_day(db, lake, D2)
    assert _inode(db) != before
    monkeypatch.setenv("WIREDESK_PUBLISH", "sometimes")
    with pytest.raises(ValueError, match="WIREDESK_PUBLISH"):
        warehouse.load_day(db, lake, D2)


@pytest.mark.parametrize("mode", ["auto", "copy"])
def test_a_failed_write_publishes_nothing_and_leaves_no_files(db, lake, monkeypatch, mode):
    monkeypatch.setenv("WIREDESK_PUBLISH", mode)
    before = q(db, "SELECT * FROM articles ORDER BY article_id")
    put_day(lake, D2, [article(13, D2)])

    def boom(con, data_dir, day):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(search, "load_day", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        warehouse.load_day(db, lake, D2)
    assert q(db, "SELECT * FROM articles ORDER BY article_id") == before
    assert not warehouse._staging_files(db)
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(".warehouse")) == [
        ".warehouse.duckdb.writer-lock"
    ]


def test_the_next_writer_sweeps_what_a_dead_writer_left(db, lake):
    leftovers = [db.with_name(f".{db.name}.deadbeef0000.staging"), db.with_name(f".{db.name}.deadbeef0000.staging.wal")]
    for path in leftovers:
        path.write_bytes(b"half a load")
    warehouse.load_day(db, lake, D1)
    assert not any(p.exists() for p in leftovers)


def test_a_second_writer_waits_for_the_lock_then_says_who_holds_it(db, lake):
    fd = os.open(warehouse._lock_path(db), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(fd, b"pid 4242 on loader since 2017-10-24T00:05:00Z")
        with pytest.raises(warehouse.WarehouseBusy, match="pid 4242"):
            with warehouse.writing(db, timeout=0.3):
                pass
    finally:
        os.close(fd)


def test_a_leftover_write_ahead_log_is_folded_in_not_lost(db, lake):
    # A read-write session (an analyst without -readonly) that died before checkpointing leaves a WAL.
    code = (
        "import duckdb, os, sys; c = duckdb.connect(sys.argv[1]); c.execute(\"SET checkpoint_threshold = '1TB'\"); "
        "c.execute(\"CREATE TABLE notes AS SELECT 'kept' AS note\"); os.kill(os.getpid(), 9)"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=False)
    wal = Path(str(db) + ".wal")
    assert wal.exists()
    warehouse.load_day(db, lake, D1)
    assert not wal.exists()
    assert q(db, "SELECT note FROM notes") == [("kept",)]


def _v1_warehouse(path: Path, data: Path) -> None:
    """A warehouse as the foundation (schema v1) wrote it: four tables, meta, no derived tables."""
    con = duckdb.connect(str(path))
    for name, sch in schema.LOADED_TABLES.items():
        con.execute(schema.duckdb_ddl(name, sch))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    cols = ", ".join(f.name for f in schema.ARTICLES)
    for day in (D1, D2):
        files = [str(f) for f in storage.partition_dir(data, "articles", day).glob("*.parquet")]
        con.execute(f"INSERT INTO articles SELECT {cols} FROM read_parquet(?)", [files])
    con.close()


def test_a_v1_warehouse_is_migrated_in_place(lake, tmp_path):
    path = tmp_path / "old.duckdb"
    _v1_warehouse(path, lake)
    assert warehouse.migrate(path) == schema.SCHEMA_VERSION
    assert q(path, "SELECT version FROM schema_migrations ORDER BY version") == [(2,)]
    assert q(path, "SELECT count(*) FROM articles WHERE article_no IS NULL") == [(0,)]
    assert q(path, "SELECT copies FROM wire_stories WHERE copy_cluster_id = 'c_wire'") == [(3,)]
    assert [r[0] for r in q(path, "SELECT article_id FROM search('qaryatain') ORDER BY 1")] == [
        "a_0010",
        "a_0011",
        "a_0012",
    ]
    assert q(path, "SELECT dt FROM loads ORDER BY dt") == [(D1,), (D2,)]


def test_a_warehouse_from_a_newer_wiredesk_is_left_alone(db, lake, monkeypatch):
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION - 1)
    with pytest.raises(RuntimeError, match="newer than this wiredesk"):
        warehouse.load_day(db, lake, D1)


def test_a_rebuild_from_the_lake_equals_the_daily_loads(db, lake, tmp_path):
    fresh = tmp_path / "rebuilt.duckdb"
    assert warehouse.rebuild(fresh, lake) == {"days": 3, "articles": 7}
    for table, order in (
        ("articles", "article_id"),
        ("copy_clusters", "copy_cluster_id"),
        ("article_tokens", "dt, token"),
        ("copy_links", "article_id"),
    ):
        assert q(fresh, f"SELECT * FROM {table} ORDER BY {order}") == q(db, f"SELECT * FROM {table} ORDER BY {order}")


def test_identifiers_outside_the_allow_list_are_refused():
    with pytest.raises(ValueError, match="not a warehouse table"):
        warehouse._sql("DELETE FROM {t} WHERE dt = ?", t="articles; DROP TABLE runs")


# --- quality checks ---------------------------------------------------------------------------


def _check(db: Path, lake: Path, day: dt.date, counts: dict | None = None, run_id: str = "run-1", **kw):
    return warehouse.check_and_record(
        db, lake, None, day, run_id, counts or {}, dt.datetime(2017, 10, 24, tzinfo=dt.UTC), {"wiredesk": "test"}, **kw
    )


def test_a_clean_day_passes_every_check_and_the_run_is_recorded(db, lake, caplog):
    with caplog.at_level(logging.INFO, logger="wiredesk.warehouse"):
        results = _check(db, lake, D2, {"sources": {"wire": {"discovered": 3}}})
    assert all(r["ok"] for r in results), results
    assert {r["name"] for r in results} == {
        "sources_produce_articles",
        "sources_ok",
        "null_keys",
        "unique_article_id",
        "copy_links_consistent",
        "no_boilerplate_leak",
        "no_future_dates",
        "dedup_ratio",
        "schema_version",
    }
    assert q(db, "SELECT run_id, status FROM runs") == [("run-1", "success")]
    assert q(db, "SELECT count(*) FROM run_checks WHERE run_id = 'run-1' AND ok") == [(len(results),)]
    assert "check 2017-10-23 no_boilerplate_leak" in caplog.text
    # the run also lands in the lake, so a rebuild or a reload of the day keeps it
    assert (storage.partition_dir(lake, "runs", D2) / "run-1.parquet").exists()
    warehouse.load_day(db, lake, D2)
    assert q(db, "SELECT run_id FROM runs") == [("run-1",)]


def _bad(name: str, lake: Path) -> tuple[dict, dict]:
    """Rewrite D2 so that check ``name`` fails; returns (counts, extra kwargs)."""
    day, counts, kw = D2, {}, {}
    rows = [article(10, day, "c_w"), article(11, day, "c_w", 10), article(13, day)]
    if name == "no_boilerplate_leak":
        rows[2]["text"] += " Legal Disclaimer: MENAFN provides the information as is."
    elif name == "no_future_dates":
        rows[2]["published_at"] = dt.datetime(2017, 10, 26, 1, tzinfo=dt.UTC)
    elif name == "null_keys":
        rows[2]["story_id"] = None
    elif name == "unique_article_id":
        rows[2]["article_id"] = "a_0001"  # already on D1
        rows[2]["canonical_article_id"] = "a_0001"
    elif name == "sources_produce_articles":
        counts = {"sources": {"wire": {"discovered": 3}, "silent": {"discovered": 5}}}
    elif name == "sources_ok":
        counts = {"failed_sources": ["broken: feed returned 500"]}
    elif name == "dedup_ratio":
        rows = [article(100, day, "c_x")] + [article(100 + i, day, "c_x", 100) for i in range(1, 25)]
    elif name == "copy_links_consistent":
        rows[1]["canonical_article_id"] = "a_9999"
    elif name == "schema_version":
        rows[0]["schema_version"] = 1
    put_day(lake, day, rows)
    if name == "copy_links_consistent":
        storage.replace_partition(lake, "copy_links", day, {"part-0.parquet": schema.empty_table(schema.COPY_LINKS)})
    return counts, kw


@pytest.mark.parametrize(
    "name",
    [
        "no_boilerplate_leak",
        "no_future_dates",
        "null_keys",
        "unique_article_id",
        "sources_produce_articles",
        "sources_ok",
        "dedup_ratio",
        "copy_links_consistent",
        "schema_version",
    ],
)
def test_each_check_catches_its_problem_and_fails_the_run(db, lake, name):
    counts, kw = _bad(name, lake)
    warehouse.load_day(db, lake, D2)
    with pytest.raises(warehouse.QualityCheckFailed, match=name) as err:
        _check(db, lake, D2, counts, **kw)
    failed = [r[0] for r in q(db, "SELECT name FROM run_checks WHERE NOT ok")]
    assert failed == [name], str(err.value)
    assert q(db, "SELECT status FROM runs") == [("failed",)]


def test_a_source_whose_items_another_source_fetched_first_is_not_empty(db, lake):
    # A sitemap and a feed of one site list the same stories: each becomes one article, credited to one
    # source, and the other source's items are its duplicate_url rejects. That source works.
    rows = [article(10, D2, "c_w"), article(11, D2, "c_w", 10), article(13, D2)]
    dup = {"dt": D2, "source_id": "sitemap", "stage": "extract", "reason": "duplicate_url"}
    put_day(lake, D2, rows, rejects=[{**dup, "url": r["url"], "detail": f"same article as {r['article_id']}"} for r in rows])
    warehouse.load_day(db, lake, D2)
    counts = {"sources": {"wire": {"discovered": 3}, "sitemap": {"discovered": 3}}}
    assert all(r["ok"] for r in _check(db, lake, D2, counts))
    # A source whose items all failed is still caught.
    put_day(lake, D2, rows, rejects=[{**dup, "url": r["url"], "reason": "http_404"} for r in rows])
    warehouse.load_day(db, lake, D2)
    with pytest.raises(warehouse.QualityCheckFailed, match=r"sitemap \(3 items, 0 articles\)"):
        _check(db, lake, D2, counts, run_id="run-2")


def test_check_limits_are_adjustable(db, lake):
    _bad("dedup_ratio", lake)
    warehouse.load_day(db, lake, D2)
    limits = warehouse.CheckLimits(max_duplicate_ratio=0.99)
    assert all(r["ok"] for r in _check(db, lake, D2, limits=limits))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("新华社", ["a_0001"]),  # a Chinese text: every character of the query occurs
        ("北京", ["a_0001"]),
        ("上海", []),
        ("서울", ["a_0002"]),  # Korean glues a particle to the word ("서울에서")
        ("東京", ["a_0003"]),
        ("qaryatain", []),
    ],
)
def test_search_finds_words_in_unspaced_scripts(tmp_path, query, expected):
    data = tmp_path / "data"
    put_day(
        data,
        D1,
        [
            article(1, D1, title="北京报道", text="新华社北京3月5日电，记者从北京市政府获悉。"),
            article(2, D1, title="서울 소식", text="서울에서 5일 열린 회의에서 결정됐다."),
            article(3, D1, title="東京", text="東京で5日、会議が開かれた。"),
        ],
    )
    path = data / "warehouse.duckdb"
    warehouse.load_day(path, data, D1)
    assert [r[0] for r in q(path, "SELECT article_id FROM search(?) ORDER BY 1", [query])] == expected
