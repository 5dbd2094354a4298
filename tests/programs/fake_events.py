# Writes forged instrumentation events claiming child processes that never existed.
import json
import os
import time

with open(os.environ["GRADER_EVENTS"], "a") as f:
    for pid in (999991, 999992):
        f.write(
            json.dumps(
                {
                    "ev": "proc_run",
                    "t": time.monotonic(),
                    "pid": pid,
                    "ppid": os.getpid(),
                    "target": "sleepy.sleepy_man",
                }
            )
            + "\n"
        )
        f.write(
            json.dumps(
                {
                    "ev": "call",
                    "t": time.monotonic(),
                    "pid": pid,
                    "ppid": os.getpid(),
                    "func": "sleepy_man",
                }
            )
            + "\n"
        )
    f.write("garbage that is not json\n")
print("done")
