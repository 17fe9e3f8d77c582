"""The HTML report and the text summary, read from a hand-made warehouse."""

from __future__ import annotations

import argparse
import datetime as dt
import re

import pytest
from test_warehouse import D1, D2, D3, article, put_day

from wiredesk import report, warehouse
from wiredesk.settings import Settings


@pytest.fixture
def settings(tmp_path):
    data = tmp_path / "data"
    put_day(
        data,
        D1,
        [article(1, D1), article(2, D1, publisher="<b>Evil & Co</b>")],
        rejects=[
            {"dt": D1, "source_id": "wire", "url": "https://gone.example/1", "stage": "fetch", "reason": "http_404"}
        ],
    )
    put_day(
        data,
        D2,
        [
            article(10, D2, "c_wire", title="Syria: <script>alert(1)</script>"),
            article(11, D2, "c_wire", 10),
            article(12, D2, "c_wire", 10),
        ],
    )
    s = Settings(data_dir=data, duckdb_path=data / "warehouse.duckdb", config_path=tmp_path / "unused.yaml")
    for day in (D1, D2):
        warehouse.load_day(s.duckdb_path, data, day)
    warehouse.check_and_record(
        s.duckdb_path, data, None, D2, "run-7", {}, dt.datetime(2017, 10, 24, tzinfo=dt.UTC), {"wiredesk": "0.1.0"}
    )
    return s


def test_collect_reads_the_days_figures(settings):
    with warehouse.connect(settings.duckdb_path, read_only=True) as con:
        data = report.collect(con, D2)
    assert data.days == [D1, D2]
    assert data.kpis["articles"] == 3 and data.kpis["copies"] == 2 and data.kpis["copy clusters"] == 1
    assert data.kpis["duplicate ratio"] == pytest.approx(2 / 3)
    assert sum(sum(v) for v in data.volume.values()) == 5
    assert data.stories[0]["copies"] == 3 and data.run["run_id"] == "run-7" and data.checks


def test_a_day_never_loaded_is_an_error_not_an_empty_report(settings):
    with warehouse.connect(settings.duckdb_path, read_only=True) as con, pytest.raises(LookupError, match="not loaded"):
        report.collect(con, D3)


def test_the_report_has_every_section_and_one_svg_per_chart(settings, tmp_path):
    page = report.write_report(settings, D2, tmp_path / "out.html").read_text(encoding="utf-8")
    for section in ("volume", "duplicates", "sources", "wire-stories", "rejects", "boilerplate", "removed", "checks"):
        assert f'id="{section}"' in page
    assert page.count('<svg class="chart"') == 3  # D2 has no rejects: that box says so instead of drawing
    assert 'class="none">none</p>' in page
    day1 = report.write_report(settings, D1, tmp_path / "d1.html").read_text(encoding="utf-8")
    assert day1.count('<svg class="chart"') == 4 and "http_404 (fetch)" in day1


def test_text_from_the_data_is_escaped(settings, tmp_path):
    page = report.write_report(settings, D2, tmp_path / "out.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "Syria: &lt;script&gt;alert(1)&lt;/script&gt;" in page
    page1 = report.write_report(settings, D1, tmp_path / "d1.html").read_text(encoding="utf-8")
    assert "<b>Evil" not in page1 and "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in page1


def test_the_report_fetches_nothing(settings, tmp_path):
    page = report.write_report(settings, D2, tmp_path / "out.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b|@import|url\(|\bsrc\s*=", page, re.I)


def test_cmd_report_writes_to_the_default_place_or_to_o(settings, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("WIREDESK_DATA_DIR", str(settings.data_dir))
    monkeypatch.delenv("WIREDESK_DUCKDB_PATH", raising=False)
    assert report.cmd_report(argparse.Namespace(date=D2, output=None)) == 0
    assert capsys.readouterr().out.strip() == str(settings.data_dir / "reports" / "dt=2017-10-23" / "report.html")
    out = tmp_path / "elsewhere.html"
    assert report.cmd_report(argparse.Namespace(date=D2, output=str(out))) == 0 and out.exists()
    assert report.cmd_report(argparse.Namespace(date=D3, output=None)) == 1
    assert "not loaded" in capsys.readouterr().out


def test_charts_scale_to_their_data():
    svg = report.stacked_bars([D1, D2], {"a": [3, 1], "b": [1, 0]}, "volume")
    heights = [float(h) for h in re.findall(r'class="bar"[^>]*height="([\d.]+)"', svg)]
    assert len(heights) == 3 and heights[0] == pytest.approx(3 * heights[1])  # 3 vs 1 article, same axis
    assert report.line_chart([D1, D2], [0.5, None], "ratio").count("<circle") == 1
    assert report.hbars([], "nothing") == '<p class="none">none</p>'
    assert report._nice_max(7) == 10 and report._nice_max(130) == 200 and report._nice_max(0) == 1


def test_print_summary_still_prints_the_day(settings, capsys):
    assert report.print_summary(settings, D2) == 0
    out = capsys.readouterr().out
    assert "Articles per source:" in out and "Copy clusters: 1" in out
