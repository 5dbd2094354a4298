# A Process subclass that carries the shared counter; the Value's own lock.
# expect: pass
import multiprocessing


class Incrementer(multiprocessing.Process):
    def __init__(self, counter, times):
        super().__init__()
        self.counter = counter
        self.times = times

    def run(self):
        for _ in range(self.times):
            with self.counter.get_lock():
                self.counter.value += 1


def count_in_parallel(workers, increments):
    counter = multiprocessing.Value("i", 0)
    team = [Incrementer(counter, increments) for _ in range(workers)]
    for t in team:
        t.start()
    for t in team:
        t.join()
    return counter.value
