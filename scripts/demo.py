"""``make demo``: serve the sample site, run news_daily for the sample day on a real local Airflow,
print a summary read back from DuckDB."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "include"), str(Path(__file__).resolve().parent)]

from airflow_local import ROOT, LocalAirflow  # noqa: E402
from wiredesk.samplesite import serve  # noqa: E402

SAMPLE_DAY = "2017-10-23"


def main() -> int:
    """Run the demo end to end."""
    t0 = time.monotonic()
    os.environ.setdefault("WIREDESK_CONFIG", str(ROOT / "include/config/demo.yaml"))
    os.environ.setdefault("WIREDESK_DATA_DIR", str(ROOT / "data"))
    try:
        server, _ = serve(8765)
    except OSError as exc:
        print(f"demo: cannot serve the sample site on 127.0.0.1:8765 ({exc}); is another demo running?")
        return 1
    print("sample site: http://127.0.0.1:8765/feed.xml")
    af = LocalAirflow(ROOT / ".airflow")
    print(f"starting Airflow (standalone, SQLite, LocalExecutor) on {af.base} — log: {af.log_path}")
    try:
        af.start()
        af.wait_for_dag("news_daily")
        af.unpause("news_daily")
        backfill = af.backfill("news_daily", f"{SAMPLE_DAY}T00:00:00Z", f"{SAMPLE_DAY}T00:00:00Z",
                               reprocess="completed")
        print(f"running news_daily for {SAMPLE_DAY} (backfill {backfill['id']}) …")
        af.wait_for_backfill(backfill["id"])
        run = af.day_runs("news_daily")[SAMPLE_DAY]
        print(f"run {run['dag_run_id']}: {run['state']}")
    finally:
        af.stop()
        server.shutdown()
    if run["state"] != "success":
        print(f"demo: the run failed; see the task logs under {af.home / 'logs'}")
        return 1
    from wiredesk.report import print_summary
    from wiredesk.settings import Settings
    from wiredesk.storage import parse_day

    print()
    print_summary(Settings.from_env(), parse_day(SAMPLE_DAY))
    print(f"\ndemo finished in {time.monotonic() - t0:.0f}s. Query it: .venv/bin/wiredesk sql \"SELECT …\"")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
