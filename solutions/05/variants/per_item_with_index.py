# One put per number, tagged with its position; the parent fills a list by position.
# expect: pass
from multiprocessing import Process, Queue


def worker(items, out):
    for position, value in items:
        out.put((position, value * value))


def parallel_squares(numbers, workers):
    out = Queue()
    indexed = list(enumerate(numbers))
    procs = [
        Process(target=worker, args=(indexed[k::workers], out)) for k in range(workers)
    ]
    for p in procs:
        p.start()
    result = [None] * len(numbers)
    for _ in numbers:
        position, square = out.get()
        result[position] = square
    for p in procs:
        p.join()
    return result
