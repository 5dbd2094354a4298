"""Exercise 07 · Shared state and locks: reference solution.

The fix, in two steps:
- a plain int is copied into every child process, so the children's increments
  never reach the parent; a multiprocessing.Value lives in shared memory, and
  every process that is handed it (as an argument) sees the same number;
- `counter.value += 1` is still three steps (read, add, write back): two processes
  that read the same value both write value + 1, and an increment is lost. The
  Value comes with a lock; holding it around the whole increment lets one process
  at a time through. The lock must be the same object in every process (this one
  travels with the Value); a lock created inside each child would lock nobody out.
The children are all started before any is joined, and all joined before the
counter is read.
"""

import multiprocessing


def work(counter, increments):
    """Add 1 to the shared counter, `increments` times, one process at a time."""
    for _ in range(increments):
        with counter.get_lock():
            counter.value += 1


def count_in_parallel(workers, increments):
    """Start `workers` processes that each add 1 to one shared counter `increments`
    times; return the counter's final value (workers * increments)."""
    counter = multiprocessing.Value("i", 0)
    processes = [
        multiprocessing.Process(target=work, args=(counter, increments))
        for _ in range(workers)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return counter.value


if __name__ == "__main__":
    print(count_in_parallel(4, 50_000), "(expected 200000)")
