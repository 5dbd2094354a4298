# RawValue (no lock of its own) and a Lock, through an explicit spawn context.
# expect: pass
import multiprocessing as mp
from multiprocessing.sharedctypes import RawValue


def worker(shared, lock, times):
    for _ in range(times):
        with lock:
            shared.value = shared.value + 1


def count_in_parallel(workers, increments):
    ctx = mp.get_context("spawn")
    shared = RawValue("i", 0)
    lock = ctx.Lock()
    procs = []
    for _ in range(workers):
        p = ctx.Process(target=worker, args=(shared, lock, increments))
        p.start()
        procs.append(p)
    for p in procs:
        p.join()
    return shared.value
