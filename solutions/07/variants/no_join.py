# The counter is read right after the children start, without joining them.
# expect-fail: test_returns_the_exact_total, test_every_child_finishes_before_the_total_is_read
# expect-message: join() every process
import multiprocessing


def work(counter, increments):
    for _ in range(increments):
        with counter.get_lock():
            counter.value += 1


def count_in_parallel(workers, increments):
    counter = multiprocessing.Value("i", 0)
    for _ in range(workers):
        multiprocessing.Process(target=work, args=(counter, increments)).start()
    return counter.value
