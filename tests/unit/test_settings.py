"""The environment contract: WIREDESK_DATA_DIR, WIREDESK_DUCKDB_PATH, WIREDESK_CONFIG, --config."""

from pathlib import Path

from wiredesk.settings import DEFAULT_CONFIG, Settings


def test_defaults(monkeypatch, tmp_path):
    for var in ("WIREDESK_DATA_DIR", "WIREDESK_DUCKDB_PATH", "WIREDESK_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    s = Settings.from_env()
    assert s.data_dir == tmp_path / "data"
    assert s.duckdb_path == tmp_path / "data" / "warehouse.duckdb"
    assert s.config_path == DEFAULT_CONFIG
    assert DEFAULT_CONFIG == Path(__file__).resolve().parents[2] / "include/config/sources.yaml"


def test_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("WIREDESK_DATA_DIR", str(tmp_path / "lake"))
    monkeypatch.setenv("WIREDESK_CONFIG", str(tmp_path / "a.yaml"))
    s = Settings.from_env()
    assert s.duckdb_path == tmp_path / "lake" / "warehouse.duckdb"
    assert s.config_path == tmp_path / "a.yaml"
    monkeypatch.setenv("WIREDESK_DUCKDB_PATH", str(tmp_path / "elsewhere.duckdb"))
    assert Settings.from_env().duckdb_path == tmp_path / "elsewhere.duckdb"


def test_cli_config_beats_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WIREDESK_CONFIG", str(tmp_path / "env.yaml"))
    assert Settings.from_env(tmp_path / "cli.yaml").config_path == tmp_path / "cli.yaml"
