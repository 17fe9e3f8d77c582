"""Socket guard for the tests: refuse any connect outside 127.0.0.0/8 (and ::1) before a packet leaves.

Imported by tests/conftest.py, so it covers every test in the process.
"""

from __future__ import annotations

import ipaddress
import socket

violations: list[str] = []
violations: list[str] = []
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
        violations.append(f"connect to {address!r}")
        raise NetworkGuardError(f"test network guard: refused connect to {address!r} (only 127.0.0.0/8 allowed)")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _check(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _check(self, address)
    return _real_connect_ex(self, address)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


