# Checks is_alive() right after start(): every target is stopped at once.
# expect-fail: test_a_runaway_target_is_stopped_at_the_deadline, test_a_target_that_finishes_gives_its_exit_code
# expect-message: wait with join(seconds) before you check is_alive()
import multiprocessing


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=args)
    process.start()
    if process.is_alive():
        process.terminate()
        process.join(0.5)
        if process.is_alive():
            process.kill()
        process.join()
        return None
    return process.exitcode
