"""Drive a real local Airflow (``airflow standalone``) on loopback: start, REST calls, stop.

Used by ``make demo`` and the integration tests. It never imports airflow: it runs the
``airflow`` command of the project's virtualenv and talks to the API server over HTTP.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
POOL = "wiredesk_duckdb"


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def airflow_env(airflow_home: Path, port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a project-local Airflow: SQLite, LocalExecutor, our DAGs, no examples."""
    env = dict(os.environ)
    env.update(
        {
            "AIRFLOW_HOME": str(airflow_home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "8",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
            "AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL": "5",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "include"), env.get("PYTHONPATH")])),
            "NO_PROXY": "*",
            # standalone starts its components as `airflow …` found on PATH: put this venv first.
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        }
    )
    env.update(extra or {})
    return env


def _bin(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else name


class LocalAirflow:
    """``airflow standalone`` in a subprocess plus a small authenticated REST client."""

    def __init__(self, airflow_home: Path, port: int | None = None, extra_env: dict[str, str] | None = None,
                 log: Path | None = None) -> None:
        self.home = Path(airflow_home)
        self.port = port or free_port()
        self.env = airflow_env(self.home, self.port, extra_env)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log or self.home / "standalone.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self._token: str | None = None

    def airflow(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run an ``airflow`` CLI command in this environment."""
        return subprocess.run([_bin("airflow"), *args], env=self.env, check=check, text=True,
                              capture_output=True, timeout=600)

    def start(self, timeout: float = 180) -> None:
        """Migrate the DB, create the DuckDB pool, start standalone and wait for the API."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.airflow("db", "migrate")
        self.airflow("pools", "set", POOL, "1", "wiredesk: one DuckDB writer at a time")
        self.log_file = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([_bin("airflow"), "standalone"], env=self.env, stdout=self.log_file,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"airflow standalone exited early; see {self.log_path}")
            try:
                if httpx.get(f"{self.base}/api/v2/monitor/health", timeout=2).status_code == 200 \
                        and self.password_file.exists():
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        raise TimeoutError(f"Airflow API did not answer on {self.base} within {timeout}s; see {self.log_path}")

    @property
    def password_file(self) -> Path:
        """Where standalone writes the generated admin password."""
        return self.home / "simple_auth_manager_passwords.json.generated"

    def token(self) -> str:
        """A JWT for the admin user."""
        if self._token is None:
            users = json.loads(self.password_file.read_text())
            user, password = next(iter(users.items()))
            r = httpx.post(f"{self.base}/auth/token", json={"username": user, "password": password}, timeout=10)
            r.raise_for_status()
            self._token = r.json()["access_token"]
        return self._token

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        """Call the REST API; raise with the response body on error."""
        r = httpx.request(method, f"{self.base}/api/v2{path}", headers={"Authorization": f"Bearer {self.token()}"},
                          timeout=30, **kwargs)
        if r.status_code >= 400:
            raise RuntimeError(f"{method} {path} → {r.status_code}: {r.text}")
        return r.json() if r.content else None

    def wait_for_dag(self, dag_id: str, timeout: float = 180) -> None:
        """Wait until the dag-processor has parsed ``dag_id``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.api("GET", f"/dags/{dag_id}")
                return
            except RuntimeError:
                time.sleep(2)
        raise TimeoutError(f"DAG {dag_id} was not parsed within {timeout}s; see {self.log_path}")

    def unpause(self, dag_id: str) -> None:
        """Unpause a DAG (backfills stay queued while it is paused)."""
        self.api("PATCH", f"/dags/{dag_id}", json={"is_paused": False})

    def backfill(self, dag_id: str, from_date: str, to_date: str, reprocess: str = "none") -> dict[str, Any]:
        """Create a backfill exactly as the UI's Backfill dialog does."""
        body = {"dag_id": dag_id, "from_date": from_date, "to_date": to_date, "reprocess_behavior": reprocess,
                "max_active_runs": 3, "run_backwards": False, "dag_run_conf": {}}
        # SQLite allows one writer: a backfill created while the scheduler writes the DAG's runs (just
        # after an unpause, when it starts the latest day's run) is refused ("503: Database is locked.
        # Backfill creation is not supported on SQLite under concurrent access"), and once that clash
        # crashed the scheduler (StaleDataError on dag_run). So the DAG is paused while the backfill is
        # created (its runs wait, queued) and unpaused after; a refusal is asked again after a moment, as
        # an operator would. PostgreSQL (docker-compose.yaml) has neither limit.
        self.api("PATCH", f"/dags/{dag_id}", json={"is_paused": True})
        try:
            for attempt in range(12):
                try:
                    return dict(self.api("POST", "/backfills", json=body))
                except RuntimeError as exc:
                    if "Database is locked" not in str(exc) or attempt == 11:
                        raise
                    time.sleep(0.5 + attempt * 0.5)
            raise AssertionError("unreachable")
        finally:
            self.unpause(dag_id)

    def wait_for_backfill(self, backfill_id: int, timeout: float = 600) -> dict[str, Any]:
        """Wait until a backfill has completed (its runs created and finished); return it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            backfill = dict(self.api("GET", f"/backfills/{backfill_id}"))
            if backfill.get("completed_at"):
                return backfill
            time.sleep(3)
        raise TimeoutError(f"backfill {backfill_id} not completed within {timeout}s; see {self.log_path}")

    def day_runs(self, dag_id: str, run_type: str = "backfill") -> dict[str, dict[str, Any]]:
        """The latest run of each covered day (data interval start date) of one run type."""
        out: dict[str, dict[str, Any]] = {}
        for run in sorted(self.runs(dag_id), key=lambda r: r.get("end_date") or ""):
            if run["run_type"] == run_type:
                out[run["data_interval_start"][:10]] = run
        return out

    def runs(self, dag_id: str) -> list[dict[str, Any]]:
        """All runs of a DAG."""
        return list(self.api("GET", f"/dags/{dag_id}/dagRuns", params={"limit": 100})["dag_runs"])

    def stop(self, timeout: float = 60) -> None:
        """SIGINT the standalone process group (SIGTERM leaves children), then make sure it is gone."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # standalone shuts its components down itself
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # stragglers in the group
        except ProcessLookupError:
            pass
        self.log_file.close()
        self.proc = None
