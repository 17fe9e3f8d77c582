"""DuckDB warehouse: schema and migrations, day-replacing loads that readers never see half done, checks.

DuckDB lets one process write a file and refuses to open it for writing while any other process has it
open, even read-only. A load therefore takes one of two paths (``writing``), both one transaction:

* **in place**, when nobody has the file open: the writer takes DuckDB's exclusive lock, replaces the
  day in one transaction and checkpoints. An analyst opening a session during those seconds is told
  the file is locked (``connect`` and ``wiredesk sql`` retry with backoff); a ``kill -9`` at any point
  leaves the last committed state (DuckDB's write-ahead log), which the next load completes.
* **copy and publish**, when a session has the file open (or the file is new, or a rebuild): the
  writer copies the file, replaces the day in the copy, checkpoints, and publishes it with one
  ``os.replace``. The open session keeps reading the snapshot it opened; the next session sees the new
  day, never half of it. A writer killed at any point leaves the published file untouched; the next
  writer sweeps its leftovers.

In place costs nothing per gigabyte of history; a copy costs a full file copy per load (1 s per GB
here), which grows with the warehouse, so copies happen only when an analyst's session makes them
necessary. ``WIREDESK_PUBLISH=copy`` forces copies. See docs/analyst-workflow.md for the measurements.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import json
import logging
import os
import shutil
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import yaml

from wiredesk import schema, search, storage
from wiredesk.config import Config
from wiredesk.settings import PROFILES_PATH, SQL_DIR

_log = logging.getLogger(__name__)

_LOCK_RETRIES = 20
WRITER_TIMEOUT = float(os.environ.get("WIREDESK_WRITER_TIMEOUT") or 1800)

# Identifiers that may be spliced into SQL (values are always bound parameters).
_IDENTIFIERS = frozenset(schema.WAREHOUSE_TABLES) | {f.name for sch in schema.WAREHOUSE_TABLES.values() for f in sch}


class WarehouseBusy(RuntimeError):
    """Another process holds the DuckDB file or the writer lock; the message says what to do."""


class QualityCheckFailed(RuntimeError):
    """One or more quality checks failed for a loaded day."""


class _Fragment(str):
    """SQL text built only from allow-listed identifiers and constants (never from values)."""


def _sql(template: str, **parts: str) -> str:
    """Fill the slots of ``template`` with allow-listed table/column names or built fragments."""
    for value in parts.values():
        if not isinstance(value, _Fragment) and value not in _IDENTIFIERS:
            raise ValueError(f"{value!r} is not a warehouse table or column")
    return template.format(**parts)


@contextmanager
def connect(path: Path, read_only: bool = False, retries: int = _LOCK_RETRIES) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a DuckDB file, retrying with backoff while another process holds its lock.

    Analysts and reports open the warehouse read-only; loads go through ``writing()``, never here.
    """
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
                    f"{path} is locked by another process ({exc}). Something has it open read-write: "
                    "close that session and open the warehouse read-only (duckdb -readonly FILE)."
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
    try:
        yield con
    finally:
        con.close()


# --- publishing -------------------------------------------------------------------------------


def _lock_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.writer-lock")


