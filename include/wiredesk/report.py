"""Human summaries of a loaded day, read back from the warehouse."""

from __future__ import annotations

import datetime as dt

from wiredesk.settings import Settings
from wiredesk.warehouse import connect


def print_summary(settings: Settings, day: dt.date) -> int:
    """Print articles per source, copy clusters and removed boilerplate for ``day``."""
    with connect(settings.duckdb_path, read_only=True) as con:
        per_source = con.execute(
            "SELECT source_id, articles, copies, rejects FROM daily_source_stats WHERE dt = ? ORDER BY source_id",
            [day],
        ).fetchall()
        clusters = con.execute(
            "SELECT copy_cluster_id, count(*) AS n, any_value(title ORDER BY is_canonical DESC) AS title, "
            "list(DISTINCT publisher ORDER BY publisher) FROM articles WHERE dt = ? "
            "GROUP BY copy_cluster_id ORDER BY n DESC, title", [day]
        ).fetchall()
        removed = con.execute(
            "SELECT kind, count(*) AS n, any_value(text ORDER BY text) FROM removed_boilerplate WHERE dt = ? "
            "GROUP BY kind ORDER BY n DESC, kind", [day]
        ).fetchall()
        stories = con.execute(
            "SELECT count(DISTINCT story_id) FROM articles WHERE dt = ?", [day]).fetchone()
    print(f"wiredesk — {day.isoformat()} — {settings.duckdb_path}")
    print("\nArticles per source:")
    for sid, articles, copies, rejects in per_source:
        print(f"  {sid:<20} {articles:>4} articles ({copies} copies), {rejects} rejected")
    print(f"\nCopy clusters: {len(clusters)} (stories: {stories[0] if stories else 0})")
    for cid, n, title, pubs in clusters:
        print(f"  {cid}  ×{n}  {title[:70] if title else '(untitled)'}")
        print(f"      {', '.join(p for p in pubs if p)}")
    print("\nBoilerplate removed:")
    for kind, n, example in removed:
        print(f"  {kind:<24} {n:>4}  e.g. {example[:70]!r}")
    return 0
