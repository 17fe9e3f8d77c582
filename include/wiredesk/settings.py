"""Runtime settings: frozen defaults overridden by WIREDESK_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
INCLUDE_DIR = PACKAGE_DIR.parent
DEFAULT_CONFIG = INCLUDE_DIR / "config" / "sources.yaml"
PROFILES_PATH = INCLUDE_DIR / "config" / "syndication.yaml"
SQL_DIR = INCLUDE_DIR / "sql"
SAMPLE_SITE_DIR = INCLUDE_DIR / "sample_site"


@dataclass(frozen=True)
class Settings:
    """Where the lake, the warehouse and the config live."""

    data_dir: Path
    duckdb_path: Path
    config_path: Path

    @classmethod
    def from_env(cls, config: str | os.PathLike[str] | None = None) -> Settings:
        """Build settings from the environment; an explicit ``config`` wins over WIREDESK_CONFIG."""
        data_dir = Path(os.environ.get("WIREDESK_DATA_DIR") or "data").absolute()
        duckdb_env = os.environ.get("WIREDESK_DUCKDB_PATH")
        duckdb_path = Path(duckdb_env).absolute() if duckdb_env else data_dir / "warehouse.duckdb"
        config_path = Path(config or os.environ.get("WIREDESK_CONFIG") or DEFAULT_CONFIG).absolute()
        return cls(data_dir=data_dir, duckdb_path=duckdb_path, config_path=config_path)
