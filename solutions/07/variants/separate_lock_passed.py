# A Value without its own lock, and one multiprocessing.Lock passed to every child.
# expect: pass
from multiprocessing import Lock, Process, Value


def add_ones(total, lock, n):
    for _ in range(n):
        lock.acquire()
        try:
            total.value += 1
        finally:
            lock.release()


def count_in_parallel(workers: int, increments: int) -> int:
    total = Value("q", 0, lock=False)
    lock = Lock()
    team = [
        Process(target=add_ones, args=(total, lock, increments)) for _ in range(workers)
    ]
    for p in team:
        p.start()
    for p in reversed(team):
        p.join()
    return total.value
