"""DuckDB warehouse: tables from the one schema, day-replacing loads, quality checks, run records."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import yaml

from wiredesk import schema, storage
from wiredesk.config import Config
from wiredesk.settings import PROFILES_PATH, SQL_DIR

_LOCK_RETRIES = 20


class WarehouseBusy(RuntimeError):
    """Another process holds the DuckDB file; the message says what to do."""


class QualityCheckFailed(RuntimeError):
    """One or more quality checks failed for a loaded day."""


@contextmanager
def connect(path: Path, read_only: bool = False, retries: int = _LOCK_RETRIES) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse, retrying with backoff while another process holds its lock."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}; run `wiredesk run --date YYYY-MM-DD` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    delay = 0.1
    for attempt in range(retries + 1):
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or attempt == retries:
                raise WarehouseBusy(
                    f"{path} is locked by another process ({exc}). Close other DuckDB sessions on it "
                    "(analysts: open it read-only, or query the Parquet lake) and re-run."
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
    try:
        yield con
    finally:
        con.close()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables (from the pyarrow schemas) and analyst views if missing."""
    for name, sch in schema.WAREHOUSE_TABLES.items():
        con.execute(schema.duckdb_ddl(name, sch))
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(schema.SCHEMA_VERSION)])
    views = SQL_DIR / "views.sql"
    if views.exists():
        con.execute(views.read_text(encoding="utf-8"))


def load_day(db_path: Path, data_dir: Path, day: dt.date) -> dict[str, int]:
    """Replace ``day`` in every loaded table by its lake partition, in one transaction."""
    counts: dict[str, int] = {}
    with connect(db_path) as con:
        ensure_schema(con)
        con.execute("BEGIN TRANSACTION")
        try:
            for name in ("articles", "copy_links", "rejects"):
                sch = schema.WAREHOUSE_TABLES[name]
                con.execute(f"DELETE FROM {name} WHERE dt = ?", [day])
                files = sorted(storage.partition_dir(data_dir, name, day).glob("*.parquet"))
                if files:
                    cols = ", ".join(f.name for f in sch)
                    con.execute(
                        f"INSERT INTO {name} ({cols}) SELECT {cols} FROM read_parquet(?, hive_partitioning = false)",
                        [[str(f) for f in files]],
                    )
                row = con.execute(f"SELECT count(*) FROM {name} WHERE dt = ?", [day]).fetchone()
                counts[name] = int(row[0]) if row else 0
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return counts


def _leak_markers() -> list[str]:
    raw = yaml.safe_load(PROFILES_PATH.read_text(encoding="utf-8")) or {}
    return list(raw.get("leak_markers") or [])


def run_checks(con: duckdb.DuckDBPyConnection, day: dt.date, counts: dict[str, Any]) -> list[dict[str, Any]]:
    """Quality checks on one loaded day; each result has name, ok and detail."""
    results = []

    def add(name: str, ok: bool, detail: str) -> None:
        results.append({"name": name, "ok": bool(ok), "detail": detail})

    nulls = con.execute(
        "SELECT count(*) FROM articles WHERE dt = ? AND (article_id IS NULL OR url IS NULL OR text IS NULL "
        "OR copy_cluster_id IS NULL OR canonical_article_id IS NULL OR story_id IS NULL)", [day]
    ).fetchone()
    add("null_keys", nulls is not None and nulls[0] == 0, f"{nulls[0] if nulls else '?'} articles with a null key")
    dups = con.execute(
        "SELECT count(*) FROM (SELECT article_id FROM articles GROUP BY article_id HAVING count(*) > 1)"
    ).fetchone()
    add("unique_article_id", dups is not None and dups[0] == 0, f"{dups[0] if dups else '?'} duplicated article ids")
    leaks = []
    for marker in _leak_markers():
        hit = con.execute(
            "SELECT url FROM articles WHERE dt = ? AND contains(text, ?) ORDER BY url LIMIT 1", [day, marker]
        ).fetchone()
        if hit:
            leaks.append(f"{marker!r} in {hit[0]}")
    add("no_boilerplate_leak", not leaks, "; ".join(leaks) or "no syndication markers left in text")
    limit = dt.datetime.combine(day + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    future = con.execute(
        "SELECT count(*) FROM articles WHERE dt = ? AND published_at > ?", [day, limit]
    ).fetchone()
    add("no_future_dates", future is not None and future[0] == 0,
        f"{future[0] if future else '?'} articles published after {limit.isoformat()}")
    empty = []
    per_source = dict(con.execute(
        "SELECT source_id, count(*) FROM articles WHERE dt = ? GROUP BY source_id", [day]
    ).fetchall())
    for sid, info in sorted(counts.get("sources", {}).items()):
        if info.get("discovered", 0) > 0 and per_source.get(sid, 0) == 0:
            empty.append(f"{sid} ({info['discovered']} items, 0 articles)")
    add("sources_produce_articles", not empty, "; ".join(empty) or "every source with items produced articles")
    failed = counts.get("failed_sources") or []
    add("sources_ok", not failed, "; ".join(failed) or "every source was discovered")
    total, canon = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE is_canonical) FROM articles WHERE dt = ?", [day]
    ).fetchone() or (0, 0)
    ratio = 1 - canon / total if total else 0.0
    add("dedup_ratio", total < 20 or ratio <= 0.95, f"{ratio:.2f} of {total} articles are copies")
    return results


def check_and_record(
    db_path: Path, data_dir: Path, config: Config, day: dt.date, run_id: str, counts: dict[str, Any],
    started_at: dt.datetime, versions: dict[str, str],
) -> list[dict[str, Any]]:
    """Run the checks, store the run row (lake and warehouse), raise if any check failed."""
    with connect(db_path) as con:
        ensure_schema(con)
        results = run_checks(con, day, counts)
        failed = [r for r in results if not r["ok"]]
        row = {
            "run_id": run_id, "dt": day, "started_at": started_at, "finished_at": dt.datetime.now(dt.UTC),
            "status": "failed" if failed else "success", "counts": json.dumps(counts, default=str, sort_keys=True),
            "checks": json.dumps(results), "versions": json.dumps(versions, sort_keys=True),
        }
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in run_id)
        storage.write_parquet(schema.table_from_rows([row], schema.RUNS),
                              storage.partition_dir(data_dir, "runs", day) / f"{safe}.parquet")
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        con.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [row[f.name] for f in schema.RUNS])
        con.execute("COMMIT")
    if failed:
        lines = "\n".join(f"  - {r['name']}: {r['detail']}" for r in failed)
        raise QualityCheckFailed(f"quality checks failed for {day.isoformat()}:\n{lines}")
    return results
