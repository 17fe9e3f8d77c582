"""The ``wiredesk`` command line: a thin layer over the package's functions."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from wiredesk.config import ConfigError, load_config
from wiredesk.settings import Settings
from wiredesk.storage import parse_day


def _day(value: str) -> dt.date:
    try:
        return parse_day(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(getattr(args, "config", None))


def cmd_run(args: argparse.Namespace) -> int:
    """Run the whole pipeline for one day."""
    from wiredesk.pipeline import run_day
    from wiredesk.warehouse import QualityCheckFailed

    settings = _settings(args)
    config = load_config(settings.config_path)
    try:
        result = run_day(args.date, settings, config, force=args.force)
    except QualityCheckFailed as exc:
        print(f"wiredesk run: {exc}", file=sys.stderr)
        return 1
    counts = result["counts"]
    print(
        f"{result['day']}: {counts['write']['articles']} articles, {counts['dedup']['copy_clusters']} copy "
        f"clusters, {counts['write']['rejects']} rejects → {settings.duckdb_path}"
    )
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    """Discover and fetch one day into the raw archive."""
    from wiredesk.pipeline import SourceFailed, discover_source, fetch_source

    settings = _settings(args)
    config = load_config(settings.config_path)
    sources = [config.source(args.source)] if args.source else list(config.enabled_sources)
    status = 0
    for source in sources:
        discover_source(settings, config, args.date, source.id)
        try:
            info = fetch_source(settings, config, args.date, source.id, force=args.force)
            print(
                f"{source.id}: {info['discovered']} discovered, {info['fetched']} archived, "
                f"{info['failed']} failed, {info['reused']} already archived"
            )
        except SourceFailed as exc:
            print(f"{source.id}: FAILED: {exc}", file=sys.stderr)
            status = 1
    return status


def _extract_file(path: str, url: str | None) -> dict[str, Any]:
    """Extract one file; a failure is an object with every contract key null plus ``error``."""
    from wiredesk.extract import OUTPUT_KEYS, extract_document

    try:
        with open(path, "rb") as fh:
            out = extract_document(fh.read(), url=url)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        return {**dict.fromkeys(OUTPUT_KEYS), "input": path, "url": url, "error": f"{type(exc).__name__}: {exc}"}
    out["input"] = path
    return _contract(out)


def _contract(out: dict[str, Any]) -> dict[str, Any]:
    """The ``wiredesk extract`` object: the contract keys, without what only the pipeline reads."""
    from wiredesk.extract import INTERNAL_KEYS

    return {k: v for k, v in out.items() if k not in INTERNAL_KEYS}


def _extract_job(job: tuple[str, str | None]) -> dict[str, Any]:
    return _extract_file(*job)


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract and clean documents: stdin → one JSON object, FILEs → JSON Lines."""
    from wiredesk.extract import extract_document

    if not args.files:
        data = sys.stdin.buffer.read()
        try:
            out = _contract(extract_document(data, url=args.url))
        except ValueError as exc:  # not HTML or text: say so, no traceback
            print(f"wiredesk extract: stdin: {exc}", file=sys.stderr)
            return 1
        if args.format == "text":
            sys.stdout.write(out["text"] + "\n")
        else:
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return 0
    jobs = [(f, args.url) for f in args.files]
    failed = 0
    from wiredesk.progress import progress

    workers = min(os.cpu_count() or 1, len(jobs))
    if workers > 1:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_extract_job, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
    else:
        pool, results = None, map(_extract_job, jobs)
    try:
        for out in progress(results, len(jobs), "extract"):
            if "error" in out:
                failed += 1
                print(f"wiredesk extract: {out['input']}: {out['error']}", file=sys.stderr)
            if args.format == "text":
                sys.stdout.write(out.get("text", "") + "\n")
            else:
                sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    finally:
        if pool is not None:
            pool.shutdown()
    return 1 if failed else 0


def cmd_dedup(args: argparse.Namespace) -> int:
    """Group wire copies in a JSON Lines file into copy clusters and stories (CSV out)."""
    from wiredesk.dedup import dedup_jsonl

    return dedup_jsonl(args.input, args.output, progress=sys.stderr.isatty())


