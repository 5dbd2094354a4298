# terminate() and join(), no kill(): a target that ignores SIGTERM is waited for
# for ever.
# expect-fail: test_a_target_that_ignores_terminate_is_asked_then_killed, test_a_target_that_ignores_sigterm_is_killed
# expect-message: did not finish: the target ignored SIGTERM
import multiprocessing


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=args)
    process.start()
    process.join(seconds)
    if process.is_alive():
        process.terminate()
        process.join()
        return None
    return process.exitcode
