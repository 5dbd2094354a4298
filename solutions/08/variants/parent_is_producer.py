# Only a consumer process: the parent is the producer itself.
# expect-fail: test_a_producer_and_a_consumer_process
# expect-message: Only one child process ran
import multiprocessing


def consume(q, out):
    while (item := q.get()) is not None:
        out.put(item.upper())
    out.put(None)


def run_pipeline(items):
    q = multiprocessing.Queue()
    out = multiprocessing.Queue()
    consumer = multiprocessing.Process(target=consume, args=(q, out))
    consumer.start()
    for item in items:
        q.put(item)
    q.put(None)
    results = []
    while (item := out.get()) is not None:
        results.append(item)
    consumer.join()
    return results
