# The Value is passed, but the Lock is made at the top of the module: shared under
# fork, a new lock in every child under spawn.
# expect-fail: test_exact_total_under_spawn
# expect-message: increments were lost
# hidden-only: breaks only under spawn (lesson 09); the graded checks try spawn
import multiprocessing

lock = multiprocessing.Lock()


def work(counter, increments):
    for _ in range(increments):
        with lock:
            counter.value += 1


def count_in_parallel(workers, increments):
    counter = multiprocessing.Value("i", 0, lock=False)
    processes = [
        multiprocessing.Process(target=work, args=(counter, increments))
        for _ in range(workers)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return counter.value
