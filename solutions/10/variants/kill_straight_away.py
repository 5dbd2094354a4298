# kill() at the deadline, without asking with terminate() first.
# expect-fail: test_a_target_that_ignores_terminate_is_asked_then_killed, test_the_target_is_asked_politely_first
# expect-message: killed without being asked to stop first
import multiprocessing


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=args)
    process.start()
    process.join(seconds)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    return process.exitcode
