"""Keyword search that never scans article texts: a per-day token index built with the day's lake files.

``article_tokens`` holds one row per (day, token) with the ``article_no`` (row position in the day's
articles partition) of every article whose title, standfirst or text contains the token, once per
occurrence. The tokenizer is the SQL macro ``search_normalize`` in include/sql/tokenizer.sql (lower case,
accents stripped, punctuation to spaces, tokens of two or more characters, English function words such as
"the" or "of" left out), used both to build the index and to split a query, so the two always agree. Query
it with ``SELECT * FROM search('qaryatain')`` (all words must occur; function words are ignored).

Where the index is built: when the day's articles are written to the lake (:func:`write_day_tokens`,
``article_tokens/dt=D/part-0.parquet``), not inside the warehouse load. Tokenizing a day is the costly
part (2.5 s per 100k articles on one core of this machine); done at write time it runs outside the
warehouse's writer lock, and the load only appends the postings. The file records the tokenizer version
and a fingerprint of the articles it indexes (their ids in partition order); a load whose lake tokens do
not match the articles it just loaded (an older lake, a partition rewritten by hand) rebuilds the day's
index in the warehouse instead, so search never points at the wrong rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from wiredesk import schema, storage
from wiredesk.settings import SQL_DIR

_log = logging.getLogger(__name__)

DATASET = "article_tokens"
TOKENIZER_SQL = SQL_DIR / "tokenizer.sql"
TOKENIZER_VERSION = hashlib.blake2b(TOKENIZER_SQL.read_bytes(), digest_size=8).hexdigest()
_META_VERSION = b"wiredesk.tokenizer_version"
_META_FINGERPRINT = b"wiredesk.articles_fingerprint"
_META_ARTICLES = b"wiredesk.articles"

# One pass, and an article is listed once per occurrence: the repeats are the term frequency that
# search() ranks by, and de-duplicating the (token, article) pairs doubled the build time for an index
# only 1.1 times smaller once stop words are left out (bench/warehouse_bench.py: 18.7 M → 16.7 M
# postings per 100k articles). Lists are sorted so a day's file is byte-for-byte the same on every run.
_POSTINGS = (
    "SELECT ?::DATE AS dt, token, list(article_no ORDER BY article_no)::INTEGER[] AS article_nos FROM ("
    "  SELECT article_no, unnest(string_split(search_normalize(concat_ws(' ', title, standfirst, text)), ' '))"
    "    AS token FROM {source}"
    ") WHERE strlen(token) >= 2 AND token NOT IN (SELECT unnest(search_stop_words()))"
    " GROUP BY token ORDER BY token"
)
# Which articles, in which positions, an index was built for (DuckDB's hash; compared, never stored
# across DuckDB versions: a different hash only costs a rebuild).
_FINGERPRINT = "SELECT count(*), bit_xor(hash(article_id, article_no::INTEGER)) FROM {source}"


def define_tokenizer(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tokenizer macros on ``con``."""
    con.execute(TOKENIZER_SQL.read_text(encoding="utf-8"))


def build_tokens(articles: pa.Table, day: dt.date) -> pa.Table:
    """The day's postings for ``articles`` (the partition's rows in order), with their fingerprint."""
    nos = pa.array(range(articles.num_rows), type=pa.int32())
    src = articles.select(["article_id", "title", "standfirst", "text"]).append_column("article_no", nos)
    with duckdb.connect() as con:
        define_tokenizer(con)
        con.register("day_articles", src)
        tokens = con.sql(_POSTINGS.format(source="day_articles"), params=[day]).to_arrow_table()
        n, fingerprint = con.execute(_FINGERPRINT.format(source="day_articles")).fetchone() or (0, None)
    meta = {
        _META_VERSION: TOKENIZER_VERSION.encode(),
        _META_FINGERPRINT: str(fingerprint).encode(),
        _META_ARTICLES: str(n).encode(),
    }
    return tokens.cast(schema.ARTICLE_TOKENS).replace_schema_metadata(meta)


def write_day_tokens(data_dir: Path, day: dt.date, articles: pa.Table) -> Path:
    """Replace the lake's token partition of ``day`` by the postings of ``articles`` (written just before)."""
    return storage.replace_partition(data_dir, DATASET, day, {"part-0.parquet": build_tokens(articles, day)})


def write_day(data_dir: Path, day: dt.date, articles: pa.Table) -> dict[str, Path]:
    """Write the day's articles partition and then its token index (the way every writer must)."""
    return {
        "articles": storage.replace_partition(data_dir, "articles", day, {"part-0.parquet": articles}),
        DATASET: write_day_tokens(data_dir, day, articles),
    }


def _lake_file(data_dir: Path, day: dt.date) -> Path:
    return storage.partition_dir(data_dir, DATASET, day) / "part-0.parquet"


def load_day(con: duckdb.DuckDBPyConnection, data_dir: Path, day: dt.date) -> dict[str, Any]:
    """Replace ``day`` in ``article_tokens`` (inside the caller's transaction, after the articles).

    Appends the lake's postings when they were built by this tokenizer for exactly the articles now
    loaded; otherwise rebuilds them from the loaded texts (:func:`index_day`) and says why.
    """
    path = _lake_file(data_dir, day)
    why = "no token partition in the lake"
    if path.exists():
        footer = pq.read_metadata(path)  # one read of the file's footer: its key-value metadata and row count
        meta = footer.metadata or {}
        row = con.execute(_FINGERPRINT.format(source="articles WHERE dt = ?"), [day]).fetchone() or (0, None)
        if meta.get(_META_VERSION) != TOKENIZER_VERSION.encode():
            why = "the lake tokens were built by another tokenizer"
        elif meta.get(_META_ARTICLES) != str(row[0]).encode() or meta.get(_META_FINGERPRINT) != str(row[1]).encode():
            why = "the lake tokens index other articles than the partition loaded"
        else:
            con.execute("DELETE FROM article_tokens WHERE dt = ?", [day])
            con.execute("INSERT INTO article_tokens SELECT dt, token, article_nos FROM read_parquet(?)", [str(path)])
            return {"tokens": int(footer.num_rows), "tokens_from": "lake"}
    if row_count(con, day):
        _log.warning("keyword index of %s rebuilt in the warehouse: %s", day.isoformat(), why)
    return {"tokens": index_day(con, day), "tokens_from": "warehouse"}


def row_count(con: duckdb.DuckDBPyConnection, day: dt.date) -> int:
    """Articles of ``day`` in the warehouse."""
    row = con.execute("SELECT count(*) FROM articles WHERE dt = ?", [day]).fetchone()
    return int(row[0]) if row else 0


def index_day(con: duckdb.DuckDBPyConnection, day: dt.date) -> int:
    """Rebuild the token index of ``day`` from its loaded articles (inside the caller's transaction)."""
    con.execute("DELETE FROM article_tokens WHERE dt = ?", [day])
    con.execute(
        "INSERT INTO article_tokens " + _POSTINGS.format(source="articles WHERE dt = ?"),
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
