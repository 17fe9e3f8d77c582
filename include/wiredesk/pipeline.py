"""One day's run, stage by stage. Each stage reads and writes one day partition and returns
paths and counts (what the DAG passes through XCom); ``run_day`` composes them for the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from wiredesk import __version__, schema, search, storage, warehouse
from wiredesk.config import Config, load_config
from wiredesk.extract import extract_document, is_error_page
from wiredesk.fetch import Fetcher, FetchError, Validators
from wiredesk.progress import progress
from wiredesk.settings import Settings
from wiredesk.sources import DiscoveryError, SourceState, archived_items, discover, read_local, url_key

STAGING = "_staging"


class SourceFailed(RuntimeError):
    """A source whose discovery failed; raised after its reject is recorded."""


def _stable_id(prefix: str, value: str) -> str:
    """``prefix`` + 16 hex of sha256(value): short, stable ids."""
    return prefix + hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def article_id_for(url: str) -> str:
    """Deterministic article id from the canonical URL (same URL → same id, any run)."""
    return _stable_id("a_", url_key(url))


def _staging(settings: Settings, name: str, day: dt.date) -> Path:
    """Folder of one day of an intermediate stage output."""
    return storage.partition_dir(settings.data_dir / STAGING, name, day)


def _ts(value: float | dt.datetime | None) -> dt.datetime | None:
    """Epoch seconds or a datetime as aware UTC."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return dt.datetime.fromtimestamp(value, tz=dt.UTC)


def discover_source(settings: Settings, config: Config, day: dt.date, source_id: str) -> dict[str, Any]:
    """Discover one source's items for ``day`` into ``_staging/discovered``; a broken listing is recorded."""
    day = storage.parse_day(day)
    source = config.source(source_id)
    out_dir = _staging(settings, "discovered", day)
    error = None
    rows: list[dict[str, Any]] = []
    # What the raw archive already holds for the day is part of the day, whatever the listing says now.
    raw_path = storage.partition_dir(settings.data_dir, "raw", day) / f"{source_id}.parquet"
    archived = archived_items(_raw_rows(raw_path, with_body=False), source, day)
    with Fetcher(config.fetch) as fetcher:
        try:
            items = discover(source, day, fetcher, state=SourceState(settings.data_dir, source_id), archived=archived)
        except DiscoveryError as exc:
            items, error = archived, str(exc)
    for item in items:
        rows.append(
            {
                "dt": day,
                "source_id": item.source_id,
                "url": item.url,
                "canonical_url": item.canonical_url,
                "title": item.title,
                "published_at": item.published_at,
                "date_source": item.date_source,
                "local_path": item.local_path,
            }
        )
    path = storage.write_parquet(schema.table_from_rows(rows, schema.DISCOVERED), out_dir / f"{source_id}.parquet")
    error_path = out_dir / f"{source_id}.error.json"
    if error:
        error_path.write_text(json.dumps({"source_id": source_id, "url": source.url or source.path, "error": error}))
    else:
        error_path.unlink(missing_ok=True)
    return {"day": day.isoformat(), "source_id": source_id, "path": str(path), "discovered": len(rows), "error": error}


def _raw_rows(raw_path: Path, with_body: bool = True) -> list[dict[str, Any]]:
    """Rows of a source's raw partition file (none if it does not exist)."""
    if not raw_path.exists():
        return []
    columns = None if with_body else [f.name for f in schema.RAW if f.name != "body"]
    return pq.read_table(raw_path, columns=columns).to_pylist()


