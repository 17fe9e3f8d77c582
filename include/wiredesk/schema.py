"""The one schema source: pyarrow schemas for every lake dataset, and DuckDB DDL derived from them."""

from __future__ import annotations

import pyarrow as pa

# Version of every dataset's layout, written into each article row and the warehouse's
# schema_migrations table. Bump it with a migration step: see docs/schema-migrations.md.
SCHEMA_VERSION = 2

_TS = pa.timestamp("us", tz="UTC")
_REMOVED = pa.list_(pa.struct([("kind", pa.string()), ("text", pa.string())]))

# Everything one extracted article carries before dedup assigns its clusters.
EXTRACTED = pa.schema(
    [
        ("article_id", pa.string()),
        ("dt", pa.date32()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("title", pa.string()),
        ("standfirst", pa.string()),
        ("text", pa.string()),
        ("lead", pa.string()),
        ("publisher", pa.string()),
        ("syndicator", pa.string()),
        ("original_source", pa.string()),
        ("wire_agency", pa.string()),
        ("byline", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("dateline", pa.string()),
        ("published_at", _TS),
        ("published_at_source", pa.string()),
        ("modified_at", _TS),
        ("date_flags", pa.list_(pa.string())),
        ("language", pa.string()),
        ("word_count", pa.int32()),
        ("tags", pa.list_(pa.string())),
        ("image_url", pa.string()),
        ("content_hash", pa.string()),
        ("removed", _REMOVED),
        ("fetched_at", _TS),
    ]
)

# Dedup's verdict per article.
ASSIGNMENTS = pa.schema(
    [
        ("article_id", pa.string()),
        ("dt", pa.date32()),
        ("copy_cluster_id", pa.string()),
        ("canonical_article_id", pa.string()),
        ("is_canonical", pa.bool_()),
        ("dedup_method", pa.string()),
        ("similarity", pa.float64()),
        ("story_id", pa.string()),
    ]
)

ARTICLES = pa.schema(
    list(EXTRACTED)
    + [f for f in ASSIGNMENTS if f.name not in ("article_id", "dt")]
    + [pa.field("schema_version", pa.int16())]
)

# One row per article that joined another article's cluster: why the two were grouped.
COPY_LINKS = pa.schema(
    [
        ("dt", pa.date32()),
        ("article_id", pa.string()),
        ("linked_article_id", pa.string()),
        ("copy_cluster_id", pa.string()),
        ("method", pa.string()),
        ("similarity", pa.float64()),
    ]
)

REJECTS = pa.schema(
    [
        ("dt", pa.date32()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
    ]
)

DISCOVERED = pa.schema(
    [
        ("dt", pa.date32()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("title", pa.string()),
        ("published_at", _TS),
        ("date_source", pa.string()),
        ("local_path", pa.string()),
    ]
)

# Bronze: one row per fetch attempt outcome, raw bytes kept so later stages never refetch.
RAW = pa.schema(
    [
        ("dt", pa.date32()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("final_url", pa.string()),
        ("fetched_at", _TS),
        ("status", pa.int32()),
        ("content_type", pa.string()),
        ("headers", pa.string()),
        ("body", pa.binary()),
        ("content_hash", pa.string()),
        ("attempts", pa.int32()),
        ("error_class", pa.string()),
        ("error_message", pa.string()),
        ("feed_title", pa.string()),
        ("feed_published_at", _TS),
        ("feed_date_source", pa.string()),
    ]
)

RUNS = pa.schema(
    [
        ("run_id", pa.string()),
        ("dt", pa.date32()),
        ("started_at", _TS),
        ("finished_at", _TS),
        ("status", pa.string()),
        ("counts", pa.string()),
        ("checks", pa.string()),
        ("versions", pa.string()),
    ]
)

# Lake datasets the warehouse loads per day, each into the table of the same name.
LOADED_TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "copy_links": COPY_LINKS,
    "rejects": REJECTS,
    "runs": RUNS,
}

# Columns the load adds to a loaded table (derived in the warehouse, not stored in the lake).
LOAD_COLUMNS: dict[str, list[pa.Field]] = {
    # The article's 0-based ordinal within its day (by article_id): the search index's compact key.
    "articles": [pa.field("article_no", pa.int32())],
}

# Per copy cluster, recomputed by the load for every cluster the replaced day touches.
COPY_CLUSTERS = pa.schema(
    [
        ("copy_cluster_id", pa.string()),
        ("canonical_article_id", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("publisher", pa.string()),
        ("wire_agency", pa.string()),
        ("story_id", pa.string()),
        ("first_dt", pa.date32()),
        ("last_dt", pa.date32()),
        ("first_published_at", _TS),
        ("last_published_at", _TS),
        ("first_publisher", pa.string()),
        ("copies", pa.int32()),
        ("outlets", pa.int32()),
        ("publishers", pa.list_(pa.string())),
        ("agencies", pa.list_(pa.string())),
        ("sources", pa.list_(pa.string())),
    ]
)

# Keyword index: one row per distinct token per day, listing the articles (article_no) that contain it.
ARTICLE_TOKENS = pa.schema(
    [
        ("dt", pa.date32()),
        ("token", pa.string()),
        ("article_nos", pa.list_(pa.int32())),
    ]
)

# One row per loaded day: when it was last replaced and what it holds.
LOADS = pa.schema(
    [
        ("dt", pa.date32()),
        ("loaded_at", _TS),
        ("articles", pa.int32()),
        ("copy_links", pa.int32()),
        ("rejects", pa.int32()),
        ("runs", pa.int32()),
        ("tokens", pa.int32()),
        ("seconds", pa.float64()),
        ("schema_version", pa.int16()),
    ]
)

# Every table of the warehouse: the loaded ones (with their load columns) and the derived ones.
WAREHOUSE_TABLES: dict[str, pa.Schema] = {
    **{name: pa.schema(list(sch) + LOAD_COLUMNS.get(name, [])) for name, sch in LOADED_TABLES.items()},
    "copy_clusters": COPY_CLUSTERS,
    "article_tokens": ARTICLE_TOKENS,
    "loads": LOADS,
}

_DUCK_TYPES = {
    pa.string(): "VARCHAR",
    pa.date32(): "DATE",
    _TS: "TIMESTAMPTZ",
    pa.int16(): "SMALLINT",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.binary(): "BLOB",
}


def duckdb_type(dtype: pa.DataType) -> str:
    """Map an Arrow type to its DuckDB column type."""
    if dtype in _DUCK_TYPES:
        return _DUCK_TYPES[dtype]
    if pa.types.is_list(dtype):
        return duckdb_type(dtype.value_type) + "[]"
    if pa.types.is_struct(dtype):
        inner = ", ".join(f"{f.name} {duckdb_type(f.type)}" for f in dtype)
        return f"STRUCT({inner})"
    raise TypeError(f"no DuckDB type for {dtype}")


def duckdb_ddl(name: str, schema: pa.Schema) -> str:
    """CREATE TABLE statement for ``name`` with the columns of ``schema``."""
    cols = ",\n  ".join(f"{f.name} {duckdb_type(f.type)}" for f in schema)
    return f"CREATE TABLE IF NOT EXISTS {name} (\n  {cols}\n)"


def empty_table(schema: pa.Schema) -> pa.Table:
    """A zero-row table of ``schema``."""
    return schema.empty_table()


def table_from_rows(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """Build a table of ``schema`` from row dicts (missing keys become nulls)."""
    return pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows], schema=schema)
