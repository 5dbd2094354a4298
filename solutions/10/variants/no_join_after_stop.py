# Stops the runaway (terminate, a grace period, kill) but never joins it: the
# ended process stays behind as a zombie until the program ends.
# expect-fail: test_the_stopped_process_is_joined_and_nothing_is_left_running
# expect-message: was not joined before
import multiprocessing
import time


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=args)
    process.start()
    process.join(seconds)
    if process.exitcode is None:
        process.terminate()
        time.sleep(0.5)
        process.kill()
        return None
    return process.exitcode
