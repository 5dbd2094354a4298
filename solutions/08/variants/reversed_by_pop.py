# The consumer gathers the items in a list and hands them on with pop(), which
# takes from the end: the order is reversed.
# expect-fail: test_the_items_come_back_upper_cased_in_order
# expect-message: in the wrong order
import multiprocessing


def produce(items, q):
    for item in items:
        q.put(item)
    q.put(None)


def consume(q, out):
    batch = []
    while (item := q.get()) is not None:
        batch.append(item)
    while batch:
        out.put(batch.pop().upper())
    out.put(None)


def run_pipeline(items):
    q = multiprocessing.Queue()
    out = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, q))
    consumer = multiprocessing.Process(target=consume, args=(q, out))
    producer.start()
    consumer.start()
    results = []
    while (item := out.get()) is not None:
        results.append(item)
    producer.join()
    consumer.join()
    return results
