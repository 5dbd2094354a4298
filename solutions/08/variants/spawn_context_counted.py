# A spawn context; the parent counts its results instead of waiting for a second
# sentinel, and joins in the reverse order.
# expect: pass
import multiprocessing as mp

DONE = None


def produce(items, q):
    for item in items:
        q.put(item)
    q.put(DONE)


def consume(q, results):
    while (item := q.get()) is not DONE:
        results.put(item.upper())


def run_pipeline(items):
    ctx = mp.get_context("spawn")
    todo = ctx.Queue()
    done = ctx.Queue()
    consumer = ctx.Process(target=consume, args=(todo, done))
    producer = ctx.Process(target=produce, args=(list(items), todo))
    consumer.start()
    producer.start()
    out = [done.get() for _ in range(len(items))]
    consumer.join()
    producer.join()
    return out