@contextmanager
def _writer_lock(db_path: Path, timeout: float) -> Iterator[None]:
    """Hold the warehouse's writer lock: one writer at a time, whichever process (DAG task or CLI) it is."""
    path = _lock_path(db_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        delay = 0.05
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = path.read_text(encoding="utf-8", errors="replace").strip() or "unknown"
                    raise WarehouseBusy(
                        f"waited {timeout:.0f}s for another load writing {db_path} (holder: {holder}). "
                        "Loads are serialized; wait for it or stop it, then re-run."
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        os.ftruncate(fd, 0)
        holder = f"pid {os.getpid()} on {socket.gethostname()} since {dt.datetime.now(dt.UTC):%Y-%m-%dT%H:%M:%SZ}"
        os.pwrite(fd, holder.encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _staging_files(db_path: Path) -> list[Path]:
    return sorted(db_path.parent.glob(f".{db_path.name}.*.staging*"))


def _sweep(db_path: Path) -> list[Path]:
    """Delete copies left by writers that died mid-load (only call with the writer lock held)."""
    stale = _staging_files(db_path)
    for path in stale:
        if path.is_dir():  # a spill folder (``temp_directory``) of the dead writer
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    if stale:
        _log.warning("removed %d file(s) left by an interrupted load: %s", len(stale), ", ".join(p.name for p in stale))
    return stale


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _snapshot(live: Path, staged: Path) -> bool:
    """Copy the published file to ``staged``; returns whether a write-ahead log came along."""
    # DuckDB's own shared lock, held while copying, keeps a read-write session from changing the
    # bytes under the copy (and makes us wait, with a clear message, if one has the file open).
    with connect(live, read_only=True):
        shutil.copyfile(live, staged)
        wal = _wal(live)
        if wal.exists():  # left by a read-write session that did not checkpoint: replay it in the copy
            shutil.copyfile(wal, _wal(staged))
            return True
    return False


# Row groups of the rows a writer adds. A day of 100,000 articles fits in one default row group
# (122,880 rows), and DuckDB gives each row group to one thread: the day's rows were compressed by one
# core inside COMMIT, and the keyword index tokenized them on one core. With row groups of 16,384 rows
# the INSERT writes and compresses full row groups in parallel and the index build scans them in
# parallel (bench/warehouse_bench.py, 300k-article warehouse, two cores: a day load 8.0 s → 5.4 s;
# commit 2.4 s → 0.2 s, keyword index 4.3 s → 2.8 s, tables 0.6 s → 1.7 s). 32,768 rows saved less
# (5.9 s), 8,192 no more (5.3 s) for a larger file.
_ROW_GROUP_SIZE = 16_384


def publish_mode() -> str:
    """``auto`` (in place when the file is free, else a copy) or ``copy`` (always), from WIREDESK_PUBLISH."""
    mode = (os.environ.get("WIREDESK_PUBLISH") or "auto").strip().lower()
    if mode not in ("auto", "copy"):
        raise ValueError(f"WIREDESK_PUBLISH must be 'auto' or 'copy', not {mode!r}")
    return mode


def _attach(con: duckdb.DuckDBPyConnection, path: Path, spill: Path) -> None:
    """Make ``path`` (attached with ``_ROW_GROUP_SIZE``) the default database of ``con``."""
    # Spills go next to the file under a staging name (swept with leftovers), not to the working directory.
    con.execute("SET temp_directory = ?", [str(spill)])
    quoted = str(path).replace("'", "''")  # ATTACH takes no parameters; our own path
    con.execute(f"ATTACH '{quoted}' AS wh (ROW_GROUP_SIZE {_ROW_GROUP_SIZE:d})")
    con.execute("USE wh")


def _open_staged(staged: Path) -> duckdb.DuckDBPyConnection:
    """A connection whose default database is the staged copy."""
    con = duckdb.connect()
    try:
        _attach(con, staged, Path(f"{staged}.tmp"))
    except BaseException:
        con.close()
        raise
    return con


def _open_in_place(db_path: Path, spill: Path) -> duckdb.DuckDBPyConnection | None:
    """A connection holding the published file for writing, or None if another process has it open."""
    con = duckdb.connect()
    try:
        _attach(con, db_path, spill)
    except duckdb.IOException as exc:
        con.close()
        if "lock" in str(exc).lower():
            return None
        raise
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def _in_place(con: duckdb.DuckDBPyConnection, spill: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        ensure_schema(con)
        yield con
        con.execute("CHECKPOINT wh")
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)


@contextmanager
def writing(db_path: Path, fresh: bool = False, timeout: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable warehouse, committed in place or published as a new file when the block succeeds.

    ``fresh`` starts from an empty file instead of the current one (a rebuild, always published as a new
    file). If the block raises, or the process dies, readers keep the previous data.
    """
    db_path = Path(db_path).absolute()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(db_path, WRITER_TIMEOUT if timeout is None else timeout):
        _sweep(db_path)
        if db_path.exists() and not fresh and publish_mode() == "auto":
            spill = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex[:12]}.staging.tmp")
            con = _open_in_place(db_path, spill)
            if con is not None:
                with _in_place(con, spill):
                    yield con
                return
            _log.info("%s is open in another session: loading a copy and publishing it", db_path)
        staged = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex[:12]}.staging")
        had_wal = False
        try:
            if db_path.exists() and not fresh:
                had_wal = _snapshot(db_path, staged)
            con = _open_staged(staged)
            try:
                ensure_schema(con)
                yield con
                con.execute("CHECKPOINT wh")
            finally:
                con.close()
            if _wal(staged).exists():
                raise RuntimeError(f"{staged} kept a write-ahead log after its checkpoint; not publishing it")
            with open(staged, "rb") as fh:
                os.fsync(fh.fileno())
            if had_wal:
                _wal(db_path).unlink(missing_ok=True)  # folded into the copy; it must not meet the new file
            os.replace(staged, db_path)
            _fsync_dir(db_path.parent)
        finally:
            staged.unlink(missing_ok=True)
            _wal(staged).unlink(missing_ok=True)
            shutil.rmtree(f"{staged}.tmp", ignore_errors=True)


# --- schema and migrations -----------------------------------------------------------------------


def stored_version(con: duckdb.DuckDBPyConnection) -> int:
    """Schema version a warehouse was written with (0 for an empty file)."""
    tables = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
    }
    if "meta" in tables:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row:
            return int(row[0])
    return 1 if "articles" in tables else 0


def _migrate_to_2(con: duckdb.DuckDBPyConnection) -> None:
    """v1 → v2: article_no, copy_clusters, article_tokens and loads, filled from the loaded days."""
    con.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS article_no INTEGER")
    # v1 kept no partition order; number each day by article_id (the next load of a day renumbers it).
    con.execute(
        "UPDATE articles SET article_no = n.article_no FROM ("
        "  SELECT article_id, dt, (row_number() OVER (PARTITION BY dt ORDER BY article_id) - 1)::INTEGER AS article_no"
        "  FROM articles) AS n WHERE articles.article_id = n.article_id AND articles.dt = n.dt"
    )
    _create_tables(con)
    _define_views(con)  # the index is built with the tokenizer macro
    con.execute("CREATE OR REPLACE TEMP TABLE _touched AS SELECT DISTINCT copy_cluster_id FROM articles")
    _refresh_clusters(con)
    days = [
        r[0]
        for r in con.execute(
            "SELECT dt FROM articles UNION SELECT dt FROM rejects UNION SELECT dt FROM runs ORDER BY 1"
        ).fetchall()
    ]
    for day in days:
        tokens = search.index_day(con, day)
        _record_load(con, day, tokens, 0.0)


# Steps that bring a warehouse from version N-1 to N, applied in order inside one transaction.
MIGRATIONS: dict[int, tuple[str, Callable[[duckdb.DuckDBPyConnection], None]]] = {
    2: ("article_no, copy_clusters, article_tokens (keyword search), loads", _migrate_to_2),
}


def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for name, sch in schema.WAREHOUSE_TABLES.items():
        con.execute(schema.duckdb_ddl(name, sch))
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version SMALLINT, applied_at TIMESTAMPTZ, description VARCHAR)"
    )


def _define_views(con: duckdb.DuckDBPyConnection) -> None:
    search.define_tokenizer(con)
    con.execute((SQL_DIR / "views.sql").read_text(encoding="utf-8"))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a writable warehouse to ``schema.SCHEMA_VERSION``: tables, pending migrations, views."""
    version = stored_version(con)
    if version > schema.SCHEMA_VERSION:
        raise RuntimeError(
            f"the warehouse has schema version {version}, newer than this wiredesk "
            f"({schema.SCHEMA_VERSION}); upgrade wiredesk before loading into it"
        )
    con.execute("BEGIN TRANSACTION")
    try:
        pending = range(version + 1, schema.SCHEMA_VERSION + 1) if version else []
        _create_tables(con)
        now = dt.datetime.now(dt.UTC)
        for target in pending:
            description, step = MIGRATIONS[target]
            _log.info("migrating the warehouse to schema version %d: %s", target, description)
            step(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [target, now, description])
        if not version:
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [schema.SCHEMA_VERSION, now, "created"])
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(schema.SCHEMA_VERSION)])
        _define_views(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


# --- loads ------------------------------------------------------------------------------------


def _parquet_columns(con: duckdb.DuckDBPyConnection, files: list[str]) -> set[str]:
    rows = con.execute("SELECT DISTINCT name FROM parquet_schema(?)", [files]).fetchall()
    return {r[0] for r in rows}


def _select_list(sch: Any, present: set[str]) -> _Fragment:
    """Columns of ``sch`` cast to their warehouse type; columns an older lake file lacks become NULL."""
    parts = []
    for f in sch:
        col = _sql("{c}", c=f.name)
        parts.append(f"CAST({col if f.name in present else 'NULL'} AS {schema.duckdb_type(f.type)}) AS {col}")
    return _Fragment(", ".join(parts))


_LAKE_FILES = _Fragment("read_parquet(?, union_by_name = true, hive_partitioning = false)")


def _load_table(con: duckdb.DuckDBPyConnection, data_dir: Path, name: str, day: dt.date) -> int:
    """Replace one table's rows of ``day`` by the lake partition (inside the caller's transaction)."""
    sch = schema.LOADED_TABLES[name]
    con.execute(_sql("DELETE FROM {t} WHERE dt = ?", t=name), [day])
    files = [str(f) for f in sorted(storage.partition_dir(data_dir, name, day).glob("*.parquet"))]
    if not files:
        return 0
    present = _parquet_columns(con, files)
    stray = con.execute(
        _sql("SELECT count(*) FROM {src} WHERE dt IS DISTINCT FROM ?", src=_LAKE_FILES), [files, day]
    ).fetchone()
    if stray and stray[0]:
        raise ValueError(f"{name} partition dt={day.isoformat()} holds {stray[0]} rows of another day")
    cols = _Fragment(", ".join(_sql("{c}", c=f.name) for f in sch))
    select = _select_list(sch, present)
    if name != "articles":
        con.execute(
            _sql(
                "INSERT INTO {t} ({cols}) SELECT {select} FROM {src}", t=name, cols=cols, select=select, src=_LAKE_FILES
            ),
            [files],
        )
    else:
        # article_no is the row's position in the day's partition (files in name order): deterministic for
        # a given partition and free to compute, unlike a window over the rows.
        offset = 0
        for one in files:
            con.execute(
                _sql(
                    "INSERT INTO {t} ({cols}, article_no) SELECT {select}, (file_row_number + ?)::INTEGER "
                    "FROM read_parquet(?, file_row_number = true, hive_partitioning = false)",
                    t=name,
                    cols=cols,
                    select=select,
                ),
                [offset, one],
            )
            row = con.execute("SELECT sum(num_rows) FROM parquet_file_metadata(?)", [one]).fetchone()
            offset += int(row[0] or 0) if row else 0
    row = con.execute(_sql("SELECT count(*) FROM {t} WHERE dt = ?", t=name), [day]).fetchone()
    return int(row[0]) if row else 0


def _refresh_clusters(con: duckdb.DuckDBPyConnection, day: dt.date | None = None) -> int:
    """Recompute copy_clusters for the cluster ids in temp table ``_touched`` (``day`` was just replaced).

    Members are read only from the days the touched clusters span (their stored first and last day, and
    ``day``): the rows of one day sit together in storage, so DuckDB skips the other days by their
    min/max, and the refresh costs the same with 10 or 1,000 days loaded (was a scan of every article).
    """
    if day is None:
        lo, hi = con.execute("SELECT min(dt), max(dt) FROM articles").fetchone() or (None, None)
    else:
        lo, hi = con.execute(
            "SELECT least(min(first_dt), ?::DATE), greatest(max(last_dt), ?::DATE) FROM copy_clusters "
            "WHERE copy_cluster_id IN (SELECT copy_cluster_id FROM _touched)",
            [day, day],
        ).fetchone() or (day, day)
    con.execute("DELETE FROM copy_clusters WHERE copy_cluster_id IN (SELECT copy_cluster_id FROM _touched)")
    if lo is not None:
        con.execute((SQL_DIR / "copy_clusters.sql").read_text(encoding="utf-8"), {"lo": lo, "hi": hi})
    row = con.execute("SELECT count(*) FROM _touched").fetchone()
    return int(row[0]) if row else 0


def _record_load(con: duckdb.DuckDBPyConnection, day: dt.date, tokens: int, seconds: float) -> dict[str, int]:
    counts = {}
    for name in schema.LOADED_TABLES:
        row = con.execute(_sql("SELECT count(*) FROM {t} WHERE dt = ?", t=name), [day]).fetchone()
        counts[name] = int(row[0]) if row else 0
    con.execute("DELETE FROM loads WHERE dt = ?", [day])
    con.execute(
        "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            day,
            dt.datetime.now(dt.UTC),
            counts["articles"],
            counts["copy_links"],
            counts["rejects"],
            counts["runs"],
            tokens,
            round(seconds, 3),
            schema.SCHEMA_VERSION,
        ],
    )
    return counts


def replace_day(con: duckdb.DuckDBPyConnection, data_dir: Path, day: dt.date) -> dict[str, Any]:
    """Replace ``day`` in every loaded and derived table from the lake, in one transaction."""
    t0 = time.monotonic()
    day = storage.parse_day(day)
    phases: dict[str, float] = {}
    mark = t0

    def lap(name: str) -> None:
        nonlocal mark
        now = time.monotonic()
        phases[name] = round(now - mark, 3)
        mark = now

    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _touched AS SELECT DISTINCT copy_cluster_id FROM articles WHERE dt = ?", [day]
        )
        for name in schema.LOADED_TABLES:
            _load_table(con, Path(data_dir), name, day)
        lap("tables")
        con.execute(
            "INSERT INTO _touched SELECT DISTINCT copy_cluster_id FROM articles WHERE dt = ? "
            "EXCEPT SELECT copy_cluster_id FROM _touched",
            [day],
        )
        clusters = _refresh_clusters(con, day)
        lap("copy_clusters")
        index = search.load_day(con, Path(data_dir), day)
        lap("keyword_index")
        counts: dict[str, Any] = _record_load(con, day, index["tokens"], time.monotonic() - t0)
        con.execute("DROP TABLE _touched")
        con.execute("COMMIT")
        lap("commit")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    counts.update(**index, clusters_refreshed=clusters, seconds=round(time.monotonic() - t0, 3), phases=phases)
    return counts


