"""
### news_daily — one day of syndicated news, from feeds to DuckDB

**Which day a run covers.** The schedule is a *data-interval* timetable,
`CronDataIntervalTimetable("0 0 * * *", timezone="UTC")`: the run for calendar day **D** has the data
interval `[D 00:00 UTC, D+1 00:00 UTC)` and starts once that interval has closed (D+1 00:00 UTC).
Its partition is `data_interval_start` as a UTC date, `dt=D`. (Airflow 3's plain `@daily` is a
*trigger* timetable with a zero-length interval, which would make "which day?" ambiguous.)
A backfill of D1..D3 therefore writes exactly the partitions D1, D2 and D3, like daily runs would;
a manual trigger at time T covers the last whole day before T.

**Tasks.** `plan_day` → `discover_source` → `fetch_source` (both mapped per source; a failing
source fails only its own task) → `extract_day` → `dedup_day` → `write_parquet` → `load_duckdb` (pool
`wiredesk_duckdb`, one writer; dedup and write share it, so concurrent backfill runs take turns)
→ `check_quality` (also writes the day's HTML report under
`$WIREDESK_DATA_DIR/reports/`). Every task calls one `wiredesk` function and
passes paths and counts through XCom, never article text.

**Re-runs** replace the day's Parquet partitions and DuckDB rows; pages already in the raw archive
are not fetched again unless the `force_refetch` param is set.
"""

from __future__ import annotations

import datetime as dt

from airflow.sdk import CronDataIntervalTimetable, Param, dag, get_current_context, task
from airflow.sdk.definitions.asset import Asset

WAREHOUSE = Asset("wiredesk://warehouse/articles")


def _settings():
    from wiredesk.settings import Settings

    return Settings.from_env()


def _config():
    from wiredesk.config import load_config

    return load_config(_settings().config_path)


@dag(
    dag_id="news_daily",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=dt.datetime(2017, 1, 1, tzinfo=dt.UTC),
    catchup=False,
    max_active_runs=3,
    tags=["wiredesk", "news", "etl"],
    doc_md=__doc__,
    default_args={"retries": 2, "retry_delay": dt.timedelta(seconds=30), "retry_exponential_backoff": True},
    params={"force_refetch": Param(False, type="boolean", description="Refetch pages already in the raw archive")},
)
def news_daily():
    @task
    def plan_day(data_interval_start=None) -> dict:
        """The run's partition day and the enabled sources."""
        from wiredesk.pipeline import plan_day as plan

        return plan(_config(), data_interval_start)

    @task
    def list_sources(plan: dict) -> list[dict]:
        """One mapping entry per enabled source."""
        return [{"day": plan["day"], "source_id": sid} for sid in plan["sources"]]

    @task(map_index_template="{{ task.op_kwargs['job']['source_id'] }}")
    def discover_source(job: dict) -> dict:
        """List one source's items for the day (a broken listing is recorded, not raised)."""
        from wiredesk.pipeline import discover_source as discover

        return discover(_settings(), _config(), job["day"], job["source_id"])

    @task(map_index_template="{{ task.op_kwargs['job']['source_id'] }}", retries=1)
    def fetch_source(job: dict) -> dict:
        """Fetch one source's items into the raw archive; fails if its discovery failed."""
        from wiredesk.pipeline import fetch_source as fetch

        force = get_current_context()["params"]["force_refetch"]
        return fetch(_settings(), _config(), job["day"], job["source_id"], force=force, show=False)

    @task(trigger_rule="all_done")
    def extract_day(plan: dict) -> dict:
        """Extract and clean every archived page of the day."""
        from wiredesk.pipeline import extract_day as extract

        return extract(_settings(), _config(), plan["day"], show=False)

    @task(pool="wiredesk_duckdb")
    def dedup_day(plan: dict, extracted: dict) -> dict:
        """Assign copy clusters and stories (re-assigning later days a backfill changed)."""
        from wiredesk.pipeline import dedup_day as dedup

        return dedup(_settings(), _config(), plan["day"])

    @task(pool="wiredesk_duckdb")
    def write_parquet(plan: dict, deduped: dict) -> dict:
        """Publish the day's Parquet partitions."""
        from wiredesk.pipeline import write_day

        return write_day(_settings(), plan["day"], deduped["restated_days"])

    @task(pool="wiredesk_duckdb", max_active_tis_per_dag=1, outlets=[WAREHOUSE])
    def load_duckdb(plan: dict, written: dict) -> dict:
        """Replace the day in DuckDB (one writer at a time)."""
        from wiredesk.pipeline import load_day

        return load_day(_settings(), plan["day"], written["restated_days"])

    @task(pool="wiredesk_duckdb", retries=0)
    def check_quality(plan: dict, loaded: dict) -> list[dict]:
        """Quality checks; fails the run with a clear message."""
        from wiredesk.pipeline import check_day

        run_id = get_current_context()["dag_run"].run_id
        return check_day(_settings(), _config(), plan["day"], run_id)

    plan = plan_day()
    fetched = fetch_source.expand(job=discover_source.expand(job=list_sources(plan)))
    extracted = extract_day(plan)
    fetched >> extracted
    loaded = load_duckdb(plan, write_parquet(plan, dedup_day(plan, extracted)))
    check_quality(plan, loaded)


news_daily()
