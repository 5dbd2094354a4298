# The producer sends the sentinel together with the last item: with no items at
# all it never sends one, and the consumer waits forever.
# expect-fail: test_an_empty_list_gives_an_empty_list, test_no_items_at_all
# expect-message: did not finish: a child process was left waiting
import multiprocessing


def produce(items, q):
    for i, item in enumerate(items):
        q.put(item)
        if i == len(items) - 1:
            q.put(None)


def consume(q, out):
    while (item := q.get()) is not None:
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
