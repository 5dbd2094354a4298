# Returns 0 for every target that finished, whatever its exit code was.
# expect-fail: test_a_target_that_finishes_gives_its_exit_code, test_another_exit_code_comes_back_at_once
# expect-message: not the target's exit code
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
        return None
    return 0
