# join() without a timeout: a runaway is waited for for ever.
# expect-fail: test_a_runaway_target_is_stopped_at_the_deadline, test_the_stopped_process_is_joined_and_nothing_is_left_running
# expect-message: did not finish: the target was never stopped
import multiprocessing


def run_with_deadline(target, args, seconds):
    process = multiprocessing.Process(target=target, args=args)
    process.start()
    process.join()
    return process.exitcode
