# `from multiprocessing import Process, Queue`, contiguous chunks tagged with their
# start index, sorted back into order.
# expect: pass
from multiprocessing import Process, Queue


def work(start, chunk, results):
    results.put((start, [x * x for x in chunk]))


def parallel_squares(numbers, workers):
    results = Queue()
    step = (len(numbers) + workers - 1) // workers or 1
    starts = list(range(0, len(numbers), step))[:workers] or [0]
    while len(starts) < workers:
        starts.append(len(numbers))
    bounds = starts[1:] + [len(numbers)]
    procs = [
        Process(target=work, args=(a, numbers[a:b], results))
        for a, b in zip(starts, bounds)
    ]
    for p in procs:
        p.start()
    parts = sorted(results.get() for _ in procs)
    for p in procs:
        p.join()
    out = []
    for _, squares in parts:
        out.extend(squares)
    return out
