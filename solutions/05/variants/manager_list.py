# The workers append (index, square) to a Manager's list instead of a Queue.
# expect-fail: test_returns_the_squares_in_input_order
# expect-message: did not come back through a multiprocessing.Queue
import multiprocessing


def square_slice(numbers, start, shared):
    for i, n in enumerate(numbers):
        shared.append((start + i, n * n))


def parallel_squares(numbers, workers):
    with multiprocessing.Manager() as manager:
        shared = manager.list()
        size = -(-len(numbers) // workers) if numbers else 1
        processes = [
            multiprocessing.Process(
                target=square_slice, args=(numbers[i : i + size], i, shared)
            )
            for i in range(0, len(numbers), size)
        ]
        for p in processes:
            p.start()
        for p in processes:
            p.join()
        return [square for _, square in sorted(shared)]
