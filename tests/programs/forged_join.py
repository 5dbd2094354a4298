# A real multiprocessing child, and a join_end claimed while it still sleeps.
import json
import multiprocessing
import os
import time


def nap():
    time.sleep(0.6)


if __name__ == "__main__":
    child = multiprocessing.Process(target=nap)
    child.start()
    time.sleep(0.1)
    with open(os.environ["GRADER_EVENTS"], "a") as f:
        record = {"ev": "join_end", "t": time.monotonic(), "pid": os.getpid()}
        record.update(ppid=os.getppid(), child=child.pid, timeout=None, exitcode=0)
        f.write(json.dumps(record) + "\n")
    time.sleep(0.8)  # the child has ended, and nobody joins it
    print("done")
