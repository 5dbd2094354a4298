# Pool.map does it all: right squares, in order, but no Process of its own and no
# Queue, which is the lesson.
# expect-fail: test_returns_the_squares_in_input_order, test_other_numbers_in_input_order
# expect-message: A pool's worker processes did the work
import multiprocessing


def square(n):
    return n * n


def parallel_squares(numbers, workers):
    if not numbers:
        return []
    with multiprocessing.Pool(workers) as pool:
        return pool.map(square, numbers)
