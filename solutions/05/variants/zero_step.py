# range(0, len(numbers), len(numbers) // workers): a step of 0 with fewer numbers
# than workers (or none at all).
# expect-fail: test_empty_input_and_more_workers_than_numbers
# expect-message: raised ValueError
import multiprocessing


def square_all(start, numbers, queue):
    queue.put((start, [n * n for n in numbers]))


def parallel_squares(numbers, workers):
    queue = multiprocessing.Queue()
    step = len(numbers) // workers
    starts = list(range(0, len(numbers), step))
    procs = []
    for k, start in enumerate(starts):
        end = len(numbers) if k == len(starts) - 1 else start + step
        procs.append(
            multiprocessing.Process(
                target=square_all, args=(start, numbers[start:end], queue)
            )
        )
    for p in procs:
        p.start()
    parts = sorted(queue.get() for _ in procs)
    for p in procs:
        p.join()
    return [x for _, squares in parts for x in squares]
