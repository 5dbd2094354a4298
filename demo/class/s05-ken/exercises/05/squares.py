# The squares are collected in the order the workers finish, not in input order.
# expect-fail: test_returns_the_squares_in_input_order, test_other_numbers_in_input_order
# expect-message: not in the order of the input
import multiprocessing


def square_all(numbers, queue):
    queue.put([n * n for n in numbers])


def parallel_squares(numbers, workers):
    queue = multiprocessing.Queue()
    size = -(-len(numbers) // workers)
    procs = [
        multiprocessing.Process(
            target=square_all, args=(numbers[i * size : (i + 1) * size], queue)
        )
        for i in range(workers)
    ]
    for p in procs:
        p.start()
    result = []
    for _ in procs:
        result.extend(queue.get())
    for p in procs:
        p.join()
    return result
