# The children count a plain int (their own copies); the total is computed.
# expect-fail: test_the_total_is_the_shared_counter_s_value
# expect-message: not counted in a shared multiprocessing.Value
# hidden-only: returns a computed total instead of its counter; the graded checks read the counter itself
import multiprocessing

counter = 0


def work(increments):
    global counter
    for _ in range(increments):
        counter += 1


def count_in_parallel(workers, increments):
    processes = [
        multiprocessing.Process(target=work, args=(increments,)) for _ in range(workers)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return workers * increments
