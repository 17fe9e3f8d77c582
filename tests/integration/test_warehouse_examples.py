"""Every example analyst query in include/sql/examples answers on the demo warehouse (the sample
site's three days run through the whole pipeline), through `wiredesk sql` as an analyst would run it."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "include/sql/examples").glob("*.sql"))
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def demo(demo_env):
    """WIREDESK_DATA_DIR of the demo warehouse (tests/conftest.py builds it once per session)."""
    return demo_env


def run_example(data: Path, path: Path, capsys, monkeypatch) -> list[dict]:
    """The example through `wiredesk sql --format json` (read-only), as rows."""
    from wiredesk.cli import main

    monkeypatch.setenv("WIREDESK_DATA_DIR", str(data))
    assert main(["sql", path.read_text(encoding="utf-8"), "--format", "json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_there_are_at_least_eight_examples_each_asking_a_question():
    assert len(EXAMPLES) >= 8
    for path in EXAMPLES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("-- ") and first.rstrip().endswith("?"), f"{path.name} should open with its question"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_answers_on_the_demo_warehouse(demo, path, capsys, monkeypatch):
    rows = run_example(demo, path, capsys, monkeypatch)
    assert rows, f"{path.name} returned nothing on the demo warehouse"
    # the same text also runs in a plain read-only DuckDB session (duckdb -readonly FILE < example.sql)
    with duckdb.connect(str(demo / "warehouse.duckdb"), read_only=True) as con:
        assert len(con.execute(path.read_text(encoding="utf-8")).fetchall()) == len(rows)


def _example(name: str) -> Path:
    return next(p for p in EXAMPLES if name in p.stem)


def test_the_outlets_of_the_ap_story_come_in_the_order_they_ran_it(demo, capsys, monkeypatch):
    rows = run_example(demo, _example("outlets_that_ran"), capsys, monkeypatch)
    assert [r["outlet"] for r in rows] == [
        "seed-dump",
        "The Galilee Gazette",
        "The Levant Ledger",
        "The Capital Herald",
    ]
    assert rows[0]["is_canonical"] and rows[-1]["after_first_copy"].startswith("1 day")


def test_the_two_reports_of_the_qaryatain_story_give_different_figures(demo, capsys, monkeypatch):
    rows = run_example(demo, _example("figures"), capsys, monkeypatch)
    by_source = {r["source"]: r for r in rows}
    assert set(by_source) == {"Jordan Times", "AP"}
    assert "116" in by_source["Jordan Times"]["figures"]
    assert {"128", "67"} <= set(by_source["AP"]["figures"])
    assert by_source["Jordan Times"]["place_spellings"] == ["Qaryatain"]
    assert by_source["AP"]["place_spellings"] == ["Qaryatayn"]


def test_keyword_search_finds_both_transliterations(demo, capsys, monkeypatch):
    rows = run_example(demo, _example("keyword_search"), capsys, monkeypatch)
    assert len({r["copy_cluster_id"] for r in rows}) == 2 and len({r["story_id"] for r in rows}) == 1