def fetch_source(
    settings: Settings, config: Config, day: dt.date, source_id: str, force: bool = False, show: bool | None = None
) -> dict[str, Any]:
    """Fetch (or read) every discovered item of one source into the bronze ``raw`` partition.

    Items already archived with a body for this day are not fetched again unless ``force``.
    Raises SourceFailed after writing when the source's discovery failed, so the failure shows.
    """
    day = storage.parse_day(day)
    disc_dir = _staging(settings, "discovered", day)
    disc_path = disc_dir / f"{source_id}.parquet"
    if not disc_path.exists():
        discover_source(settings, config, day, source_id)
    discovered = pq.read_table(disc_path).to_pylist()
    raw_path = storage.partition_dir(settings.data_dir, "raw", day) / f"{source_id}.parquet"
    previous = {
        row["url"]: row for row in _raw_rows(raw_path) if row["body"] is not None and row["error_class"] is None
    }
    archived = {} if force else previous
    # A forced refetch asks conditionally: a 304 keeps the archived body (recorded with status 304).
    validators = {url: Validators.from_headers(json.loads(row["headers"] or "{}")) for url, row in previous.items()}
    rows: list[dict[str, Any]] = []
    remote = [d for d in discovered if not d["local_path"] and d["url"] not in archived]
    results = {}
    if remote:
        with Fetcher(config.fetch) as fetcher:
            fetched = fetcher.get_many((d["url"] for d in remote), validators=validators if force else None)
            for item, result in zip(remote, progress(fetched, len(remote), f"fetch {source_id}", show), strict=True):
                results[item["url"]] = result
    for item in discovered:
        base = {
            "dt": day,
            "source_id": source_id,
            "url": item["url"],
            "canonical_url": item["canonical_url"],
            "feed_title": item["title"],
            "feed_published_at": item["published_at"],
            "feed_date_source": item["date_source"],
        }
        if item["url"] in archived:
            old = archived[item["url"]]
            rows.append({**old, **base})
        elif item["local_path"]:
            read_at = dt.datetime.now(dt.UTC)  # records when it was read; the partition comes from `day`
            try:
                status, ctype, body = read_local(item["local_path"], item["url"], config.fetch.max_bytes)
                rows.append(
                    {
                        **base,
                        "final_url": item["url"],
                        "fetched_at": read_at,
                        "status": status,
                        "content_type": ctype,
                        "headers": "{}",
                        "body": body,
                        "content_hash": hashlib.sha256(body).hexdigest(),
                        "attempts": 1,
                    }
                )
            except (OSError, FetchError) as exc:
                rows.append(
                    {
                        **base,
                        "fetched_at": read_at,
                        "attempts": 1,
                        "error_class": getattr(exc, "error_class", type(exc).__name__),
                        "error_message": str(exc),
                    }
                )
        elif results[item["url"]].not_modified and item["url"] in previous:
            r = results[item["url"]]
            rows.append(
                {
                    **previous[item["url"]],
                    **base,
                    "fetched_at": _ts(r.fetched_at),
                    "status": 304,
                    "attempts": r.attempts,
                }
            )
        else:
            r = results[item["url"]]
            rows.append(
                {
                    **base,
                    "final_url": r.final_url,
                    "fetched_at": _ts(r.fetched_at),
                    "status": r.status,
                    "content_type": r.headers.get("content-type"),
                    "headers": r.headers_json(),
                    "body": r.body,
                    "content_hash": r.content_hash,
                    "attempts": r.attempts,
                    "error_class": r.error_class,
                    "error_message": r.error_message,
                }
            )
    storage.write_parquet(schema.table_from_rows(rows, schema.RAW), raw_path)
    ok = sum(1 for r in rows if r.get("body") is not None and not r.get("error_class"))
    error_file = disc_dir / f"{source_id}.error.json"
    summary = {
        "source_id": source_id,
        "path": str(raw_path),
        "discovered": len(discovered),
        "fetched": ok,
        "failed": len(rows) - ok,
        "reused": len(archived),
    }
    if error_file.exists():
        raise SourceFailed(f"source {source_id}: {json.loads(error_file.read_text())['error']}")
    return summary


