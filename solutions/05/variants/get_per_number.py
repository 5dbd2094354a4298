# Each worker puts one list, but the parent calls get() once per number: the
# queue runs dry and get() waits for ever (not the join deadlock: no join began).
# expect-fail: test_returns_the_squares_in_input_order
# expect-message: did not finish within
import multiprocessing


def square_all(index, numbers, queue):
    queue.put((index, [n * n for n in numbers]))


def parallel_squares(numbers, workers):
    queue = multiprocessing.Queue()
    size = -(-len(numbers) // workers)
    procs = [
        multiprocessing.Process(
            target=square_all, args=(i, numbers[i * size : (i + 1) * size], queue)
        )
        for i in range(workers)
    ]
    for p in procs:
        p.start()
    parts = dict(queue.get() for _ in numbers)
    for p in procs:
        p.join()
    return [x for i in range(workers) for x in parts[i]]
