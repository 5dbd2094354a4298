# One child process squares everything, whatever `workers` says.
# expect-fail: test_exactly_workers_processes, test_other_worker_count
# expect-message: a single process
import multiprocessing


def square_all(numbers, queue):
    queue.put([n * n for n in numbers])


def parallel_squares(numbers, workers):
    queue = multiprocessing.Queue()
    p = multiprocessing.Process(target=square_all, args=(numbers, queue))
    p.start()
    result = queue.get()
    p.join()
    return result
