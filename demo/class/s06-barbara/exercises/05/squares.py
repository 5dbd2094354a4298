# Slices of len(numbers) // workers: the last few numbers are never squared.
# expect-fail: test_returns_the_squares_in_input_order, test_empty_input_and_more_workers_than_numbers
# expect-message: drops the remainder
import multiprocessing


def square_all(index, numbers, queue):
    queue.put((index, [n * n for n in numbers]))


def parallel_squares(numbers, workers):
    queue = multiprocessing.Queue()
    size = len(numbers) // workers
    procs = [
        multiprocessing.Process(
            target=square_all, args=(i, numbers[i * size : (i + 1) * size], queue)
        )
        for i in range(workers)
    ]
    for p in procs:
        p.start()
    parts = dict(queue.get() for _ in procs)
    for p in procs:
        p.join()
    return [x for i in range(workers) for x in parts[i]]