def _extract_row(args: tuple[dict[str, Any], dt.datetime | None]) -> tuple[dict[str, Any] | None, str | None]:
    """Worker: extract one raw row; returns (fields, None) or (None, error message)."""
    row, now = args
    hints = []
    if row.get("feed_published_at") is not None:
        hints.append((row["feed_published_at"], row.get("feed_date_source") or "feed"))
    try:
        fields = extract_document(
            row["body"],
            url=row.get("final_url") or row["url"],
            hints=hints,
            fetched_at=row.get("fetched_at"),
            now=now,
            content_type=row.get("content_type"),
        )
    except Exception as exc:  # noqa: BLE001 - a broken page is recorded, never fatal
        return None, f"{type(exc).__name__}: {exc}"
    return fields, None


def _reject_reason(row: dict[str, Any]) -> str:
    """Short, groupable reason for a failed fetch: http_404, toolarge, blockedaddress, …"""
    if row["error_class"] == "HTTPStatus" and row["status"]:
        return f"http_{row['status']}"
    return (row["error_class"] or "no_body").lower()


def _workers() -> int:
    """Extraction processes: WIREDESK_WORKERS, else one per core."""
    return int(os.environ.get("WIREDESK_WORKERS") or os.cpu_count() or 1)


def extract_day(settings: Settings, config: Config, day: dt.date, show: bool | None = None) -> dict[str, Any]:
    """Extract and clean every archived page of the day; failures become rejects."""
    day = storage.parse_day(day)
    raw_dir = storage.partition_dir(settings.data_dir, "raw", day)
    raw_rows: list[dict[str, Any]] = []
    for path in sorted(raw_dir.glob("*.parquet")) if raw_dir.exists() else []:
        raw_rows.extend(pq.read_table(path).to_pylist())
    raw_rows.sort(key=lambda r: (r["source_id"], r["url"]))
    rejects: list[dict[str, Any]] = []
    disc_dir = _staging(settings, "discovered", day)
    wanted = {s.id for s in config.enabled_sources}
    for err in sorted(disc_dir.glob("*.error.json")) if disc_dir.exists() else []:
        info = json.loads(err.read_text())
        if info["source_id"] not in wanted:
            continue  # an earlier run's, for a source no longer in the configuration
        rejects.append(
            {
                "dt": day,
                "source_id": info["source_id"],
                "url": info["url"],
                "stage": "discover",
                "reason": "discovery_failed",
                "detail": info["error"],
            }
        )
    todo = []
    for row in raw_rows:
        if row["body"] is None or row["error_class"]:
            rejects.append(
                {
                    "dt": day,
                    "source_id": row["source_id"],
                    "url": row["url"],
                    "stage": "fetch",
                    "reason": _reject_reason(row),
                    "detail": row["error_message"],
                }
            )
        else:
            todo.append(row)
    # One article per page: of the fetched addresses that reach one page (a feed's "?utm_source=feed",
    # another source's clean link, an old address that redirects to it) the cleanest is the article —
    # the page's own address, then the canonical spelling, then the shortest — then the first source by
    # id; the others become duplicate_url rejects.
    def landing(r: dict[str, Any]) -> str:
        return url_key(r["final_url"] or r["url"])

    todo.sort(key=lambda r: (landing(r), url_key(r["canonical_url"] or r["url"]) != landing(r),
                             r["canonical_url"] or r["url"], r["url"] != r["canonical_url"], len(r["url"]),
                             r["source_id"], r["url"]))
    # The run's clock for the "future" flag is the end of its day: deterministic for re-runs.
    now = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    workers = min(_workers(), max(1, len(todo) // 8))
    jobs = [(r, now) for r in todo]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outputs = list(progress(pool.map(_extract_row, jobs, chunksize=8), len(jobs), "extract", show))
    else:
        outputs = list(progress(map(_extract_row, jobs), len(jobs), "extract", show))
    articles: dict[str, dict[str, Any]] = {}
    landed: dict[str, str] = {}  # the page each article's address reached → the article
    for row, (fields, error) in zip(todo, outputs, strict=True):
        reject = {"dt": day, "source_id": row["source_id"], "url": row["url"], "stage": "extract"}
        if error is not None or fields is None:
            rejects.append({**reject, "reason": "extract_error", "detail": error})
            continue
        if fields.pop("page_kind", "article") == "listing":
            rejects.append({**reject, "reason": "not_article",
                            "detail": "a list of linked headlines (a section front or tag page), not a story"})
            continue
        if is_error_page(fields["title"], fields["text"]):
            rejects.append({**reject, "reason": "error_page",
                            "detail": f"served as a page but says it is missing: {fields['title']!r}"})
            continue
        if fields["word_count"] < 20:
            rejects.append({**reject, "reason": "too_short", "detail": f"{fields['word_count']} words after cleaning"})
            continue
        aid = article_id_for(row["canonical_url"] or row["url"])
        same = aid if aid in articles else landed.get(landing(row))
        if same is not None:
            rejects.append({**reject, "reason": "duplicate_url", "detail": f"same article as {same}"})
            continue
        landed[landing(row)] = aid
        fields.update(
            article_id=aid,
            dt=day,
            source_id=row["source_id"],
            url=row["url"],
            published_at=_parse_iso(fields["published_at"]),
            modified_at=_parse_iso(fields["modified_at"]),
            fetched_at=row["fetched_at"],
        )
        articles[aid] = fields
    out_dir = _staging(settings, "extracted", day)
    table = schema.table_from_rows([articles[k] for k in sorted(articles)], schema.EXTRACTED)
    storage.write_parquet(table, out_dir / "articles.parquet")
    storage.write_parquet(schema.table_from_rows(rejects, schema.REJECTS), out_dir / "rejects.parquet")
    return {"path": str(out_dir), "articles": len(articles), "rejects": len(rejects), "pages": len(raw_rows)}


def _parse_iso(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _dedup_doc(row: dict[str, Any]) -> Any:
    from wiredesk import dedup

    return dedup.DedupDoc(
        article_id=row["article_id"],
        day=row["dt"],
        text=row["text"] or "",
        title=row["title"],
        lead=row["lead"],
        url=row["url"],
        published_at=row["published_at"],
        dateline=dedup.printed_dateline(row.get("removed"), row["dateline"]),
    )


def _dedup_one(settings: Settings, config: Config, day: dt.date) -> dict[str, Any]:
    """Assign one day against its stored window, writing the index and the staged assignments."""
    from wiredesk import dedup

    extracted = pq.read_table(_staging(settings, "extracted", day) / "articles.parquet").to_pylist()
    assignments = dedup.dedup_day(
        settings.data_dir,
        day,
        [_dedup_doc(r) for r in extracted],
        window_days=config.dedup.window_days,
        story_window_days=config.dedup.story_window_days,
    )
    rows = [
        {
            "article_id": a.article_id,
            "dt": day,
            "copy_cluster_id": a.copy_cluster_id,
            "canonical_article_id": a.canonical_article_id,
            "is_canonical": a.is_canonical,
            "dedup_method": a.method,
            "similarity": a.similarity,
            "story_id": a.story_id,
            "linked_article_id": a.linked_article_id,
        }
        for a in assignments
    ]
    out = _staging(settings, "dedup", day) / "assignments.parquet"
    table = schema.table_from_rows(rows, schema.ASSIGNMENTS.append(pa.field("linked_article_id", pa.string())))
    storage.write_parquet(table, out)
    return {
        "path": str(out),
        "articles": len(rows),
        "copy_clusters": len({r["copy_cluster_id"] for r in rows}),
        "stories": len({r["story_id"] for r in rows}),
    }


def dedup_day(settings: Settings, config: Config, day: dt.date | str) -> dict[str, Any]:
    """Assign copy clusters, canonical copies and story ids against a window of earlier days.

    Later days already processed whose window includes ``day`` are assigned again, oldest first
    (``restated_days``): that is what makes a backfill in any order end with the same ids as daily runs.
    """
    from wiredesk import dedup

    day = storage.parse_day(day)
    info = _dedup_one(settings, config, day)
    restated = []
    for later in dedup.stale_days(settings.data_dir, day, config.dedup.window_days):
        if (_staging(settings, "extracted", later) / "articles.parquet").exists():
            _dedup_one(settings, config, later)
            restated.append(later.isoformat())
    info["restated_days"] = restated
    return info


def write_day(settings: Settings, day: dt.date | str, restated: Sequence[str] = ()) -> dict[str, Any]:
    """Publish the day (and days dedup restated) to the lake, each partition replaced whole."""
    info = _write_one(settings, storage.parse_day(day))
    for later in restated:
        _write_one(settings, storage.parse_day(later))
    info["restated_days"] = list(restated)
    return info


def _write_one(settings: Settings, day: dt.date) -> dict[str, Any]:
    """Write one day's articles, copy_links and rejects partitions."""
    ext_dir = _staging(settings, "extracted", day)
    extracted = pq.read_table(ext_dir / "articles.parquet").to_pylist()
    rejects = pq.read_table(ext_dir / "rejects.parquet")
    assigned = {
        r["article_id"]: r for r in pq.read_table(_staging(settings, "dedup", day) / "assignments.parquet").to_pylist()
    }
    rows, links = [], []
    for art in extracted:
        a = assigned[art["article_id"]]
        rows.append(
            {
                **art,
                **{
                    k: a[k]
                    for k in (
                        "copy_cluster_id",
                        "canonical_article_id",
                        "is_canonical",
                        "dedup_method",
                        "similarity",
                        "story_id",
                    )
                },
                "schema_version": schema.SCHEMA_VERSION,
            }
        )
        if not a["is_canonical"]:
            links.append(
                {
                    "dt": day,
                    "article_id": art["article_id"],
                    "linked_article_id": a["linked_article_id"] or a["canonical_article_id"],
                    "copy_cluster_id": a["copy_cluster_id"],
                    "method": a["dedup_method"],
                    "similarity": a["similarity"],
                }
            )
    paths = {
        **search.write_day(settings.data_dir, day, schema.table_from_rows(rows, schema.ARTICLES)),
        "copy_links": storage.replace_partition(
            settings.data_dir, "copy_links", day, {"part-0.parquet": schema.table_from_rows(links, schema.COPY_LINKS)}
        ),
        "rejects": storage.replace_partition(
            settings.data_dir, "rejects", day, {"part-0.parquet": rejects.cast(schema.REJECTS)}
        ),
    }
    return {
        "paths": {k: str(v) for k, v in paths.items()},
        "articles": len(rows),
        "copy_links": len(links),
        "rejects": rejects.num_rows,
    }


def versions() -> dict[str, str]:
    """Versions that shape the output, recorded with each run."""
    import duckdb
    import trafilatura

    return {
        "wiredesk": __version__,
        "trafilatura": trafilatura.__version__,
        "duckdb": duckdb.__version__,
        "pyarrow": pa.__version__,
        "python": platform.python_version(),
        "schema": str(schema.SCHEMA_VERSION),
    }


def load_day(settings: Settings, day: dt.date | str, restated: Sequence[str] = ()) -> dict[str, Any]:
    """Replace the day (and days dedup restated) in the DuckDB warehouse, one transaction each."""
    counts = warehouse.load_day(settings.duckdb_path, settings.data_dir, storage.parse_day(day))
    for later in restated:
        warehouse.load_day(settings.duckdb_path, settings.data_dir, storage.parse_day(later))
    return {**counts, "restated_days": list(restated)}


def source_counts(settings: Settings, day: dt.date, config: Config | None = None) -> dict[str, Any]:
    """Per-source discovered/archived/failed counts and discovery failures, read from the lake.

    With ``config``, only its enabled sources count: what an earlier run left for a source since removed
    or disabled (its discovery error above all) is not this run's.
    """
    disc_dir = _staging(settings, "discovered", day)
    raw_dir = storage.partition_dir(settings.data_dir, "raw", day)
    sources: dict[str, Any] = {}
    failures = []
    wanted = {s.id for s in config.enabled_sources} if config is not None else None
    for path in sorted(disc_dir.glob("*.parquet")) if disc_dir.exists() else []:
        sid = path.stem
        if wanted is not None and sid not in wanted:
            continue
        info: dict[str, Any] = {"discovered": pq.read_metadata(path).num_rows}
        raw = raw_dir / f"{sid}.parquet"
        if raw.exists():
            t = pq.read_table(raw, columns=["error_class"]).column("error_class").to_pylist()
            info["archived"] = sum(1 for e in t if e is None)
            info["failed"] = len(t) - info["archived"]
        err = disc_dir / f"{sid}.error.json"
        if err.exists():
            info["error"] = json.loads(err.read_text())["error"]
            failures.append(f"{sid}: {info['error']}")
        sources[sid] = info
    return {"sources": sources, "failed_sources": failures}


def check_day(
    settings: Settings,
    config: Config,
    day: dt.date | str,
    run_id: str,
    started_at: dt.datetime | None = None,
    extra: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Run quality checks on the loaded day, record the run, write the day's HTML report (also when a
    check failed: that is when it is read), raise QualityCheckFailed on failure."""
    from wiredesk import report

    day = storage.parse_day(day)
    counts = {**source_counts(settings, day, config), **(extra or {})}
    try:
        return warehouse.check_and_record(
            settings.duckdb_path,
            settings.data_dir,
            config,
            day,
            run_id,
            counts,
            started_at or dt.datetime.now(dt.UTC),
            versions(),
        )
    finally:
        report.write_report(settings, day)


def plan_day(config: Config, data_interval_start: dt.datetime | str | None) -> dict[str, Any]:
    """The partition a scheduled run covers: the UTC date of its data interval's start."""
    if data_interval_start is None:
        raise ValueError("a run needs a data interval to know its day")
    if isinstance(data_interval_start, str):
        data_interval_start = dt.datetime.fromisoformat(data_interval_start)
    day = data_interval_start.astimezone(dt.UTC).date()
    return {"day": day.isoformat(), "sources": [s.id for s in config.enabled_sources]}


def run_day(
    day: str | dt.date,
    settings: Settings | None = None,
    config: Config | None = None,
    run_id: str | None = None,
    force: bool = False,
    show: bool | None = None,
) -> dict[str, Any]:
    """Run the whole pipeline for one day, the same stages the DAG runs; raises when a check fails."""
    day = storage.parse_day(day)
    settings = settings or Settings.from_env()
    config = config or load_config(settings.config_path)
    run_id = run_id or f"cli__{day.isoformat()}__{uuid.uuid4().hex[:8]}"
    started = dt.datetime.now(dt.UTC)  # the run record's start time, not the day it covers
    t0 = time.monotonic()
    counts: dict[str, Any] = {}
    for source in config.enabled_sources:
        discover_source(settings, config, day, source.id)
        try:
            fetch_source(settings, config, day, source.id, force=force, show=show)
        except SourceFailed:
            pass  # recorded as a reject and reported by the sources_ok check below
    counts["extract"] = extract_day(settings, config, day, show=show)
    counts["dedup"] = dedup_day(settings, config, day)
    restated = counts["dedup"]["restated_days"]
    counts["write"] = write_day(settings, day, restated)
    counts["load"] = load_day(settings, day, restated)
    counts["seconds"] = round(time.monotonic() - t0, 3)
    checks = check_day(settings, config, day, run_id, started, counts)
    counts.update(source_counts(settings, day, config))
    return {"day": day.isoformat(), "run_id": run_id, "counts": counts, "checks": checks}
