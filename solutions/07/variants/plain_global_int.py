# A global int: every child increments its own copy, the parent's stays 0.
# expect-fail: test_the_children_s_increments_reach_the_parent, test_returns_the_exact_total
# expect-message: copied into every child process
import multiprocessing
import threading

counter = 0
lock = threading.Lock()


def work(increments):
    global counter
    for _ in range(increments):
        with lock:
            counter += 1


def count_in_parallel(workers, increments):
    processes = [
        multiprocessing.Process(target=work, args=(increments,)) for _ in range(workers)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return counter
