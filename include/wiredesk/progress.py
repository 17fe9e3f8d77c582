"""A minimal progress line on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], total: int | None, label: str, enabled: bool | None = None) -> Iterator[T]:
    """Yield ``items`` while drawing ``label  n/total  rate/s`` on a terminal."""
    show = sys.stderr.isatty() if enabled is None else enabled
    start = time.monotonic()
    last = 0.0
    n = 0
    for n, item in enumerate(items, 1):
        yield item
        now = time.monotonic()
        if show and (now - last > 0.1 or n == total):
            last = now
            rate = n / max(now - start, 1e-9)
            of = f"/{total}" if total else ""
            sys.stderr.write(f"\r{label}  {n}{of}  {rate:,.0f}/s ")
            sys.stderr.flush()
    if show and n:
        sys.stderr.write("\n")
