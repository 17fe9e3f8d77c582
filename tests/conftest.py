"""Test-wide fixtures. A socket guard fails any test that tries to connect outside loopback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "include"), str(ROOT / "scripts"), str(ROOT / "tests"), str(ROOT / "tests/quality")]

from netguard import NetworkGuardError, violations  # noqa: E402,F401  (importing installs the guard)


@pytest.fixture(autouse=True)
def network_guard():
    """Fail the test if anything tried to leave loopback, even if the error was swallowed."""
    start = len(violations)
    yield
    tried = violations[start:]
    assert not tried, f"test tried to reach the network outside loopback: {tried}"


@pytest.fixture
def sample_site():
    """The bundled sample site served on 127.0.0.1 (port 8765, as in include/config/demo.yaml)."""
    from wiredesk.samplesite import serve

    server, _ = serve(8765)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


SAMPLE_DAYS = ["2017-10-22", "2017-10-23", "2017-10-24"]


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory):
    """WIREDESK_DATA_DIR of a demo warehouse: the sample site's three days through the whole pipeline."""
    from wiredesk.config import load_config
    from wiredesk.pipeline import run_day
    from wiredesk.samplesite import serve
    from wiredesk.settings import Settings

    data = tmp_path_factory.mktemp("demo") / "data"
    settings = Settings(data_dir=data, duckdb_path=data / "warehouse.duckdb",
                        config_path=ROOT / "include/config/demo.yaml")
    server, _ = serve(8765)
    try:
        for day in SAMPLE_DAYS:
            run_day(day, settings, load_config(settings.config_path), show=False)
    finally:
        server.shutdown()
        server.server_close()
    return data


@pytest.fixture(scope="module")
def demo_env(demo_data):
    """The demo warehouse as the environment of a module's tests (WIREDESK_* set, restored after)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("WIREDESK_CONFIG", str(ROOT / "include/config/demo.yaml"))
    mp.setenv("WIREDESK_DATA_DIR", str(demo_data))
    mp.delenv("WIREDESK_DUCKDB_PATH", raising=False)
    yield demo_data
    mp.undo()
