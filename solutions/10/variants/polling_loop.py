# `from multiprocessing import Process`; waits in a polling loop on its own clock,
# and escalates with join(timeout) in between.
# expect: pass
import time
from multiprocessing import Process


def run_with_deadline(target, args, seconds):
    worker = Process(target=target, args=args)
    worker.start()
    give_up = time.monotonic() + seconds
    while worker.is_alive() and time.monotonic() < give_up:
        time.sleep(0.01)
    if not worker.is_alive():
        worker.join()
        return worker.exitcode
    worker.terminate()
    worker.join(timeout=1.0)
    if worker.is_alive():
        worker.kill()
    worker.join()
    return None
