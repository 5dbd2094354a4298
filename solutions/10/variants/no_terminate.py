# join(seconds), then None if the process is still alive, but it is never stopped:
# the program cannot end while its child runs.
# expect-fail: test_a_runaway_target_is_stopped_at_the_deadline
# expect-message: did not finish: run_with_deadline() returned, but
import multiprocessing


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=args)
    process.start()
    process.join(seconds)
    if process.is_alive():
        return None
    return process.exitcode
