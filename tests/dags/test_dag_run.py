"""A real run of news_daily with dag.test() on the sample site, compared with `wiredesk run`."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2017, 10, 23)
COMPARE_EXCLUDE = {"fetched_at"}  # the only column that records when, not what


def _rows(db: Path, table: str, order: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in COMPARE_EXCLUDE]
        return con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()


@pytest.fixture(scope="module")
def dag_run_db(tmp_path_factory, airflow_db):
    """Run news_daily for 2017-10-23 through dag.test() into a temporary warehouse."""
    from wiredesk.samplesite import serve

    data = tmp_path_factory.mktemp("dag") / "data"
    mp = pytest.MonkeyPatch()
    mp.setenv("WIREDESK_CONFIG", str(ROOT / "include/config/demo.yaml"))
    mp.setenv("WIREDESK_DATA_DIR", str(data))
    mp.setenv("WIREDESK_WORKERS", "1")
    server, _ = serve(8765)
    try:
        spec = importlib.util.spec_from_file_location("news_daily", ROOT / "dags/news_daily.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        dag = module.news_daily()
        # A manual run at T covers the last whole day before T: logical date 10-24 → interval [10-23, 10-24).
        run = dag.test(logical_date=dt.datetime(2017, 10, 24, tzinfo=dt.UTC))
        assert run.state == "success", f"dag run ended {run.state}"
        assert run.data_interval_start.date() == DAY
    finally:
        server.shutdown()
        server.server_close()
        mp.undo()
    return data


def test_seeds_loaded_clean(dag_run_db):
    db = dag_run_db / "warehouse.duckdb"
    with duckdb.connect(str(db), read_only=True) as con:
        days = {r[0] for r in con.execute("SELECT DISTINCT dt FROM articles").fetchall()}
        assert days == {DAY}
        menafn = con.execute(
            "SELECT title, original_source, dateline, syndicator, text, copy_cluster_id FROM articles "
            "WHERE url LIKE '%/menafn/%'").fetchone()
        ap = con.execute(
            "SELECT title, wire_agency, text, copy_cluster_id FROM articles "
            "WHERE url LIKE '%galilee-gazette%' AND title LIKE 'Syria: ISIS%'").fetchone()
        leaks = con.execute(
            "SELECT count(*) FROM articles WHERE text LIKE '%Legal Disclaimer%' OR text LIKE '%(MENAFN-%' "
            "OR text LIKE '%By: AP%' OR text LIKE '%70,000 bullets%'").fetchone()[0]
        rejects = con.execute("SELECT url, reason FROM rejects WHERE dt = ?", [DAY]).fetchall()
    assert menafn[0] == "Daesh 'executed' 116 in Syria's Al Qaryatain town revenge campaign"
    assert menafn[1:4] == ("Jordan Times", "BEIRUT", "MENAFN")
    assert menafn[4].startswith("The Daesh terror group executed dozens of civilians")
    assert ap[0] == "Syria: ISIS slaughters scores in act of revenge"
    assert ap[1] == "AP"
    assert leaks == 0
    assert menafn[5] != ap[3], "the two seeds are different wire reports: different copy clusters"
    assert [(u.rsplit("/", 1)[-1], r) for u, r in rejects] == [("missing-page.html", "http_404")]


def test_cli_run_gives_the_same_rows(dag_run_db, tmp_path, monkeypatch, sample_site):
    from wiredesk.cli import main

    cli_data = tmp_path / "cli"
    monkeypatch.setenv("WIREDESK_CONFIG", str(ROOT / "include/config/demo.yaml"))
    monkeypatch.setenv("WIREDESK_DATA_DIR", str(cli_data))
    assert main(["run", "--date", DAY.isoformat()]) == 0
    for table, order in (("articles", "article_id"), ("copy_links", "article_id"), ("rejects", "url")):
        dag_rows = _rows(dag_run_db / "warehouse.duckdb", table, order)
        cli_rows = _rows(cli_data / "warehouse.duckdb", table, order)
        assert dag_rows == cli_rows, f"{table} differs between the DAG run and `wiredesk run`"
        assert dag_rows or table == "copy_links"
