"""What a loaded day looks like: a plain-text summary and a self-contained HTML report.

The HTML report is one file with its charts drawn as inline SVG and its styles inline: no script,
font or stylesheet is fetched from anywhere, so it opens offline, attaches to an e-mail and archives.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from wiredesk import schema
from wiredesk.settings import Settings
from wiredesk.warehouse import connect

WINDOW_DAYS = 14
PALETTE = ["#1f6feb", "#e36209", "#2da44e", "#a371f7", "#d1242f", "#0598bc", "#bf8700", "#cf3ba0", "#57606a", "#8c959f"]
TOP_SOURCES = 9  # the rest are drawn as one "other" series


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
            "GROUP BY copy_cluster_id ORDER BY n DESC, title",
            [day],
        ).fetchall()
        removed = con.execute(
            "SELECT kind, count(*) AS n, any_value(text ORDER BY text) FROM removed_boilerplate WHERE dt = ? "
            "GROUP BY kind ORDER BY n DESC, kind",
            [day],
        ).fetchall()
        stories = con.execute("SELECT count(DISTINCT story_id) FROM articles WHERE dt = ?", [day]).fetchone()
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


# --- data -------------------------------------------------------------------------------------


@dataclass
class ReportData:
    """Everything the HTML report shows, read from the warehouse in one read-only session."""

    day: dt.date
    warehouse: str
    loaded_at: dt.datetime | None
    kpis: dict[str, Any]
    days: list[dt.date]
    volume: dict[str, list[int]]  # outlet (publisher, else source id) → articles per day of ``days``
    dup_ratio: list[float | None]  # per day of ``days``
    sources: list[tuple[Any, ...]]  # day's daily_source_stats rows
    stories: list[dict[str, Any]]
    rejects: list[tuple[str, str, int, str | None]]
    removed: list[tuple[str, int]]
    removed_by: list[tuple[Any, ...]]
    run: dict[str, Any] | None
    checks: list[dict[str, Any]] = field(default_factory=list)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return con.execute(sql, params).fetchall()


def collect(con: duckdb.DuckDBPyConnection, day: dt.date, warehouse: str = "") -> ReportData:
    """Read the report's figures for ``day`` (raises LookupError if the day was never loaded)."""
    load = con.execute("SELECT loaded_at FROM loads WHERE dt = ?", [day]).fetchone()
    if load is None:
        raise LookupError(f"{day.isoformat()} is not loaded in the warehouse; run `wiredesk run --date {day}` first")
    start = day - dt.timedelta(days=WINDOW_DAYS - 1)
    days = [r[0] for r in _rows(con, "SELECT dt FROM loads WHERE dt BETWEEN ? AND ? ORDER BY dt", [start, day])]
    # Per outlet: one configured source (a feed, a vendor dump) often carries many publishers.
    stats = _rows(
        con,
        "SELECT dt, coalesce(publisher, source_id), count(*) FROM articles WHERE dt BETWEEN ? AND ? GROUP BY ALL",
        [start, day],
    )
    totals: dict[str, int] = {}
    for _, sid, n in stats:
        totals[sid] = totals.get(sid, 0) + n
    ranked = sorted(totals, key=lambda s: (-totals[s], s))
    keep = ranked if len(ranked) <= TOP_SOURCES + 1 else ranked[:TOP_SOURCES]
    volume: dict[str, list[int]] = {s: [0] * len(days) for s in keep}
    index = {d: i for i, d in enumerate(days)}
    for d, sid, n in stats:
        name = sid if sid in volume else "other"
        volume.setdefault(name, [0] * len(days))[index[d]] += n
    ratio = dict(
        _rows(
            con,
            "SELECT dt, sum(copies) / nullif(sum(articles), 0) FROM daily_source_stats "
            "WHERE dt BETWEEN ? AND ? GROUP BY dt",
            [start, day],
        )
    )
    k = (
        con.execute(
            "SELECT count(*), count(*) FILTER (WHERE is_canonical), count(*) FILTER (WHERE NOT is_canonical), "
            "count(DISTINCT copy_cluster_id), count(DISTINCT story_id), count(DISTINCT source_id), "
            "count(DISTINCT publisher), count(*) FILTER (WHERE wire_agency IS NOT NULL) FROM articles WHERE dt = ?",
            [day],
        ).fetchone()
        or (0,) * 8
    )
    rejected = con.execute("SELECT count(*) FROM rejects WHERE dt = ?", [day]).fetchone()
    kpis = {
        "articles": k[0],
        "canonical": k[1],
        "copies": k[2],
        "copy clusters": k[3],
        "stories": k[4],
        "sources": k[5],
        "outlets": k[6],
        "wire copy": k[7],
        "rejects": rejected[0] if rejected else 0,
        "duplicate ratio": (k[2] / k[0]) if k[0] else 0.0,
    }
    cur = con.execute(
        "SELECT title, url, copies, outlets, agencies, publishers, first_published_at, spread, first_publisher, "
        "copy_cluster_id FROM wire_stories WHERE copy_cluster_id IN (SELECT copy_cluster_id FROM articles "
        "WHERE dt = ?) ORDER BY copies DESC, outlets DESC, first_published_at NULLS LAST, copy_cluster_id LIMIT 12",
        [day],
    )
    names = [d[0] for d in cur.description or []]
    stories = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    run_row = con.execute(
        "SELECT run_id, status, started_at, finished_at, checks, versions FROM runs WHERE dt = ? "
        "ORDER BY finished_at DESC NULLS LAST LIMIT 1",
        [day],
    ).fetchone()
    run = None
    checks: list[dict[str, Any]] = []
    if run_row:
        run = {
            "run_id": run_row[0],
            "status": run_row[1],
            "started_at": run_row[2],
            "finished_at": run_row[3],
            "versions": json.loads(run_row[5] or "{}"),
        }
        checks = json.loads(run_row[4] or "[]")
    return ReportData(
        day=day,
        warehouse=warehouse,
        loaded_at=load[0],
        kpis=kpis,
        days=days,
        volume=volume,
        dup_ratio=[ratio.get(d) for d in days],
        sources=_rows(
            con,
            "SELECT source_id, articles, canonical, copies, rejects, duplicate_ratio, publishers "
            "FROM daily_source_stats WHERE dt = ? ORDER BY articles DESC, source_id",
            [day],
        ),
        stories=stories,
        rejects=_rows(
            con,
            "SELECT reason, stage, count(*) AS n, any_value(url ORDER BY url) FROM rejects "
            "WHERE dt = ? GROUP BY ALL ORDER BY n DESC, reason",
            [day],
        ),
        removed=_rows(
            con,
            "SELECT kind, count(*) AS n FROM removed_boilerplate WHERE dt = ? GROUP BY kind ORDER BY n DESC, kind",
            [day],
        ),
        removed_by=_rows(
            con,
            "SELECT coalesce(syndicator, publisher, '—'), kind, count(*) AS n, "
            "any_value(text ORDER BY length(text), text) FROM removed_boilerplate WHERE dt = ? "
            "GROUP BY ALL ORDER BY n DESC, 1, kind LIMIT 20",
            [day],
        ),
        run=run,
        checks=checks,
    )


