# No sentinel, but a daemon consumer that is never joined: the program ends and
# takes the consumer with it. The results are right; the consumer was never told.
# expect-fail: test_the_pipeline_ends_and_every_process_is_joined
# expect-message: did not end on its own
import multiprocessing


def produce(items, q):
    for item in items:
        q.put(item)


def consume(q, out):
    while True:
        out.put(q.get().upper())


def run_pipeline(items):
    q = multiprocessing.Queue()
    out = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, q))
    consumer = multiprocessing.Process(target=consume, args=(q, out), daemon=True)
    producer.start()
    consumer.start()
    results = [out.get() for _ in items]
    producer.join()
    return results
