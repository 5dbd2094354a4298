# Kills the process that watches it, then lingers.
import os
import signal
import time

print("bye", flush=True)
os.kill(os.getppid(), signal.SIGKILL)
time.sleep(30)
