"""wiredesk: syndicated news ingestion — discover, fetch, clean, group wire copies, load DuckDB.

The package never imports airflow; the DAGs in ``dags/`` are thin wiring over it. The public API
is imported lazily so ``import wiredesk`` stays cheap (DAG parsing, CLI start-up).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "Config": "wiredesk.config",
    "ConfigError": "wiredesk.config",
    "load_config": "wiredesk.config",
    "Settings": "wiredesk.settings",
    "extract_document": "wiredesk.extract",
    "clean_document": "wiredesk.clean",
    "run_day": "wiredesk.pipeline",
}

__all__ = [*_API, "__version__"]


def __getattr__(name: str) -> Any:
    """Import public names on first use."""
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'wiredesk' has no attribute {name!r}")
