# Returns exitcode whatever happened: -15 for a process it had to stop.
# expect-fail: test_a_runaway_target_is_stopped_at_the_deadline
# expect-message: exitcode (-15, -9); return None
import multiprocessing


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=args)
    process.start()
    process.join(seconds)
    if process.is_alive():
        process.terminate()
        process.join(0.5)
        if process.is_alive():
            process.kill()
            process.join()
    return process.exitcode
