"""DAG integrity: imports cleanly, approved tags, retries, the expected graph, the partition rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

APPROVED_TAGS = {"wiredesk", "news", "etl", "maintenance"}
ROOT = Path(__file__).resolve().parents[2]


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert "news_daily" in dagbag.dags


def test_dag_id_is_file_name(dagbag):
    for dag_id, dag in dagbag.dags.items():
        assert Path(dag.fileloc).stem == dag_id


def test_tags_are_approved(dagbag):
    for dag in dagbag.dags.values():
        assert dag.tags, f"{dag.dag_id} has no tags"
        assert set(dag.tags) <= APPROVED_TAGS, f"{dag.dag_id}: unapproved tags {set(dag.tags) - APPROVED_TAGS}"


def test_retries_everywhere_except_checks(dagbag):
    dag = dagbag.dags["news_daily"]
    for task in dag.tasks:
        if task.task_id == "check_quality":
            assert task.retries == 0  # a failed check is a verdict, not a flake
        else:
            assert task.retries >= 1, task.task_id


def test_task_graph(dagbag):
    dag = dagbag.dags["news_daily"]
    edges = {(t.task_id, d) for t in dag.tasks for d in t.downstream_task_ids}
    assert edges == {
        ("plan_day", "list_sources"),
        ("plan_day", "extract_day"),
        ("plan_day", "dedup_day"),
        ("plan_day", "write_parquet"),
        ("plan_day", "load_duckdb"),
        ("plan_day", "check_quality"),
        ("list_sources", "discover_source"),
        ("discover_source", "fetch_source"),
        ("fetch_source", "extract_day"),
        ("extract_day", "dedup_day"),
        ("dedup_day", "write_parquet"),
        ("write_parquet", "load_duckdb"),
        ("load_duckdb", "check_quality"),
    }
    assert dag.get_task("extract_day").trigger_rule == "all_done"  # one failed source must not stop the day
    assert dag.get_task("load_duckdb").pool == "wiredesk_duckdb"
    assert dag.get_task("load_duckdb").max_active_tis_per_dag == 1


def test_schedule_is_daily_data_interval(dagbag):
    dag = dagbag.dags["news_daily"]
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.catchup is False
    assert "Which day a run covers" in dag.doc_md


def test_partition_is_data_interval_start_day():
    """The run for [D, D+1) covers dt=D, even when it starts on D+1 or later."""
    import importlib.util

    from airflow.serialization.encoders import coerce_to_core_timetable
    from airflow.timetables.base import DataInterval, TimeRestriction

    from wiredesk.config import load_config
    from wiredesk.pipeline import plan_day

    spec = importlib.util.spec_from_file_location("news_daily", ROOT / "dags/news_daily.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dag = module.news_daily()
    timetable = coerce_to_core_timetable(dag.timetable)
    last = DataInterval(dt.datetime(2017, 10, 22, tzinfo=dt.UTC), dt.datetime(2017, 10, 23, tzinfo=dt.UTC))
    info = timetable.next_dagrun_info(last_automated_data_interval=last,
                                      restriction=TimeRestriction(earliest=None, latest=None, catchup=True))
    assert info.data_interval.start == dt.datetime(2017, 10, 23, tzinfo=dt.UTC)
    assert info.data_interval.end == dt.datetime(2017, 10, 24, tzinfo=dt.UTC)
    assert info.run_after == dt.datetime(2017, 10, 24, tzinfo=dt.UTC)  # runs once the day is over
    config = load_config(ROOT / "include/config/demo.yaml")
    assert plan_day(config, info.data_interval.start)["day"] == "2017-10-23"
    # A timezone-aware start late in another zone still maps to its UTC calendar day.
    plus2 = dt.timezone(dt.timedelta(hours=2))
    assert plan_day(config, dt.datetime(2017, 10, 23, 1, 0, tzinfo=plus2))["day"] == "2017-10-22"


def test_dag_file_is_thin():
    source = (ROOT / "dags/news_daily.py").read_text()
    assert len(source.splitlines()) < 140
    assert "import wiredesk" not in source.split("def news_daily")[0]  # no heavy imports at parse time
