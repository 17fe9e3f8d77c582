"""Airflow tests run against a throw-away AIRFLOW_HOME with a migrated SQLite metadata DB."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_HOME = Path(tempfile.mkdtemp(prefix="wiredesk-airflow-"))
# Airflow reads its configuration at import time, so this must happen before any test imports it.
os.environ.update(
    {
        "AIRFLOW_HOME": str(_HOME),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    }
)


@pytest.fixture(scope="session")
def airflow_db():
    """Migrate the metadata DB once per session and create the DuckDB pool."""
    airflow = str(Path(sys.executable).parent / "airflow")
    subprocess.run([airflow, "db", "migrate"], check=True, capture_output=True, env=os.environ)
    subprocess.run([airflow, "pools", "set", "wiredesk_duckdb", "1", "one DuckDB writer"], check=True,
                   capture_output=True, env=os.environ)
    return _HOME


@pytest.fixture(scope="session")
def dagbag(airflow_db):
    """All project DAGs, parsed as the dag-processor would."""
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))
