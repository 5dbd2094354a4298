"""A bounded fork bomb: tries to keep 400 processes alive at once."""

import os
import time


def main():
    children = 0
    try:
        for _ in range(400):
            if os.fork() == 0:
                time.sleep(3)
                os._exit(0)
            children += 1
    finally:
        print(f"forked {children}", flush=True)
