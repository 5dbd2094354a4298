# Unlocked increments lose updates; returning workers * increments hides it.
# expect-fail: test_the_total_is_the_shared_counter_s_value
# expect-message: not what your shared counter holds
# hidden-only: hides its lost updates by returning workers * increments; the graded checks read the counter itself
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
    return workers * increments
