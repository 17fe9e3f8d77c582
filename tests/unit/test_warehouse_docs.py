"""docs/data-dictionary.md lists every table, view, column and macro of the warehouse, with its type."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_warehouse import D1, article, put_day

from wiredesk import warehouse

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"


def documented() -> dict[str, list[tuple[str, str]]]:
    """Section name → [(column, type)] from the dictionary's tables."""
    out: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### `(\w+)`", line)
        if heading:
            current = heading.group(1)
            out[current] = []
            continue
        row = re.match(r"\| `(\w+)` \| ([^|]+) \|", line)
        if row and current:
            out[current].append((row.group(1), row.group(2).strip()))
        if line.startswith("## "):
            current = None
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    data = tmp_path_factory.mktemp("docs") / "data"
    put_day(data, D1, [article(1, D1)])
    path = data / "warehouse.duckdb"
    warehouse.load_day(path, data, D1)
    return path


def test_every_table_and_view_is_documented_with_its_columns_and_types(db):
    doc = documented()
    with warehouse.connect(db, read_only=True) as con:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() UNION ALL "
                "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"
            ).fetchall()
        ]
        for name in names:
            assert name in doc, f"{name} is missing from docs/data-dictionary.md"
            actual = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {name}").fetchall()]
            assert doc[name] == actual, f"{name}: documented columns differ from the warehouse"
    assert set(doc) == set(names), f"documented but not in the warehouse: {set(doc) - set(names)}"


def test_every_macro_is_documented(db):
    text = DOC.read_text(encoding="utf-8")
    with warehouse.connect(db, read_only=True) as con:
        macros = {
            r[0]
            for r in con.execute(
                "SELECT function_name FROM duckdb_functions() WHERE function_type LIKE '%macro%' "
                "AND database_name = current_database()"
            ).fetchall()
        }
    assert macros
    for name in macros:
        assert f"| `{name}(" in text, f"macro {name} is missing from docs/data-dictionary.md"
