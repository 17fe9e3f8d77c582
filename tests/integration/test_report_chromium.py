"""`wiredesk report` on the demo warehouse, rendered by headless Debian Chromium: every chart is laid
out and actually paints coloured pixels, and the page fetches nothing from anywhere.

Set WIREDESK_UPDATE_SCREENSHOT=1 to also refresh docs/report.png (the README's screenshot)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.integration,
    # CI (.ci/run) installs chromium and sets WIREDESK_REQUIRE_CHROMIUM=1, so there a missing browser fails.
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("WIREDESK_REQUIRE_CHROMIUM"),
                       reason="needs Debian's chromium (apt-get install chromium)"),
]

# Appended to a copy of the report (the report itself has no script): lays out and rasterizes every
# chart, then writes what it found into the DOM for --dump-dom.
CHECKER = """<script>
(async () => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    const bars = [...svg.querySelectorAll('.bar')];
    const laidOut = bars.filter(b => { const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width; canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let i = 0; i < px.length; i += 4) {
      const spread = Math.max(px[i], px[i + 1], px[i + 2]) - Math.min(px[i], px[i + 1], px[i + 2]);
      if (px[i + 3] > 200 && spread > 60) coloured++;
    }
    out.push({label: svg.getAttribute('aria-label'), width: box.width, height: box.height,
              bars: bars.length, laidOut: laidOut.length, coloured});
  }
  const pre = document.createElement('pre');
  pre.id = 'chart-check';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    """Run headless Chromium with everything that would reach the network switched off."""
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def demo(demo_env):
    """Settings of the demo warehouse (tests/conftest.py builds it once per session)."""
    from wiredesk.settings import Settings

    return Settings.from_env()


def test_cli_writes_the_report_where_the_pipeline_keeps_it(demo, monkeypatch, capsys):
    from wiredesk.report import cmd_report, report_path

    monkeypatch.setenv("WIREDESK_DATA_DIR", str(demo.data_dir))

    class Args:
        date = dt.date(2017, 10, 24)
        output = None

    assert cmd_report(Args()) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == report_path(demo, Args.date) and path.exists()


def test_the_report_is_self_contained(demo, tmp_path):
    from wiredesk.report import write_report

    page = write_report(demo, dt.date(2017, 10, 24), tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"<(link|img|iframe|object|embed|source|video|audio)\b", page, re.I)
    assert not re.search(r"(src|srcset)\s*=|@import|url\(", page, re.I)
    # the only addresses are the links to the articles themselves
    assert set(re.findall(r'href="(\w+):', page)) <= {"http", "https", "file"}
    for section in ("volume", "duplicates", "sources", "wire-stories", "rejects", "boilerplate", "checks"):
        assert f'id="{section}"' in page


def test_headless_chromium_draws_every_chart(demo, tmp_path):
    from wiredesk.report import write_report

    html = write_report(demo, dt.date(2017, 10, 23), tmp_path / "report.html")  # the day with a reject
    harness = tmp_path / "harness.html"
    harness.write_text(html.read_text(encoding="utf-8").replace("</body>", CHECKER + "</body>"), encoding="utf-8")
    dom = chromium(
        "--virtual-time-budget=10000",
        "--window-size=1200,3000",
        "--dump-dom",
        harness.as_uri(),
        profile=tmp_path / "profile",
    ).stdout
    found = re.search(r'<pre id="chart-check">(.*?)</pre>', dom, re.S)
    assert found, "the checker did not run"
    charts = {c["label"]: c for c in json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))}
    assert set(charts) == {
        "articles per outlet per day",
        "share of articles that are copies, per day",
        "rejected items by reason",
        "removals by kind",
    }
    for label, chart in charts.items():
        assert chart["width"] > 300 and chart["height"] > 20, (label, chart)
        assert chart["bars"] > 0 and chart["laidOut"] == chart["bars"], (label, chart)
        assert chart["coloured"] > 150, f"{label}: nothing coloured was painted ({chart})"
    assert charts["articles per outlet per day"]["bars"] >= 2 * 3  # two days in the window, several outlets

    shot = tmp_path / "report.png"
    chromium(
        "--hide-scrollbars",
        "--window-size=1100,1850",
        f"--screenshot={shot}",
        html.as_uri(),
        profile=tmp_path / "profile",
    )
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
    if os.environ.get("WIREDESK_UPDATE_SCREENSHOT"):
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "report.png")
