# Work handed out through a second queue, one None per worker to stop them; results
# come back tagged with their position.
# expect: pass
import multiprocessing as mp

STOP = None


def worker(tasks, results):
    while True:
        task = tasks.get()
        if task is STOP:
            break
        position, n = task
        results.put((position, pow(n, 2)))


def parallel_squares(numbers, workers):
    tasks, results = mp.Queue(), mp.Queue()
    team = [mp.Process(target=worker, args=(tasks, results)) for _ in range(workers)]
    for member in team:
        member.start()
    for task in enumerate(numbers):
        tasks.put(task)
    for _ in team:
        tasks.put(STOP)
    squares = dict(results.get() for _ in numbers)
    for member in team:
        member.join()
    return [squares[i] for i in range(len(numbers))]
