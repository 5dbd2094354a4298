# Two workers count into a Manager's dict: the manager's server process runs many
# threads of its own, and a Queue's feeder thread runs in each worker.
import multiprocessing


def work(shared, queue, key):
    shared[key] = key * 2
    queue.put(key)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        queue = multiprocessing.Queue()
        ps = [
            multiprocessing.Process(target=work, args=(shared, queue, k))
            for k in (1, 2)
        ]
        for p in ps:
            p.start()
        got = sorted(queue.get() for _ in ps)
        for p in ps:
            p.join()
        print("done", got, dict(shared))
