# Each child is joined right after it starts: exact, but nothing runs in parallel.
# expect-fail: test_the_children_count_at_the_same_time
# expect-message: one after the other
import multiprocessing


def work(counter, increments):
    for _ in range(increments):
        with counter.get_lock():
            counter.value += 1


def count_in_parallel(workers, increments):
    counter = multiprocessing.Value("i", 0)
    for _ in range(workers):
        p = multiprocessing.Process(target=work, args=(counter, increments))
        p.start()
        p.join()
    return counter.value
