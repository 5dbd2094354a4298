# The workers send the numbers back unsquared; the parent does the real work.
# expect-fail: test_the_workers_compute_the_squares
# expect-message: computed
# hidden-only: fakes the work (the parent squares); the graded checks probe where it happens
import multiprocessing


def pass_through(index, numbers, queue):
    queue.put((index, list(numbers)))


def parallel_squares(numbers, workers):
    queue = multiprocessing.Queue()
    size = -(-len(numbers) // workers)
    procs = [
        multiprocessing.Process(
            target=pass_through, args=(i, numbers[i * size : (i + 1) * size], queue)
        )
        for i in range(workers)
    ]
    for p in procs:
        p.start()
    parts = dict(queue.get() for _ in procs)
    for p in procs:
        p.join()
    return [n * n for i in range(workers) for n in parts[i]]
