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
        af.wait_for_backfill(backfill["id"], timeout=600)
        runs = af.day_runs("news_daily")
        assert sorted(runs) == [d.isoformat() for d in DAYS]
        assert [runs[d]["state"] for d in sorted(runs)] == ["success"] * 3, runs

        db = data / "warehouse.duckdb"
        # Unpausing also lets the scheduler run the latest whole day (catchup=False): only our days count.
        first = {d: n for d, n in _day_counts(db).items() if d in DAYS}
        assert sorted(first) == DAYS and all(n > 0 for n in first.values())
        parts = {p.name for p in (data / "articles").iterdir()}
        assert {f"dt={d.isoformat()}" for d in DAYS} <= parts

        # Reprocess one completed day, as an operator does after a cleaning rule improves.
        before = runs["2017-10-23"]["end_date"]
        redo = af.backfill("news_daily", "2017-10-23T00:00:00Z", "2017-10-23T00:00:00Z", reprocess="completed")
        af.wait_for_backfill(redo["id"], timeout=300)
        rerun = af.day_runs("news_daily")["2017-10-23"]
        assert rerun["state"] == "success"
        assert rerun["end_date"] > before, "the completed day was run again"
        again = {d: n for d, n in _day_counts(db).items() if d in DAYS}
        assert again == first, "re-running a day must replace it, not add to it"
        with duckdb.connect(str(db), read_only=True) as con:
            dups = con.execute("SELECT count(*) - count(DISTINCT article_id) FROM articles").fetchone()[0]
            runs_23 = con.execute("SELECT count(*) FROM runs WHERE dt = DATE '2017-10-23'").fetchone()[0]
        assert dups == 0
        assert runs_23 >= 1
    finally:
        af.stop()
