"""Kills every process it is allowed to signal."""

import os
import signal


def main():
    print("about to kill -1", flush=True)
    os.kill(-1, signal.SIGKILL)
