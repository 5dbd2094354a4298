# Pipes instead of queues, and a sentinel of its own class, recognised with
# isinstance (an object() would not survive the trip: it is copied, not shared).
# expect: pass
import multiprocessing


class EndOfStream:
    pass


def produce(items, conn):
    for item in items:
        conn.send(item)
    conn.send(EndOfStream())
    conn.close()


def consume(inbox, outbox):
    while True:
        item = inbox.recv()
        if isinstance(item, EndOfStream):
            outbox.send(item)
            break
        outbox.send(item.upper())
    outbox.close()


def run_pipeline(items):
    first_recv, first_send = multiprocessing.Pipe(duplex=False)
    second_recv, second_send = multiprocessing.Pipe(duplex=False)
    producer = multiprocessing.Process(target=produce, args=(items, first_send))
    consumer = multiprocessing.Process(target=consume, args=(first_recv, second_send))
    producer.start()
    consumer.start()
    results = []
    while not isinstance(item := second_recv.recv(), EndOfStream):
        results.append(item)
    producer.join()
    consumer.join()
    return results
