"""The real Airflow: standalone on loopback, a 3-day backfill through the REST API the UI uses,
then a reprocess of one day that must not duplicate rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from airflow_local import LocalAirflow

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration
DAYS = [dt.date(2017, 10, 22), dt.date(2017, 10, 23), dt.date(2017, 10, 24)]


def _day_counts(db: Path) -> dict[dt.date, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT dt, count(*) FROM articles GROUP BY dt ORDER BY dt").fetchall())


def test_backfill_three_days_then_reprocess_one(tmp_path, sample_site):
    data = tmp_path / "data"
    af = LocalAirflow(tmp_path / "airflow", extra_env={
        "WIREDESK_CONFIG": str(ROOT / "include/config/demo.yaml"),
        "WIREDESK_DATA_DIR": str(data),
    })
    try:
        af.start()
        af.wait_for_dag("news_daily")
        af.unpause("news_daily")
        backfill = af.backfill("news_daily", "2017-10-22T00:00:00Z", "2017-10-24T00:00:00Z")
        assert backfill["dag_id"] == "news_daily"
        runs = af.wait_for_runs("news_daily", 3, timeout=600)
        assert sorted(r["state"] for r in runs) == ["success"] * 3, runs
        assert sorted(r["data_interval_start"][:10] for r in runs) == [d.isoformat() for d in DAYS]
        assert all(r["run_type"] == "backfill" for r in runs)

        db = data / "warehouse.duckdb"
        first = _day_counts(db)
        assert sorted(first) == DAYS and all(n > 0 for n in first.values())
        parts = sorted(p.name for p in (data / "articles").iterdir())
        assert parts == [f"dt={d.isoformat()}" for d in DAYS]

        seen = {r["dag_run_id"] for r in af.runs("news_daily")}
        af.backfill("news_daily", "2017-10-23T00:00:00Z", "2017-10-23T00:00:00Z", reprocess="completed")
        rerun = af.wait_for_runs("news_daily", 1, timeout=300, after=set())
        rerun = [r for r in af.runs("news_daily") if r["state"] == "success"]
        assert len(rerun) >= 3
        again = af.wait_for_runs("news_daily", 1, timeout=300, after=seen - {r["dag_run_id"] for r in runs})
        assert all(r["state"] == "success" for r in again)
        assert _day_counts(db) == first, "re-running a day must replace it, not add to it"
        with duckdb.connect(str(db), read_only=True) as con:
            dups = con.execute("SELECT count(*) - count(DISTINCT article_id) FROM articles").fetchone()[0]
            runs_23 = con.execute("SELECT count(*) FROM runs WHERE dt = DATE '2017-10-23'").fetchone()[0]
        assert dups == 0
        assert runs_23 >= 1
    finally:
        af.stop()
