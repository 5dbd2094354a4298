# A Pool whose workers get the shared Value through an initializer, one task each.
# expect: pass
import multiprocessing

_counter = None


def _share(counter):
    global _counter
    _counter = counter


def _add(n):
    for _ in range(n):
        with _counter.get_lock():
            _counter.value += 1


def count_in_parallel(workers, increments):
    counter = multiprocessing.Value("i", 0)
    with multiprocessing.Pool(workers, initializer=_share, initargs=(counter,)) as pool:
        pool.map(_add, [increments] * workers, chunksize=1)
    return counter.value
