# A Process subclass that keeps its duration as an attribute (no args= at all).
# expect: pass
import multiprocessing
import time


class Sleeper(multiprocessing.Process):
    def __init__(self, seconds):
        super().__init__()
        self.seconds = seconds

    def run(self):
        time.sleep(self.seconds)


def run_sleepers(durations: list[float]) -> float:
    tic = time.monotonic()
    sleepers = [Sleeper(d) for d in durations]
    for s in sleepers:
        s.start()
    while sleepers:
        sleepers.pop().join()
    return time.monotonic() - tic
