# Two child processes and a sentinel, but the parent upper-cases the items before
# handing them over: the children only pass them along.
# expect-fail: test_the_upper_casing_happens_in_a_child
# expect-message: upper-cased the items itself
# hidden-only: fakes the work (the parent upper-cases); the graded checks probe where it happens
import multiprocessing


def produce(items, q):
    for item in items:
        q.put(item)
    q.put(None)


def forward(q, out):
    while (item := q.get()) is not None:
        out.put(item)
    out.put(None)


def run_pipeline(items):
    shouted = [item.upper() for item in items]
    q = multiprocessing.Queue()
    out = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(shouted, q))
    consumer = multiprocessing.Process(target=forward, args=(q, out))
    producer.start()
    consumer.start()
    results = []
    while (item := out.get()) is not None:
        results.append(item)
    producer.join()
    consumer.join()
    return results