def load_day(db_path: Path, data_dir: Path, day: dt.date) -> dict[str, Any]:
    """Replace ``day`` in the warehouse by its lake partitions and publish the result atomically."""
    day = storage.parse_day(day)
    t0 = time.monotonic()
    with writing(db_path) as con:
        counts = replace_day(con, data_dir, day)
    counts["publish_seconds"] = round(time.monotonic() - t0 - counts["seconds"], 3)
    _log.info("loaded %s into %s: %s", day.isoformat(), db_path, counts)
    return counts


def lake_days(data_dir: Path) -> list[dt.date]:
    """Every day that has a partition in one of the loaded lake datasets."""
    days = set()
    for name in schema.LOADED_TABLES:
        folder = Path(data_dir) / name
        for part in folder.glob("dt=*") if folder.exists() else []:
            with contextlib.suppress(ValueError):
                days.add(dt.date.fromisoformat(part.name.removeprefix("dt=")))
    return sorted(days)


def rebuild(db_path: Path, data_dir: Path, days: list[dt.date] | None = None) -> dict[str, Any]:
    """Build a new warehouse from the lake (every day, or ``days``) and publish it in one step."""
    todo = days if days is not None else lake_days(data_dir)
    totals: dict[str, Any] = {"days": len(todo), "articles": 0}
    with writing(db_path, fresh=True) as con:
        for day in todo:
            totals["articles"] += replace_day(con, data_dir, day)["articles"]
    return totals


