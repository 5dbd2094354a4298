# `from multiprocessing import ...`, the consumer a Process subclass, results read
# until the sentinel comes back.
# expect: pass
from multiprocessing import Process, Queue


def producer(items, q):
    for item in items:
        q.put(item)
    q.put(None)


class Shouter(Process):
    def __init__(self, inbox, outbox):
        super().__init__()
        self.inbox = inbox
        self.outbox = outbox

    def run(self):
        for item in iter(self.inbox.get, None):
            self.outbox.put(item.upper())
        self.outbox.put(None)


def run_pipeline(items):
    inbox, outbox = Queue(), Queue()
    stages = [Process(target=producer, args=(items, inbox)), Shouter(inbox, outbox)]
    for stage in stages:
        stage.start()
    shouted = list(iter(outbox.get, None))
    for stage in stages:
        stage.join()
    return shouted