# --- SVG charts -------------------------------------------------------------------------------

_e = html.escape


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value``."""
    if value <= 0:
        return 1.0
    step = 10 ** int(f"{value:e}".split("e")[1])
    for m in (1, 2, 2.5, 5, 10):
        if m * step >= value:
            return m * step
    return 10 * step


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if n >= 10 or n == int(n) else f"{n:.1f}"


def stacked_bars(days: list[dt.date], series: dict[str, list[int]], label: str) -> str:
    """Vertical bars per day, stacked by series, with a y axis and a legend."""
    w, h, left, right, top, bottom = 1000, 270, 48, 190, 12, 36
    totals = [sum(v[i] for v in series.values()) for i in range(len(days))]
    ymax = _nice_max(max(totals, default=0))
    plot_w, plot_h = w - left - right, h - top - bottom
    slot = plot_w / max(len(days), 1)
    bar = min(48.0, slot * 0.7)
    out = [f'<svg class="chart" role="img" aria-label="{_e(label)}" viewBox="0 0 {w} {h}" width="{w}" height="{h}">']
    for i in range(5):
        y = top + plot_h - plot_h * i / 4
        out.append(
            f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(ymax * i / 4)}</text>'
        )
    for i, day in enumerate(days):
        x = left + slot * i + (slot - bar) / 2
        y = top + plot_h
        for j, (name, values) in enumerate(series.items()):
            bh = plot_h * values[i] / ymax
            if bh <= 0:
                continue
            y -= bh
            out.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{bh:.1f}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{_e(name)} {day}: {values[i]:,}</title></rect>'
            )
        if len(days) <= 16 or i % 2 == 0:
            out.append(
                f'<text class="tick" x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
                f"{day:%m-%d}</text>"
            )
    for j, name in enumerate(series):
        y = top + 4 + j * 18
        out.append(
            f'<rect x="{w - right + 14}" y="{y}" width="11" height="11" fill="{PALETTE[j % len(PALETTE)]}"/>'
            f'<text class="legend" x="{w - right + 30}" y="{y + 10}">{_e(name[:26])}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def line_chart(days: list[dt.date], values: list[float | None], label: str) -> str:
    """A 0–100 % line over the days, one marker per day that has a value."""
    w, h, left, right, top, bottom = 1000, 200, 48, 190, 12, 36
    plot_w, plot_h = w - left - right, h - top - bottom
    slot = plot_w / max(len(days), 1)
    out = [f'<svg class="chart" role="img" aria-label="{_e(label)}" viewBox="0 0 {w} {h}" width="{w}" height="{h}">']
    for i in range(5):
        y = top + plot_h - plot_h * i / 4
        out.append(
            f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{25 * i}%</text>'
        )
    points = []
    for i, (day, v) in enumerate(zip(days, values, strict=True)):
        x = left + slot * i + slot / 2
        if len(days) <= 16 or i % 2 == 0:
            out.append(
                f'<text class="tick" x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{day:%m-%d}</text>'
            )
        if v is not None:
            points.append((x, top + plot_h - plot_h * float(v), day, float(v)))
    if points:
        path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y, _, _) in enumerate(points))
        out.append(f'<path class="line" d="{path}" fill="none" stroke="{PALETTE[1]}" stroke-width="2.5"/>')
        for x, y, day, v in points:
            out.append(
                f'<circle class="bar" cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{PALETTE[1]}">'
                f"<title>{day}: {v:.1%} of articles are copies</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)


def hbars(items: list[tuple[str, int]], label: str, color: str = PALETTE[0], w: int = 500) -> str:
    """Horizontal bars, one per (label, value), in the order given."""
    if not items:
        return '<p class="none">none</p>'
    row, left = 24, 190
    h = row * len(items) + 8
    vmax = max(v for _, v in items) or 1
    out = [f'<svg class="chart" role="img" aria-label="{_e(label)}" viewBox="0 0 {w} {h}" width="{w}" height="{h}">']
    for i, (name, v) in enumerate(items):
        y = 4 + i * row
        bw = max(2.0, (w - left - 70) * v / vmax)
        out.append(
            f'<text class="label" x="{left - 8}" y="{y + 15}" text-anchor="end">{_e(name[:28])}</text>'
            f'<rect class="bar" x="{left}" y="{y + 3}" width="{bw:.1f}" height="{row - 8}" fill="{color}">'
            f"<title>{_e(name)}: {v:,}</title></rect>"
            f'<text class="value" x="{left + bw + 6:.1f}" y="{y + 15}">{v:,}</text>'
        )
    out.append("</svg>")
    return "".join(out)


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2328;
       background: #f6f8fa; margin: 0; }
main { max-width: 1060px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 2px; } h2 { font-size: 16px; margin: 0 0 10px; }
.sub { color: #59636e; margin: 0 0 18px; }
section { background: #fff; border: 1px solid #d1d9e0; border-radius: 8px; padding: 16px 18px; margin: 14px 0; }
.kpis { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; }
.kpi { background: #fff; border: 1px solid #d1d9e0; border-radius: 8px; padding: 10px 12px; }
.kpi b { display: block; font-size: 22px; } .kpi span { color: #59636e; font-size: 12px; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; } .grid2 section { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { color: #59636e; font-weight: 600; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg .grid { stroke: #eaeef2; } svg .tick, svg .legend, svg .label, svg .value { font-size: 11px; fill: #59636e; }
svg .label { fill: #1f2328; font-size: 12px; }
.ok { color: #1a7f37; font-weight: 600; } .failed { color: #d1242f; font-weight: 600; }
.minibar { display: inline-block; height: 9px; background: #1f6feb; border-radius: 2px; vertical-align: middle; }
.muted { color: #59636e; } .none { color: #59636e; font-style: italic; }
a { color: #0969da; text-decoration: none; }
"""