def migrate(db_path: Path) -> int:
    """Bring an existing warehouse to the current schema version (also done by every load)."""
    with writing(db_path):
        pass
    return schema.SCHEMA_VERSION


# --- quality checks ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class CheckLimits:
    """Thresholds of the quality checks."""

    future_tolerance: dt.timedelta = dt.timedelta(hours=24)  # after the end of the day (time zones, embargoes)
    max_duplicate_ratio: float = 0.95  # copies / articles above this: dedup is merging unrelated stories
    min_duplicate_ratio: float = 0.0  # raise it for sources known to carry wire copy
    min_articles_for_ratio: int = 20  # below this a ratio says nothing


def _leak_markers() -> list[str]:
    raw = yaml.safe_load(PROFILES_PATH.read_text(encoding="utf-8")) or {}
    return list(raw.get("leak_markers") or [])


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Any:
    row = con.execute(sql, params).fetchone()
    return row[0] if row else None


def run_checks(
    con: duckdb.DuckDBPyConnection, day: dt.date, counts: dict[str, Any], limits: CheckLimits | None = None
) -> list[dict[str, Any]]:
    """Quality checks on one loaded day; each result has name, ok and detail."""
    limits = limits or CheckLimits()
    results: list[dict[str, Any]] = []

    def add(name: str, ok: bool, detail: str) -> None:
        results.append({"name": name, "ok": bool(ok), "detail": detail})

    empty = []
    # A source whose items were all fetched first by another source (a sitemap and a feed of one site)
    # works: its items are that source's articles, recorded as its duplicate_url rejects.
    per_source = dict(
        con.execute(
            "SELECT source_id, count(*) FROM (SELECT source_id FROM articles WHERE dt = $day UNION ALL "
            "SELECT source_id FROM rejects WHERE dt = $day AND reason = 'duplicate_url') GROUP BY source_id",
            {"day": day},
        ).fetchall()
    )
    for sid, info in sorted((counts.get("sources") or {}).items()):
        if info.get("discovered", 0) > 0 and per_source.get(sid, 0) == 0:
            empty.append(f"{sid} ({info['discovered']} items, 0 articles)")
    add("sources_produce_articles", not empty, "; ".join(empty) or "every source with items produced articles")
    failed = counts.get("failed_sources") or []
    add("sources_ok", not failed, "; ".join(failed) or "every source was discovered")

    nulls = (
        con.execute(
            "SELECT count(*) FILTER (WHERE article_id IS NULL), count(*) FILTER (WHERE url IS NULL), "
            "count(*) FILTER (WHERE source_id IS NULL), count(*) FILTER (WHERE text IS NULL), "
            "count(*) FILTER (WHERE copy_cluster_id IS NULL), count(*) FILTER (WHERE canonical_article_id IS NULL), "
            "count(*) FILTER (WHERE story_id IS NULL) FROM articles WHERE dt = ?",
            [day],
        ).fetchone()
        or ()
    )
    keys = ("article_id", "url", "source_id", "text", "copy_cluster_id", "canonical_article_id", "story_id")
    bad = [f"{n} null {k}" for k, n in zip(keys, nulls, strict=True) if n]
    bad += [
        f"{n} {what}"
        for what, n in (
            (
                "rejects without url or reason",
                _one(con, "SELECT count(*) FROM rejects WHERE dt = ? AND (url IS NULL OR reason IS NULL)", [day]),
            ),
            (
                "copy links without both ends",
                _one(
                    con,
                    "SELECT count(*) FROM copy_links WHERE dt = ? "
                    "AND (article_id IS NULL OR linked_article_id IS NULL)",
                    [day],
                ),
            ),
        )
        if n
    ]
    add("null_keys", not bad, "; ".join(bad) or "no null keys")

    dups = _one(
        con,
        "SELECT count(*) FROM (SELECT article_id FROM articles WHERE article_id IN "
        "(SELECT article_id FROM articles WHERE dt = ?) GROUP BY article_id HAVING count(*) > 1)",
        [day],
    )
    add("unique_article_id", dups == 0, f"{dups} article ids appear more than once")

    orphans = _one(
        con,
        "SELECT count(*) FROM articles a WHERE a.dt = ? AND NOT EXISTS "
        "(SELECT 1 FROM articles c WHERE c.article_id = a.canonical_article_id)",
        [day],
    )
    copies = _one(con, "SELECT count(*) FROM articles WHERE dt = ? AND NOT is_canonical", [day])
    links = _one(con, "SELECT count(*) FROM copy_links WHERE dt = ?", [day])
    problems = []
    if orphans:
        problems.append(f"{orphans} articles name a canonical copy that is not in the warehouse")
    if copies != links:
        problems.append(f"{copies} non-canonical articles but {links} copy links")
    add("copy_links_consistent", not problems, "; ".join(problems) or f"{links} copy links, all ends present")

    leaks = []
    for marker in _leak_markers():
        hit = con.execute(
            "SELECT url, count(*) OVER () FROM articles WHERE dt = ? AND (contains(text, ?) "
            "OR contains(title, ?)) ORDER BY url LIMIT 1",
            [day, marker, marker],
        ).fetchone()
        if hit:
            leaks.append(f"{marker!r} left in {hit[1]} article(s), e.g. {hit[0]}")
    add("no_boilerplate_leak", not leaks, "; ".join(leaks) or "no syndication markers left in text")

    limit = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC) + limits.future_tolerance
    future = _one(con, "SELECT count(*) FROM articles WHERE dt = ? AND published_at > ?", [day, limit])
    add("no_future_dates", future == 0, f"{future} articles published after {limit:%Y-%m-%dT%H:%MZ}")

    total, canon = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE is_canonical) FROM articles WHERE dt = ?", [day]
    ).fetchone() or (0, 0)
    ratio = 1 - canon / total if total else 0.0
    in_bounds = limits.min_duplicate_ratio <= ratio <= limits.max_duplicate_ratio
    add(
        "dedup_ratio",
        total < limits.min_articles_for_ratio or in_bounds,
        f"{ratio:.2f} of {total} articles are copies (bounds {limits.min_duplicate_ratio:.2f}–"
        f"{limits.max_duplicate_ratio:.2f}, checked from {limits.min_articles_for_ratio} articles)",
    )

    old = _one(
        con,
        "SELECT count(*) FROM articles WHERE dt = ? AND schema_version IS DISTINCT FROM ?",
        [day, schema.SCHEMA_VERSION],
    )
    add(
        "schema_version",
        old == 0,
        f"{old} articles written with another schema version than {schema.SCHEMA_VERSION} (re-run the day)",
    )
    return results


