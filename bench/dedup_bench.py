"""Full-size dedup benchmark: quality, throughput, peak memory, and a day's cost against its history.

    python bench/dedup_bench.py                      # 100k documents, history 1/10/30 days of 20k
    python bench/dedup_bench.py --docs 20000 --history-docs 5000 --history-days 1,5
    python bench/dedup_bench.py --compare-minhash    # also rensa vs datasketch on the same shingles

Throughput and memory are measured in a fresh child process per run, so the peak RSS is the
process's own (it includes the generated input documents, reported separately). The machine is
shared; CPU seconds are printed next to wall seconds because other jobs inflate wall time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_copies  # noqa: E402

from wiredesk import dedup  # noqa: E402

START = dt.date(2031, 3, 14)


def rss_mb() -> float:
    """Current resident set size of this process in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    """Peak resident set size of this process so far in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_throughput(docs: int, seed: int, days: int) -> dict:
    """Generate a set, run assign once, and report time, memory and scores (runs in a child process)."""
    t = time.perf_counter()
    labeled = gen_copies.generate(docs, seed=seed, days=days, one_partition=days == 1)
    gen_s = time.perf_counter() - t
    before = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    assigned = dedup.assign([x.doc for x in labeled])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    scores = gen_copies.score(assigned, labeled)
    return {
        "docs": len(labeled),
        "days": len({x.doc.day for x in labeled}),
        "generate_s": gen_s,
        "input_rss_mb": before,
        "peak_rss_mb": peak_mb(),
        "wall_s": wall,
        "cpu_s": cpu,
        # Dedup's worker processes (forked: their RSS counts the parent's pages they touched, shared).
        "workers_cpu_s": workers.ru_utime + workers.ru_stime,
        "workers_peak_rss_mb": workers.ru_maxrss / 1024,
        "clusters": len({a.copy_cluster_id for a in assigned}),
        "stories": len({a.story_id for a in assigned}),
        "scores": scores,
    }


def run_child(args: list[str]) -> dict:
    """Run this script in a fresh interpreter and return its JSON line."""
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _day_docs(day_no: int, n: int, seed: int, recent: list[list[dedup.DedupDoc]]) -> list[dedup.DedupDoc]:
    """One history day: fresh stories plus about 5% late copies of the three previous days' articles."""
    day = START + dt.timedelta(days=day_no)
    fresh = gen_copies.generate(
        n, seed=seed * 1000 + day_no, start=day, one_partition=True, with_corpus=False
    )
    docs = [
        dedup.DedupDoc(
            f"h{day_no:02d}-{x.doc.article_id}",
            day,
            x.doc.text,
            x.doc.title,
            x.doc.lead,
            x.doc.url,
            x.doc.published_at,
        )
        for x in fresh
    ]
    rng = random.Random(day_no)
    pool = [d for earlier in recent for d in earlier]
    for k, old in enumerate(rng.sample(pool, min(len(pool), n // 20))):
        paras = old.text.split("\n\n")
        keep = paras[: max(1, round(len(paras) * rng.choice([0.4, 0.7, 1.0])))]
        docs.append(
            dedup.DedupDoc(
                f"h{day_no:02d}-late{k:05d}",
                day,
                "\n\n".join(keep),
                old.title,
                url=f"https://late{k}.example/{day_no}",
                published_at=old.published_at,
            )
        )
    return docs


def child_history(history_docs: int, windows: list[int], seed: int) -> dict:
    """Build an index of max(windows) days, then time one more day against each window (child process)."""
    span = max(windows)
    data_dir = Path(tempfile.mkdtemp(prefix="dedup-bench-"))
    recent: list[list[dedup.DedupDoc]] = []
    build = time.perf_counter()
    for day_no in range(span):
        docs = _day_docs(day_no, history_docs, seed, recent)
        # Late copies come from at most three days back, so building with a short window is enough.
        dedup.dedup_day(data_dir, docs[0].day, docs, window_days=3)
        recent = (recent + [docs])[-3:]
    build = time.perf_counter() - build
    today = _day_docs(span, history_docs, seed, recent)
    rows = []
    for window in windows:
        wall, cpu = time.perf_counter(), time.process_time()
        assigned = dedup.dedup_day(data_dir, today[0].day, today, window_days=window)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        late = [a for a in assigned if "-late" in a.article_id]
        joined = sum(1 for a in late if not a.canonical_article_id.startswith(a.article_id.split("-")[0]))
        rows.append(
            {
                "window": window,
                "history_docs": min(window, span) * history_docs,
                "wall_s": wall,
                "cpu_s": cpu,
                "late_copies": len(late),
                "late_joined_history": joined,
            }
        )
    size = sum(p.stat().st_size for p in (data_dir / dedup.DATASET).rglob("*.parquet")) / span / 1e6
    shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "docs_per_day": len(today),
        "build_s": build,
        "index_mb_per_day": size,
        "rows": rows,
        "peak_rss_mb": peak_mb(),
    }


def compare_minhash(n: int, seed: int) -> dict:
    """Sketch the same shingles with rensa (flat buffer) and with datasketch (documented update_batch)."""
    import numpy as np
    from datasketch import MinHash

    texts = [x.doc.text for x in gen_copies.generate(n, seed=seed, one_partition=True)]
    hashes, wdoc = dedup._windows(dedup._collapse([dedup._normalize_bytes(t) for t in texts]), None)
    t = time.perf_counter()
    dedup._signatures(hashes, wdoc, len(texts))
    rensa_s = time.perf_counter() - t
    cuts = np.searchsorted(wdoc, np.arange(len(texts) + 1)).tolist()
    as32 = (hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32).tolist()
    base = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.MINHASH_SEED, hashfunc=int)
    t = time.perf_counter()
    for i in range(len(texts)):
        m = base.copy()
        m.update_batch(as32[cuts[i] : cuts[i + 1]])
    datasketch_s = time.perf_counter() - t
    return {
        "docs": len(texts),
        "rensa_docs_s": len(texts) / rensa_s,
        "datasketch_docs_s": len(texts) / datasketch_s,
    }


def _fmt_scores(s: dict) -> str:
    """One line of copy and story scores."""
    c, cb, st, sb = s["copy_pairwise"], s["copy_bcubed"], s["story_pairwise"], s["story_bcubed"]
    return (
        f"| copy pairwise P / R / F1 | {c['precision']:.4f} / {c['recall']:.4f} / {c['f1']:.4f} |\n"
        f"| copy B-cubed P / R / F1 | {cb['precision']:.4f} / {cb['recall']:.4f} / {cb['f1']:.4f} |\n"
        f"| story pairwise P / R / F1 | {st['precision']:.4f} / {st['recall']:.4f} / {st['f1']:.4f} |\n"
        f"| story B-cubed P / R / F1 | {sb['precision']:.4f} / {sb['recall']:.4f} / {sb['f1']:.4f} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a results table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2031)
    ap.add_argument(
        "--multi-day-docs", type=int, default=20_000, help="size of the 5-day set with late copies"
    )
    ap.add_argument("--history-docs", type=int, default=20_000, help="documents per history day")
    ap.add_argument("--history-days", default="1,10,30")
    ap.add_argument("--skip-history", action="store_true")
    ap.add_argument("--compare-minhash", action="store_true")
    ap.add_argument("--child", choices=("throughput", "history", "minhash"), help=argparse.SUPPRESS)
    ap.add_argument("--days", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    windows = [int(x) for x in args.history_days.split(",")]
    if args.child == "throughput":
        print(json.dumps(child_throughput(args.docs, args.seed, args.days)))
        return 0
    if args.child == "history":
        print(json.dumps(child_history(args.history_docs, windows, args.seed)))
        return 0
    if args.child == "minhash":
        print(json.dumps(compare_minhash(args.docs, args.seed)))
        return 0

    one = run_child(["--child", "throughput", "--docs", str(args.docs), "--seed", str(args.seed)])
    print(f"## One day's partition: {one['docs']:,} documents (seed {args.seed})\n")
    print("| measure | value |\n|---|---|")
    print(
        f"| throughput | {one['docs'] / one['wall_s']:,.0f} docs/s wall ({one['wall_s']:.1f} s), "
        f"CPU {one['cpu_s']:.1f} s in the process + {one['workers_cpu_s']:.1f} s in its workers |"
    )
    print(
        f"| peak RSS (process) | {one['peak_rss_mb']:,.0f} MB, of which input documents "
        f"{one['input_rss_mb']:,.0f} MB; largest worker {one['workers_peak_rss_mb']:,.0f} MB |"
    )
    print(f"| copy clusters / stories | {one['clusters']:,} / {one['stories']:,} |")
    print(_fmt_scores(one["scores"]))
    multi = run_child(
        [
            "--child",
            "throughput",
            "--docs",
            str(args.multi_day_docs),
            "--seed",
            str(args.seed + 1),
            "--days",
            "5",
        ]
    )
    print(
        f"\n## {multi['docs']:,} documents over {multi['days']} day partitions (late copies judged from the "
        "stored signatures)\n"
    )
    print("| measure | value |\n|---|---|")
    print(
        f"| throughput | {multi['docs'] / multi['wall_s']:,.0f} docs/s wall, "
        f"{multi['docs'] / multi['cpu_s']:,.0f} docs/s CPU |"
    )
    print(_fmt_scores(multi["scores"]))
    if not args.skip_history:
        hist = run_child(
            [
                "--child",
                "history",
                "--history-docs",
                str(args.history_docs),
                "--history-days",
                args.history_days,
                "--seed",
                str(args.seed),
            ]
        )
        print(
            f"\n## A day's cost against its history ({hist['docs_per_day']:,} documents a day, "
            f"index {hist['index_mb_per_day']:.1f} MB a day)\n"
        )
        print("| window (days) | history documents | wall s | CPU s | late copies joined to history |")
        print("|---|---|---|---|---|")
        for r in hist["rows"]:
            print(
                f"| {r['window']} | {r['history_docs']:,} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | "
                f"{r['late_joined_history']} of {r['late_copies']} |"
            )
        print(f"\n(history built in {hist['build_s']:.0f} s; peak RSS {hist['peak_rss_mb']:,.0f} MB)")
    if args.compare_minhash:
        mh = run_child(["--child", "minhash", "--docs", "5000", "--seed", str(args.seed)])
        print(f"\n## MinHash libraries on the same shingles ({mh['docs']:,} documents, 128 slots)\n")
        print("| library | docs/s |\n|---|---|")
        print(f"| rensa 0.5.0 (flat buffer) | {mh['rensa_docs_s']:,.0f} |")
        print(f"| datasketch 2.0.0 (update_batch) | {mh['datasketch_docs_s']:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
