"""Keyword search that never scans article texts: a per-day token index kept by the load.

``article_tokens`` holds one row per (day, token) with the ``article_no`` of every article of that day
whose title, standfirst or text contains the token, once per occurrence. The tokenizer is the SQL macro
``search_normalize`` in include/sql/views.sql (lower case, accents stripped, punctuation to spaces,
tokens of two or more characters), used both to build the index and to split a query, so the two
always agree. Query it with ``SELECT * FROM search('qaryatain')`` (all words must occur).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb


def index_day(con: duckdb.DuckDBPyConnection, day: dt.date) -> int:
    """Rebuild the token index of ``day`` from its loaded articles (inside the caller's transaction)."""
    con.execute("DELETE FROM article_tokens WHERE dt = ?", [day])
    # One pass, and an article is listed once per occurrence: de-duplicating the (token, article)
    # pairs doubled the build time (bench/warehouse_bench.py) for an index about 1.6 times smaller,
    # and the repeats are the term frequency that search() ranks by.
    con.execute(
        "INSERT INTO article_tokens SELECT ?::DATE, token, list(article_no) FROM ("
        "  SELECT article_no, unnest(string_split(search_normalize(concat_ws(' ', title, standfirst, text)), ' '))"
        "    AS token FROM articles WHERE dt = ?"
        ") WHERE strlen(token) >= 2 GROUP BY token ORDER BY token",
        [day, day],
    )
    row = con.execute("SELECT count(*) FROM article_tokens WHERE dt = ?", [day]).fetchone()
    return int(row[0]) if row else 0


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 100) -> list[dict[str, Any]]:
    """Articles containing every word of ``query``: most occurrences first, then earliest."""
    cur = con.execute(
        "SELECT * EXCLUDE (text, removed) FROM search(?) "
        "ORDER BY matches DESC, published_at NULLS LAST, article_id LIMIT ?",
        [query, limit],
    )
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def terms(con: duckdb.DuckDBPyConnection, query: str) -> list[str]:
    """The index tokens a query is split into (what ``search`` looks up)."""
    row = con.execute("SELECT search_terms(?)", [query]).fetchone()
    return list(row[0]) if row and row[0] else []
