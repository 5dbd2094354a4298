# A Process subclass under an explicit spawn context; each child keeps its slice.
# expect: pass
import multiprocessing

ctx = multiprocessing.get_context("spawn")


class Squarer(ctx.Process):
    def __init__(self, number, numbers, queue):
        super().__init__()
        self.number = number
        self.numbers = numbers
        self.queue = queue

    def run(self):
        self.queue.put((self.number, [n**2 for n in self.numbers]))


def parallel_squares(numbers: list[int], workers: int) -> list[int]:
    queue = ctx.Queue()
    squarers = [Squarer(k, numbers[k::workers], queue) for k in range(workers)]
    for s in squarers:
        s.start()
    by_worker = {}
    for _ in squarers:
        k, squares = queue.get()
        by_worker[k] = squares
    for s in squarers:
        s.join()
    result = [None] * len(numbers)
    for k, squares in by_worker.items():
        result[k::workers] = squares
    return result
