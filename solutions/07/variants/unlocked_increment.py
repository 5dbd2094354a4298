# A shared Value, but `counter.value += 1` without the lock: increments are lost.
# expect-fail: test_returns_the_exact_total
# expect-message: increments were lost
import multiprocessing


def work(counter, increments):
    for _ in range(increments):
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
