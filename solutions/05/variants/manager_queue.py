# A Manager's queue (its server process is not one of the workers).
# expect: pass
import multiprocessing


def square_part(index, part, queue):
    queue.put((index, [n * n for n in part]))


def parallel_squares(numbers, workers):
    with multiprocessing.Manager() as manager:
        queue = manager.Queue()
        size = -(-len(numbers) // workers)
        procs = [
            multiprocessing.Process(
                target=square_part,
                args=(i, numbers[i * size : (i + 1) * size], queue),
            )
            for i in range(workers)
        ]
        for p in procs:
            p.start()
        parts = dict(queue.get() for _ in procs)
        for p in procs:
            p.join()
    return [x for i in range(workers) for x in parts[i]]
