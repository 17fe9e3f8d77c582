"""Fetch benchmark: 2,000 pages from a local server, with politeness relaxed for the loopback host.

Prints pages/s, CPU seconds per page and the peak RSS of the fetching process. The server runs in a
child process (a small asyncio HTTP/1.1 server written for this benchmark) so its CPU is not counted.
Every byte stays on 127.0.0.1; the run is bounded by the page count and a timeout.

    python bench/fetch_bench.py [--pages 2000] [--size 30000] [--concurrency 8] [--pipeline] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import gzip
import multiprocessing as mp
import os
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "include")]

from wiredesk.config import FetchConfig  # noqa: E402
from wiredesk.fetch import Fetcher  # noqa: E402

TARGET_PAGES_PER_S = 500


def _page(n: int, size: int) -> bytes:
    """A news-like HTML page of about ``size`` bytes, different for every ``n``."""
    para = (
        f"<p>Story {n}: officials said on Tuesday that the regional transport plan would be phased in over "
        f"two years, starting with the busiest commuter lines and the night buses serving the suburbs.</p>"
    )
    body = para * max(1, size // len(para))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Story {n}</title></head>"
        f"<body><article><h1>Story {n}</h1>{body}</article></body></html>"
    ).encode()


def _serve(port_queue: mp.Queue, size: int, compress: bool) -> None:
    """Child process: answer GETs on 127.0.0.1 with keep-alive until killed."""

    cache: dict[bytes, bytes] = {}

    def response(path: bytes) -> bytes:
        if path in cache:
            return cache[path]
        if path == b"/robots.txt":
            body, ctype, extra = b"User-agent: *\nAllow: /\n", b"text/plain", b""
        else:
            n = int(path.rsplit(b"/", 1)[-1].split(b".")[0] or 0)
            body, ctype, extra = _page(n, size), b"text/html; charset=utf-8", b""
            if compress:
                body, extra = gzip.compress(body, 6), b"Content-Encoding: gzip\r\n"
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: "
            + ctype
            + b"\r\nContent-Length: "
            + str(len(body)).encode()
            + b"\r\n"
            + extra
            + b'ETag: "'
            + str(len(body)).encode()
            + b'"\r\n\r\n'
        )
        cache[path] = head + body
        return cache[path]

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1]
                writer.write(response(path))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=512)
        port_queue.put(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def _config(concurrency: int) -> FetchConfig:
    # Politeness relaxed for the loopback host only: no delay, as many connections as threads.
    return FetchConfig(
        allowed_networks=("127.0.0.0/8",),
        per_host_delay=0.0,
        per_host_concurrency=concurrency,
        concurrency=concurrency,
        retries=0,
        read_timeout=10.0,
        total_timeout=30.0,
    )


def _fetch_direct(urls: list[str], concurrency: int) -> int:
    with Fetcher(_config(concurrency)) as fetcher:
        return sum(1 for r in fetcher.get_many(urls) if r.ok)


def _fetch_pipeline(urls: list[str], concurrency: int) -> int:
    """The same pages through discover_source + fetch_source (bronze Parquet written)."""
    import yaml

    from wiredesk import pipeline
    from wiredesk.config import load_config
    from wiredesk.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        day = dt.date(2024, 3, 5)
        (Path(tmp) / f"{day}.txt").write_text("\n".join(urls))
        fetch = {k: v for k, v in vars(_config(concurrency)).items() if k != "allowed_networks"}
        cfg = {
            "sources": [{"id": "bench", "kind": "urls", "path": str(Path(tmp) / "{day}.txt")}],
            "fetch": {**fetch, "allowed_networks": ["127.0.0.0/8"]},
        }
        (Path(tmp) / "s.yaml").write_text(yaml.safe_dump(cfg))
        settings = Settings(Path(tmp) / "data", Path(tmp) / "data" / "w.duckdb", Path(tmp) / "s.yaml")
        config = load_config(settings.config_path)
        pipeline.discover_source(settings, config, day, "bench")
        return pipeline.fetch_source(settings, config, day, "bench", show=False)["fetched"]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 if below the target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--size", type=int, default=30_000, help="approximate page size in bytes")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--gzip", action="store_true", help="serve pages gzip-encoded")
    ap.add_argument("--pipeline", action="store_true", help="go through discover_source + fetch_source")
    ap.add_argument("--profile", action="store_true", help="print the top functions by cumulative time")
    args = ap.parse_args(argv)

    ctx = mp.get_context("spawn")
    ports: mp.Queue = ctx.Queue()
    server = ctx.Process(target=_serve, args=(ports, args.size, args.gzip), daemon=True)
    server.start()
    try:
        port = ports.get(timeout=30)
        urls = [f"http://127.0.0.1:{port}/p/{n}.html" for n in range(args.pages)]
        run = _fetch_pipeline if args.pipeline else _fetch_direct
        if args.pipeline:
            import wiredesk.pipeline  # noqa: F401 - a one-off import cost, not a per-page one
        _fetch_direct(urls[:20], args.concurrency)  # warm-up: imports, first connections
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu0, t0 = time.process_time(), time.perf_counter()
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        ok = run(urls, args.concurrency)
        if profiler:
            profiler.disable()
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    finally:
        server.kill()
        server.join(5)
    rate = args.pages / wall
    mode = "fetch_source (bronze Parquet)" if args.pipeline else "Fetcher.get_many"
    print(
        f"fetch benchmark: {args.pages} pages of ~{args.size // 1000} KB{' gzip' if args.gzip else ''} from "
        f"127.0.0.1 via {mode}, {args.concurrency} threads, {os.cpu_count()} cores"
    )
    print(f"  ok pages        {ok}/{args.pages}")
    print(f"  wall            {wall:.2f} s")
    print(f"  pages/s         {rate:.0f}   (target >= {TARGET_PAGES_PER_S})")
    print(f"  CPU per page    {cpu / args.pages * 1000:.2f} ms  (fetching process: {cpu:.2f} s)")
    print(f"  peak RSS        {peak / 1024:.0f} MB (before the run: {rss_before / 1024:.0f} MB)")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0 if ok == args.pages and rate >= TARGET_PAGES_PER_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
