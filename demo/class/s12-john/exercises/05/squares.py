"""Exercise 05 · Results back through a Queue: reference solution.

The fix: split the numbers into ``workers`` slices, one Process per slice, and let
each child put ``(slice number, squares)`` on one multiprocessing.Queue. The parent
then calls get() once per child *before* joining: a child that has put data on a
queue cannot exit until that data has been read (its feeder thread is still
writing into a pipe that holds only 64 KiB), so joining first would wait for ever
once the results are large. Sorting by slice number restores the input order,
whichever child finished first.
"""

import multiprocessing


def square_slice(index, numbers, queue):
    """The work of one child: square its slice and send it back, tagged."""
    queue.put((index, [n * n for n in numbers]))


def parallel_squares(numbers: list[int], workers: int) -> list[int]:
    queue = multiprocessing.Queue()
    size = -(-len(numbers) // workers)  # ceiling division: every number in a slice
    slices = [numbers[i * size : (i + 1) * size] for i in range(workers)]
    processes = [
        multiprocessing.Process(target=square_slice, args=(i, part, queue))
        for i, part in enumerate(slices)
    ]
    for p in processes:
        p.start()
    results = dict(queue.get() for _ in processes)  # get() before join()
    for p in processes:
        p.join()
    return [square for i in range(workers) for square in results[i]]
