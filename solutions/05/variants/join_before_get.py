# The classic deadlock: join() the workers before draining the queue. With large
# results a child cannot exit while its queue still holds data, so join() waits
# for ever.
# expect-fail: test_large_results_do_not_deadlock, test_other_large_results
# expect-message: get() the results before join()
import multiprocessing


def square_slice(index, numbers, queue):
    queue.put((index, [n * n for n in numbers]))


def parallel_squares(numbers, workers):
    queue = multiprocessing.Queue()
    size = -(-len(numbers) // workers)
    processes = []
    for i in range(workers):
        p = multiprocessing.Process(
            target=square_slice, args=(i, numbers[i * size : (i + 1) * size], queue)
        )
        p.start()
        processes.append(p)
    for p in processes:
        p.join()
    results = dict(queue.get() for _ in processes)
    return [square for i in range(workers) for square in results[i]]
