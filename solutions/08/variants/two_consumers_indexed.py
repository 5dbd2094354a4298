# Two consumers, one sentinel for each; items travel with their index, so the
# parent can put the results back in order whoever finished first.
# expect: pass
import multiprocessing

CONSUMERS = 2


def produce(items, q, consumers):
    for index, item in enumerate(items):
        q.put((index, item))
    for _ in range(consumers):
        q.put(None)


def consume(q, out):
    while True:
        job = q.get()
        if job is None:
            out.put(None)
            return
        index, item = job
        out.put((index, item.upper()))


def run_pipeline(items):
    q = multiprocessing.Queue()
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=produce, args=(items, q, CONSUMERS))]
    procs += [
        multiprocessing.Process(target=consume, args=(q, out)) for _ in range(CONSUMERS)
    ]
    for p in procs:
        p.start()
    results = {}
    finished = 0
    while finished < CONSUMERS:
        got = out.get()
        if got is None:
            finished += 1
        else:
            results[got[0]] = got[1]
    for p in procs:
        p.join()
    return [results[i] for i in range(len(items))]
