"""Exercise 05 · Results back through a Queue.

Square a list of numbers in `workers` child processes and bring the squares back
to the parent through a multiprocessing.Queue, in the order of the input. It must
also work when the results are large. Read README.md first.
"""

import multiprocessing


def square_all(numbers, queue):
    """The work of one child: square its numbers and put them on the queue.

    You may change what a child puts on the queue (and add parameters): the
    parent must be able to put the results back in input order.
    """
    queue.put([n * n for n in numbers])


def parallel_squares(numbers: list[int], workers: int) -> list[int]:
    """The squares of ``numbers``, computed by ``workers`` processes, in order."""
    queue = multiprocessing.Queue()
    # TODO: split numbers into `workers` shares, start one multiprocessing.Process
    # per share running square_all(share, queue), get() every child's results from
    # the queue, join the processes, and return the squares in input order.
    # For now the parent does all the work itself, and the queue is never used.
    return [n * n for n in numbers]


if __name__ == "__main__":
    print(parallel_squares([3, 1, 4, 1, 5, 9, 2, 6], 3))
