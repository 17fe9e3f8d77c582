"""``make bench``: run every benchmark in turn, each in its own process (so peak memory is its own),
and keep their reports under bench-results/. A benchmark that misses its target exits non-zero."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHES = [
    ("fetch", ["bench/fetch_bench.py"]),
    ("extract", ["bench/extract_bench.py", "--pages", "2000"]),
    ("dedup", ["bench/dedup_bench.py"]),
    ("warehouse", ["bench/warehouse_bench.py"]),
]


def main() -> int:
    """Run all benchmarks; print each report and a one-line verdict per benchmark."""
    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    verdicts = []
    only = set(sys.argv[1:])
    for name, cmd in BENCHES:
        if only and name not in only:
            continue
        print(f"\n=== {name}: {' '.join(cmd)}", flush=True)
        start = time.monotonic()
        proc = subprocess.run([sys.executable, *cmd], cwd=ROOT, capture_output=True, text=True)
        report = proc.stdout + (f"\n[stderr]\n{proc.stderr}" if proc.returncode else "")
        (out_dir / f"{name}.txt").write_text(report)
        print(report, flush=True)
        verdicts.append((name, proc.returncode, time.monotonic() - start))
    print("\n=== summary")
    for name, code, secs in verdicts:
        print(f"  {name:<10} {'ok' if code == 0 else f'FAILED (exit {code})':<16} {secs:6.0f} s")
    return 0 if all(code == 0 for _, code, _ in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
