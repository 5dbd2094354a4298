# time.sleep(seconds) instead of join(seconds): always waits the whole deadline.
# expect-fail: test_the_function_returns_as_soon_as_the_target_ends
# expect-message: after the target had ended
import multiprocessing
import time


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=args)
    process.start()
    time.sleep(seconds)
    if process.is_alive():
        process.terminate()
        process.join(0.5)
        if process.is_alive():
            process.kill()
        process.join()
        return None
    process.join()
    return process.exitcode
