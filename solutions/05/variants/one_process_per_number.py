# One process per number instead of `workers` processes.
# (Large inputs are refused here so that the corpus does not start 30,000 processes
# on the test machine; the small input shows the mistake.)
# expect-fail: test_exactly_workers_processes
# expect-message: one process per number
import multiprocessing


def square(position, n, queue):
    queue.put((position, n * n))


def parallel_squares(numbers, workers):
    if len(numbers) > 100:
        raise ValueError("this variant only handles small inputs")
    queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=square, args=(i, n, queue))
        for i, n in enumerate(numbers)
    ]
    for p in procs:
        p.start()
    result = dict(queue.get() for _ in procs)
    for p in procs:
        p.join()
    return [result[i] for i in range(len(numbers))]
