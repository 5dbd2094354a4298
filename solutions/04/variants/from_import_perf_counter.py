# `from multiprocessing import Process`, perf_counter, joins in reverse order.
# expect: pass
from multiprocessing import Process
from time import perf_counter, sleep


def nap(how_long):
    sleep(how_long)


def run_sleepers(durations):
    started = perf_counter()
    procs = []
    for d in durations:
        p = Process(target=nap, args=(d,))
        p.start()
        procs.append(p)
    for p in reversed(procs):
        p.join()
    return perf_counter() - started
