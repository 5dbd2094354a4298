"""Functions for the harness's call mode."""

import multiprocessing
import os


def add(a, b):
    return a + b


def boom():
    raise ValueError("bad value")


def apply(func, value):
    return func(value)


def double(x):
    return 2 * x


def child_pids(n):
    procs = [multiprocessing.Process(target=os.getpid) for _ in range(n)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return [p.pid for p in procs]


def not_json():
    return {1, 2}
