# No sentinel: the consumer waits for another item forever, and the parent waits
# for the consumer.
# expect-fail: test_the_pipeline_ends_and_every_process_is_joined, test_a_producer_and_a_consumer_process
# expect-message: did not finish: a child process was left waiting
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
    consumer = multiprocessing.Process(target=consume, args=(q, out))
    producer.start()
    consumer.start()
    results = [out.get() for _ in items]
    producer.join()
    consumer.join()
    return results
