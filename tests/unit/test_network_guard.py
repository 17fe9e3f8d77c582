"""The socket guard itself: a connect outside loopback must fail before any packet leaves."""

import socket

import pytest

from netguard import NetworkGuardError, violations


def test_guard_refuses_public_address():
    s = socket.socket()
    with pytest.raises(NetworkGuardError):
        s.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed
    s.close()
    violations.pop()  # this test expects the violation


def test_guard_refuses_metadata_address():
    s = socket.socket()
    with pytest.raises(NetworkGuardError):
        s.connect_ex(("169.254.169.254", 80))
    s.close()
    violations.pop()


def test_guard_allows_loopback():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.socket()
    client.connect(server.getsockname())
    client.close()
    server.close()
