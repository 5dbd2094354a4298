# A Value made at the top of the module: shared under fork, a new one in every
# child under spawn (the parent's stays 0).
# expect-fail: test_exact_total_under_spawn
# expect-message: copied into every child
# hidden-only: breaks only under spawn (lesson 09); the graded checks try spawn
import multiprocessing

counter = multiprocessing.Value("i", 0)


def work(increments):
    for _ in range(increments):
        with counter.get_lock():
            counter.value += 1


def count_in_parallel(workers, increments):
    counter.value = 0
    processes = [
        multiprocessing.Process(target=work, args=(increments,)) for _ in range(workers)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return counter.value
