# Forges instrumentation events about two real /bin/sleep children: each "ran
# sleepy_man", called and returned from it, and was joined. No multiprocessing.
import json
import os
import subprocess
import time


def event(kind, pid, **data):
    record = {"ev": kind, "t": time.monotonic(), "pid": pid, "ppid": os.getpid()}
    record.update(data)
    with open(os.environ["GRADER_EVENTS"], "a") as f:
        f.write(json.dumps(record) + "\n")


children = [subprocess.Popen(["/bin/sleep", "0.5"]) for _ in range(2)]
for child in children:
    event("proc_start", os.getpid(), child=child.pid, target="sleepy.sleepy_man")
    event("proc_run", child.pid, target="sleepy.sleepy_man")
    event("call", child.pid, func="sleepy_man", thread=1)
for child in children:
    child.wait()
    event("return", child.pid, func="sleepy_man", thread=1)
    event("proc_exit", child.pid, exitcode=0)
    event("join_end", os.getpid(), child=child.pid, timeout=None, exitcode=0)
# A join claimed before the child could have ended.
late = subprocess.Popen(["/bin/sleep", "0.5"])
event("join_end", os.getpid(), child=late.pid, timeout=None, exitcode=0)
late.wait()
print("done")
