# Threads and a threading.Lock: exact, but no process was asked to share anything.
# expect-fail: test_returns_the_exact_total
# expect-message: threads share the memory
import threading

counter = 0
lock = threading.Lock()


def work(increments):
    global counter
    for _ in range(increments):
        with lock:
            counter += 1


def count_in_parallel(workers, increments):
    global counter
    counter = 0
    threads = [
        threading.Thread(target=work, args=(increments,)) for _ in range(workers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter
