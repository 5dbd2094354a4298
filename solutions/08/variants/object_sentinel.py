# An object() sentinel: pickled through the queue it arrives as a new object, so
# `is SENTINEL` never matches in the consumer, which then calls .upper() on it.
# expect-fail: test_the_pipeline_ends_and_every_process_is_joined
# expect-message: pickling makes a new object
import multiprocessing

SENTINEL = object()


def produce(items, q):
    for item in items:
        q.put(item)
    q.put(SENTINEL)


def consume(q, out):
    while True:
        item = q.get()
        if item is SENTINEL:
            break
        out.put(item.upper())
    out.put(SENTINEL)


def run_pipeline(items):
    q, out = multiprocessing.Queue(), multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, q))
    consumer = multiprocessing.Process(target=consume, args=(q, out))
    producer.start()
    consumer.start()
    results = []
    for _ in items:
        results.append(out.get())
    producer.join()
    consumer.join()
    return results
