# The same pipeline with threads and queue.Queue: no child process at all.
# expect-fail: test_a_producer_and_a_consumer_process
# expect-message: in threads of the main process
import queue
import threading


def produce(items, q):
    for item in items:
        q.put(item)
    q.put(None)


def consume(q, out):
    while (item := q.get()) is not None:
        out.put(item.upper())
    out.put(None)


def run_pipeline(items):
    q, out = queue.Queue(), queue.Queue()
    workers = [
        threading.Thread(target=produce, args=(items, q)),
        threading.Thread(target=consume, args=(q, out)),
    ]
    for w in workers:
        w.start()
    results = []
    while (item := out.get()) is not None:
        results.append(item)
    for w in workers:
        w.join()
    return results
