# None is the sentinel, but the consumer tests `if not item`: an empty string
# item ends the stream too.
# expect-fail: test_the_items_come_back_upper_cased_in_order, test_items_that_look_like_a_sentinel_are_kept
# expect-message: looks like a sentinel
import multiprocessing


def produce(items, q):
    for item in items:
        q.put(item)
    q.put(None)


def consume(q, out):
    while True:
        item = q.get()
        if not item:
            break
        out.put(item.upper())
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
