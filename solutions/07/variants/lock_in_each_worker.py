# Each child makes its own Lock: it locks nobody else out, increments are lost.
# expect-fail: test_returns_the_exact_total
# expect-message: the same for every process
import multiprocessing


def work(counter, increments):
    lock = multiprocessing.Lock()
    for _ in range(increments):
        with lock:
            counter.value += 1


def count_in_parallel(workers, increments):
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
