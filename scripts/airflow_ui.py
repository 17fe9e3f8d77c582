"""``make airflow``: serve the sample site and run ``airflow standalone`` for an operator to use the UI."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "include"), str(Path(__file__).resolve().parent)]

from airflow_local import ROOT, LocalAirflow  # noqa: E402
from wiredesk.samplesite import serve  # noqa: E402


def main() -> int:
    """Start everything and wait for Ctrl-C."""
    os.environ.setdefault("WIREDESK_CONFIG", str(ROOT / "include/config/demo.yaml"))
    os.environ.setdefault("WIREDESK_DATA_DIR", str(ROOT / "data"))
    port = int(os.environ.get("AIRFLOW_PORT", "8080"))
    try:
        server, _ = serve(8765)
        print("sample site: http://127.0.0.1:8765/feed.xml")
    except OSError:
        server = None
        print("sample site port 8765 is busy; using whatever serves it")
    af = LocalAirflow(ROOT / ".airflow", port=port, log=ROOT / ".airflow" / "standalone.log")
    print(f"starting airflow standalone (log: {af.log_path}) …")
    try:
        af.start()
        print(f"\nAirflow UI:      {af.base}")
        print(f"admin password:  {af.password_file}  (user and password as JSON)")
        print(f"config:          {os.environ['WIREDESK_CONFIG']}")
        print(f"data:            {os.environ['WIREDESK_DATA_DIR']}")
        print("Backfill: Dags → news_daily → Trigger ▾ → Backfill; e.g. 2017-10-22 … 2017-10-24.")
        print("Ctrl-C stops Airflow and the sample site.")
        while af.proc is not None and af.proc.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        af.stop()
        if server is not None:
            server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
