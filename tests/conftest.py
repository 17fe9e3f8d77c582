"""Test-wide fixtures. A socket guard fails any test that tries to connect outside loopback."""

from __future__ import annotations

import ipaddress
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "include"), str(ROOT / "scripts")]

_violations: list[str] = []
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


class NetworkGuardError(OSError):
    """Raised instead of sending a packet to a non-loopback address."""


def _check(sock: socket.socket, address: object) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    host = address[0] if isinstance(address, tuple) else str(address)
    try:
        ip = ipaddress.ip_address(str(host).split("%")[0])
    except ValueError:
        ip = None
    if ip is not None and isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip is None or not ip.is_loopback:
        _violations.append(f"connect to {address!r}")
        raise NetworkGuardError(f"test network guard: refused connect to {address!r} (only 127.0.0.0/8 allowed)")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _check(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _check(self, address)
    return _real_connect_ex(self, address)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def network_guard():
    """Fail the test if anything tried to leave loopback, even if the error was swallowed."""
    start = len(_violations)
    yield
    tried = _violations[start:]
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