def cmd_sql(args: argparse.Namespace) -> int:
    """Run a read-only query on the warehouse and print it."""
    import duckdb

    from wiredesk.warehouse import connect

    settings = _settings(args)
    with connect(settings.duckdb_path, read_only=True) as con:
        try:
            cur = con.execute(args.query)
            if cur is None:  # an empty query, or comments alone
                print("wiredesk sql: the query has no statement; e.g. wiredesk sql \"SELECT count(*) FROM articles\"",
                      file=sys.stderr)
                return 1
            names = [d[0] for d in cur.description or []]
            rows = cur.fetchall()
        except duckdb.Error as exc:
            hint = ""
            if "read-only" in str(exc):
                hint = (
                    " — the warehouse is read-only here; keep your own tables in your own file with the "
                    "warehouse attached (docs/analyst-workflow.md)"
                )
            print(f"wiredesk sql: {exc}{hint}", file=sys.stderr)
            return 1
    if args.format == "json":
        for row in rows:
            print(json.dumps(dict(zip(names, row, strict=True)), default=str, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(rows)
    else:
        _print_table(names, rows)
    return 0


def _print_table(names: list[str], rows: list[tuple[Any, ...]], width: int = 60) -> None:
    cells = [[_cell(v, width) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    print("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _cell(value: Any, width: int) -> str:
    text = "NULL" if value is None else str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_serve_sample(args: argparse.Namespace) -> int:
    """Serve the bundled sample site on 127.0.0.1 until interrupted."""
    from wiredesk.samplesite import serve

    server, _ = serve(args.port, Path(args.dir) if args.dir else None)
    print(f"sample site on http://127.0.0.1:{server.server_address[1]}/feed.xml (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the demo summary of one day read back from DuckDB."""
    from wiredesk.report import print_summary

    return print_summary(_settings(args), args.date)


def cmd_report(args: argparse.Namespace) -> int:
    """Write a day's self-contained HTML report and print its path."""
    from wiredesk.report import cmd_report as report

    return report(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="wiredesk", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="run the whole pipeline for one day")
    p.add_argument("--date", required=True, type=_day, help="day partition, YYYY-MM-DD")
    p.add_argument("--config", help="sources config (default: $WIREDESK_CONFIG or include/config/sources.yaml)")
    p.add_argument("--force", action="store_true", help="refetch pages already in the raw archive")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("fetch", help="discover and fetch one day into the raw archive")
    p.add_argument("--date", required=True, type=_day)
    p.add_argument("--source", help="only this source id")
    p.add_argument("--config")
    p.add_argument("--force", action="store_true", help="refetch pages already archived")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("extract", help="extract and clean HTML or plain-text documents")
    p.add_argument("--url", help="the document's URL (helps fields and dates)")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument("files", nargs="*", metavar="FILE", help="documents; none means read one from stdin")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("dedup", help="group wire copies of a JSON Lines file (doc_id, text) into clusters")
    p.add_argument("input", metavar="INPUT.jsonl")
    p.add_argument("-o", "--output", metavar="OUTPUT.csv", help="CSV file (default: stdout)")
    p.set_defaults(func=cmd_dedup)

    p = sub.add_parser("sql", help="run a read-only SQL query on the warehouse")
    p.add_argument("query")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--config")
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("report", help="write a day's self-contained HTML report (charts inline, no CDN)")
    p.add_argument("--date", required=True, type=_day, help="day partition, YYYY-MM-DD")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="default: $WIREDESK_DATA_DIR/reports/dt=YYYY-MM-DD/report.html"
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("summary", help="print a day's summary from the warehouse")
    p.add_argument("--date", required=True, type=_day)
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("serve-sample", help="serve the bundled sample site on 127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--dir", help="folder to serve instead of the bundled sample site")
    p.set_defaults(func=cmd_serve_sample)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wiredesk`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"wiredesk: config error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"wiredesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
