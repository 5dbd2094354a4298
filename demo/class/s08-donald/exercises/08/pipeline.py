"""Exercise 08 · A pipeline with a poison pill: reference solution.

The fix: the producer sends every item and then one sentinel (None) down the first
queue; the consumer upper-cases what it reads until it meets the sentinel, then
passes the sentinel on down the second queue and ends. The parent reads results
until that sentinel arrives, so it never has to know how many items there were,
and only then joins both processes (reading first: a process that still has items
in a queue's buffer cannot end, so joining before reading can wait forever).

None is a good sentinel because no item can equal it: every item is a string, and
a string sentinel such as "STOP" or "" would end the stream at an item that
happens to have that text. Test it with ``is``, not ``==``.
"""

import multiprocessing

SENTINEL = None


def produce(items, inbox):
    """Put every item on the inbox, then the sentinel."""
    for item in items:
        inbox.put(item)
    inbox.put(SENTINEL)


def consume(inbox, outbox):
    """Upper-case each item until the sentinel comes, then pass the sentinel on."""
    while True:
        item = inbox.get()
        if item is SENTINEL:
            break
        outbox.put(item.upper())
    outbox.put(SENTINEL)


def run_pipeline(items):
    inbox = multiprocessing.Queue()
    outbox = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, inbox))
    consumer = multiprocessing.Process(target=consume, args=(inbox, outbox))
    producer.start()
    consumer.start()
    results = []
    while True:
        item = outbox.get()
        if item is SENTINEL:
            break
        results.append(item)
    producer.join()
    consumer.join()
    return results


if __name__ == "__main__":
    print(run_pipeline(["apple", "banana", "cherry"]))