def _kpi(name: str, value: Any) -> str:
    shown = f"{value:.1%}" if isinstance(value, float) else f"{value:,}"
    return f'<div class="kpi"><b>{shown}</b><span>{_e(name)}</span></div>'


def _when(value: dt.datetime | None) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if value else "—"


def _spread(value: dt.timedelta | None) -> str:
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    return f"{minutes // 1440}d {minutes % 1440 // 60}h" if minutes >= 1440 else f"{minutes // 60}h {minutes % 60:02d}m"


def render(data: ReportData) -> str:
    """The report as one HTML document."""
    k = data.kpis
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>wiredesk — {data.day.isoformat()}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>wiredesk daily report — {data.day:%A %d %B %Y}</h1>",
        f'<p class="sub">Partition dt={data.day.isoformat()} · loaded {_when(data.loaded_at)} · schema v'
        f"{schema.SCHEMA_VERSION}{' · ' + _e(Path(data.warehouse).name) if data.warehouse else ''}</p>",
        '<div class="kpis">'
        + "".join(_kpi(n, k[n]) for n in ("articles", "copy clusters", "duplicate ratio", "rejects", "sources"))
        + "</div>",
    ]
    window = f"{data.days[0]:%d %b} – {data.days[-1]:%d %b}" if data.days else ""
    parts.append(
        f'<section id="volume"><h2>Articles per outlet per day <span class="muted">({window})</span></h2>'
        + stacked_bars(data.days, data.volume, "articles per outlet per day")
        + "</section>"
    )
    parts.append(
        f'<section id="duplicates"><h2>Duplicate ratio <span class="muted">(copies ÷ articles; '
        f"{k['duplicate ratio']:.1%} on {data.day:%d %b})</span></h2>"
        + line_chart(data.days, data.dup_ratio, "share of articles that are copies, per day")
        + "</section>"
    )
    rows = "".join(
        f"<tr><td>{_e(str(s))}</td><td class='n'>{a:,}</td><td class='n'>{c:,}</td><td class='n'>{cp:,}</td>"
        f"<td class='n'>{r:,}</td><td class='n'>{'—' if ratio is None else f'{ratio:.0%}'}</td>"
        f"<td class='n'>{p:,}</td></tr>"
        for s, a, c, cp, r, ratio, p in data.sources
    )
    parts.append(
        '<section id="sources"><h2>Sources on the day</h2><table><tr><th>source</th><th class="n">articles'
        '</th><th class="n">canonical</th><th class="n">copies</th><th class="n">rejects</th>'
        f'<th class="n">duplicates</th><th class="n">outlets</th></tr>{rows}</table></section>'
    )
    top = max((s["copies"] for s in data.stories), default=1)
    story_rows = "".join(
        f'<tr><td><a href="{_e(s["url"] or "#")}">{_e(s["title"] or "(untitled)")}</a>'
        f"<div class='muted'>{_e(', '.join(s['publishers'][:6]))}{' …' if len(s['publishers']) > 6 else ''}</div></td>"
        f"<td class='n'><span class='minibar' style='width:{60 * s['copies'] / top:.0f}px'></span> {s['copies']}</td>"
        f"<td class='n'>{s['outlets']}</td><td>{_e(', '.join(s['agencies']) or '—')}</td>"
        f"<td>{_when(s['first_published_at'])}<div class='muted'>{_e(s['first_publisher'] or '')}</div></td>"
        f"<td class='n'>{_spread(s['spread'])}</td></tr>"
        for s in data.stories
    )
    parts.append(
        '<section id="wire-stories"><h2>Top wire stories</h2><table><tr><th>canonical headline · outlets'
        '</th><th class="n">copies</th><th class="n">outlets</th><th>agency</th><th>first seen</th>'
        f'<th class="n">spread</th></tr>{story_rows or "<tr><td colspan=6 class=none>none</td></tr>"}'
        "</table></section>"
    )
    rejects = [(f"{reason} ({stage})", n) for reason, stage, n, _ in data.rejects]
    parts.append(
        '<div class="grid2"><section id="rejects"><h2>Reject reasons</h2>'
        + hbars(rejects, "rejected items by reason", PALETTE[4])
        + '</section><section id="boilerplate"><h2>Boilerplate removed</h2>'
        + hbars(data.removed, "removals by kind", PALETTE[2])
        + "</section></div>"
    )
    removed_rows = "".join(
        f"<tr><td>{_e(str(who))}</td><td>{_e(kind)}</td><td class='n'>{n:,}</td><td class='muted'>"
        f"{_e((example or '')[:110])}</td></tr>"
        for who, kind, n, example in data.removed_by
    )
    parts.append(
        '<section id="removed"><h2>What cleaning cut, by syndicator</h2><table><tr><th>syndicator / '
        'publisher</th><th>kind</th><th class="n">removals</th><th>shortest example</th></tr>'
        f"{removed_rows or '<tr><td colspan=4 class=none>none</td></tr>'}</table></section>"
    )
    if data.run:
        check_rows = "".join(
            f"<tr><td>{_e(c['name'])}</td><td class='{'ok' if c['ok'] else 'failed'}'>{'ok' if c['ok'] else 'FAILED'}"
            f"</td><td>{_e(str(c['detail']))}</td></tr>"
            for c in data.checks
        )
        status = data.run["status"]
        parts.append(
            f'<section id="checks"><h2>Quality checks — run <code>{_e(data.run["run_id"])}</code>: '
            f"<span class='{'ok' if status == 'success' else 'failed'}'>{_e(status)}</span></h2>"
            f"<table><tr><th>check</th><th>result</th><th>detail</th></tr>{check_rows}</table>"
            f"<p class='muted'>finished {_when(data.run['finished_at'])} · "
            f"{_e(', '.join(f'{k} {v}' for k, v in sorted(data.run['versions'].items())))}</p></section>"
        )
    parts.append("</main></body></html>")
    return "\n".join(parts)


def report_path(settings: Settings, day: dt.date) -> Path:
    """Where the pipeline keeps a day's report: ``<data>/reports/dt=YYYY-MM-DD/report.html``."""
    return settings.data_dir / "reports" / f"dt={day.isoformat()}" / "report.html"


def write_report(settings: Settings, day: dt.date, out: Path | None = None) -> Path:
    """Render ``day``'s report from the warehouse and write it atomically; returns its path."""
    with connect(settings.duckdb_path, read_only=True) as con:
        data = collect(con, day, str(settings.duckdb_path))
    path = Path(out) if out else report_path(settings, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_text(render(data), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def cmd_report(args: argparse.Namespace) -> int:
    """``wiredesk report --date D [-o FILE]``: write the day's HTML report and print its path."""
    settings = Settings.from_env(getattr(args, "config", None))
    try:
        path = write_report(settings, args.date, Path(args.output) if args.output else None)
    except LookupError as exc:
        print(f"wiredesk report: {exc}")
        return 1
    print(path)
    return 0
