"""Tries to reach a server on the loopback address."""

import socket


def main(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"stolen answers")
        print("connected", flush=True)
    except OSError as exc:
        print(f"refused: {exc}", flush=True)
