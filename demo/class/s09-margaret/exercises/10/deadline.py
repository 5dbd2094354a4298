"""Exercise 10 · Deadlines and terminate: reference solution.

The fix: run the target in a Process and wait for it with join(seconds), which
returns as soon as the target ends, or when the deadline has passed, whichever
comes first. If the process is still alive then, it overran: terminate() asks it
to stop (SIGTERM); a process may ignore that, so after a short grace period kill()
stops it for sure (SIGKILL cannot be ignored). Every path ends with a join() that
returns, so the process is reaped (no zombie) and nothing is left running.

A stopped target's exitcode is negative (-15 after SIGTERM, -9 after SIGKILL); the
function returns None for it, as the task asks, and the exit code only for a target
that finished by itself.
"""

import multiprocessing

GRACE = 0.5  # seconds a terminated process gets to clean up before kill()


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=tuple(args))
    process.start()
    process.join(seconds)
    if not process.is_alive():
        return process.exitcode
    process.terminate()
    process.join(GRACE)
    if process.is_alive():
        process.kill()
        process.join()
    return None


if __name__ == "__main__":
    import time

    print(run_with_deadline(time.sleep, [0.1], 1.0))  # 0
    print(run_with_deadline(time.sleep, [5.0], 1.0))  # None, after about 1 s
