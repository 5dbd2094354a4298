# Sends SIGTERM and SIGKILL itself with os.kill, and keeps the stopping in a
# helper of its own.
# expect: pass
import multiprocessing
import os
import signal


def _stop(process, grace=0.8):
    os.kill(process.pid, signal.SIGTERM)
    process.join(grace)
    if process.exitcode is None:
        os.kill(process.pid, signal.SIGKILL)
        process.join()


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=args)
    process.start()
    process.join(seconds)
    if process.exitcode is not None:
        return process.exitcode
    _stop(process)
    return None
