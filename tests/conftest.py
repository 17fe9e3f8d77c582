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


@pytest.fixture
def demo_env(tmp_path, monkeypatch):
    """Environment of the demo with a temporary data dir."""
    monkeypatch.setenv("WIREDESK_CONFIG", str(ROOT / "include/config/demo.yaml"))
    monkeypatch.setenv("WIREDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("WIREDESK_DUCKDB_PATH", raising=False)
    return tmp_path / "data"
