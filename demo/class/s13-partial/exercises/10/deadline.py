"""Exercise 10 · Deadlines and terminate.

Run a function in a child process, but never wait for it longer than a deadline:
return its exit code if it finishes in time, otherwise stop it (politely first,
then for sure) and return None. Read README.md first.
"""

import multiprocessing


def run_with_deadline(target, args, seconds):
    """Run target(*args) in a child process for at most ``seconds``.

    Returns the child's exit code if it ends in time, None if it had to be stopped.
    """
    # TODO: start a multiprocessing.Process for target(*args) and wait for it, but
    # no longer than `seconds`. If it finished, return its exit code. If it is still
    # running, stop it with terminate(); if it is still alive after a short grace
    # period, kill() it. Join it in every case, and return None.
    return None


if __name__ == "__main__":
    import time

    print(run_with_deadline(time.sleep, [0.1], 1.0))  # expected: 0
    print(run_with_deadline(time.sleep, [5.0], 1.0))  # expected: None, after ~1 s
