"""Exercise 07 · Shared state and locks.

Several processes add to one counter. As given, every child counts on its own copy
and the parent's counter stays 0. Make the counter shared, and make every increment
safe. Read README.md first.
"""

import multiprocessing

counter = 0  # a plain int: every child process gets its own copy of it


def work(increments):
    """Add 1 to the counter, `increments` times."""
    global counter
    for _ in range(increments):
        counter += 1


def count_in_parallel(workers, increments):
    """Start `workers` processes that each add 1 to one shared counter `increments`
    times; return the counter's final value (workers * increments)."""
    # TODO: make the counter a multiprocessing.Value created here, pass it to the
    # children, and hold one lock, the same in every process, around each increment.
    processes = [
        multiprocessing.Process(target=work, args=(increments,)) for _ in range(workers)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return counter


if __name__ == "__main__":
    print(count_in_parallel(4, 50_000), "(expected 200000)")
