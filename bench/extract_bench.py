"""Extraction + cleaning benchmark: pages/s per core and on 2 workers, peak memory, where time goes,
and how cost grows with page size. Quality on the dev set is printed next to it (speed must not
cost quality)."""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "include"), str(ROOT / "tests/quality")]

from evaluate import devset_cases, evaluate, sample_site_cases, wiredesk_extract  # noqa: E402
from wiredesk.extract import extract_document  # noqa: E402

# Page chrome of a typical news site, written for this benchmark: menus, most-read lists, footers.
_NAV = "".join(f'<li><a href="/section/{i}">Section {i} news and analysis</a></li>' for i in range(60))
_SIDEBAR = "".join(
    f'<li class="most-read"><a href="/story/{i}">Most read story number {i} about the day\'s events</a>'
    f"<span>{i} comments</span></li>" for i in range(40)
)
_FOOTER = "".join(f'<p class="footer-links"><a href="/about/{i}">About us {i}</a> | Terms | Privacy</p>'
                  for i in range(30))
_SCRIPTS = "<script>" + "var tracking = {id: 1, tags: ['a','b','c']};" * 200 + "</script>"


def padded(html: bytes, factor: int) -> bytes:
    """The page with ``factor`` copies of realistic chrome around its body (real pages are 50-300 KB)."""
    chrome = (f"<nav><ul>{_NAV}</ul></nav><aside><ul>{_SIDEBAR}</ul></aside>" * factor).encode()
    foot = (f"<footer>{_FOOTER}</footer>{_SCRIPTS}" * factor).encode()
    html = html.replace(b"<body>", b"<body>" + chrome, 1) if b"<body>" in html else chrome + html
    return html.replace(b"</body>", foot + b"</body>", 1) if b"</body>" in html else html + foot


def _work(args: tuple[bytes, str | None]) -> int:
    return extract_document(args[0], url=args[1])["word_count"]


def rate(jobs: list[tuple[bytes, str | None]], workers: int) -> float:
    """Pages per second over ``jobs`` with ``workers`` processes (1 = in-process)."""
    start = time.perf_counter()
    if workers == 1:
        for job in jobs:
            _work(job)
    else:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_work, jobs, chunksize=16))
    return len(jobs) / (time.perf_counter() - start)


def main() -> None:
    """Run and print the report."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    args = ap.parse_args()
    cases = devset_cases() + sample_site_cases()
    base = [(padded(c.html, 1), c.url) for c in cases]
    jobs = (base * (args.pages // len(base) + 1))[: args.pages]
    avg_kb = sum(len(h) for h, _ in jobs) / len(jobs) / 1024
    for job in base:
        _work(job)  # warm caches (rules, regexes)
    one = rate(jobs, 1)
    two = rate(jobs, 2)
    print(f"pages: {len(jobs)}, mean size {avg_kb:.0f} KB, cores: {os.cpu_count()}")
    print(f"extract+clean, all fields: {one:.0f} pages/s on 1 core; {two:.0f} pages/s on 2 workers")
    print("cost vs page size (1 core):")
    for factor in (0, 1, 4, 16):
        sized = [(padded(c.html, factor) if factor else c.html, c.url) for c in cases] * 3
        kb = sum(len(h) for h, _ in sized) / len(sized) / 1024
        r = rate(sized, 1)
        print(f"  {kb:7.0f} KB/page  {r:7.0f} pages/s  {r * kb / 1024:6.1f} MB/s")
    prof = cProfile.Profile()
    prof.enable()
    for job in jobs[:300]:
        _work(job)
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt  # type: ignore[attr-defined]
    buckets = {"trafilatura.bare_extraction": "bare_extraction", "load_html": "load_html (parse)",
               "clean_document": "clean_document (wiredesk rules)", "_page_attribution": "page attribution",
               "_stated_standfirsts": "standfirst scan", "_visible_bylines": "byline scan"}
    print("where the time goes (share of extraction time):")
    for func, (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        for key, label in buckets.items():
            if func[2] == key.split(".")[-1]:
                print(f"  {label:<34} {ct / total:6.1%}")
    score = evaluate(devset_cases(), wiredesk_extract)
    print(f"dev-set quality at this speed: {score.summary()}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
