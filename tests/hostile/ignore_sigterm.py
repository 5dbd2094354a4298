"""Leaves behind a child that ignores SIGTERM and would live a minute."""

import os
import signal
import time


def main():
    if os.fork() == 0:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        os.setsid()
        time.sleep(60)
        os._exit(0)
    print("parent returns", flush=True)