def log_checks(day: dt.date, results: list[dict[str, Any]]) -> None:
    """Log every check result (the Airflow task log shows them)."""
    for r in results:
        level = logging.INFO if r["ok"] else logging.ERROR
        _log.log(
            level, "check %s %-26s %s — %s", day.isoformat(), r["name"], "ok" if r["ok"] else "FAILED", r["detail"]
        )


def check_and_record(
    db_path: Path,
    data_dir: Path,
    config: Config | None,
    day: dt.date,
    run_id: str,
    counts: dict[str, Any],
    started_at: dt.datetime,
    versions: dict[str, str],
    limits: CheckLimits | None = None,
) -> list[dict[str, Any]]:
    """Run the checks, store the run row (lake and warehouse, one publish), raise if any check failed."""
    day = storage.parse_day(day)
    with writing(db_path) as con:
        results = run_checks(con, day, counts, limits)
        log_checks(day, results)
        failed = [r for r in results if not r["ok"]]
        row = {
            "run_id": run_id,
            "dt": day,
            "started_at": started_at,
            "finished_at": dt.datetime.now(dt.UTC),
            "status": "failed" if failed else "success",
            "counts": json.dumps(counts, default=str, sort_keys=True),
            "checks": json.dumps(results),
            "versions": json.dumps(versions, sort_keys=True),
        }
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in run_id)
        storage.write_parquet(
            schema.table_from_rows([row], schema.RUNS), storage.partition_dir(data_dir, "runs", day) / f"{safe}.parquet"
        )
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        con.execute(
            "INSERT INTO runs (run_id, dt, started_at, finished_at, status, counts, checks, versions) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [row[f.name] for f in schema.RUNS],
        )
        con.execute("UPDATE loads SET runs = (SELECT count(*) FROM runs WHERE dt = ?) WHERE dt = ?", [day, day])
        con.execute("COMMIT")
    if failed:
        lines = "\n".join(f"  - {r['name']}: {r['detail']}" for r in failed)
        raise QualityCheckFailed(f"quality checks failed for {day.isoformat()}:\n{lines}")
    return results
