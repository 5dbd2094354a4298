# Does not even parse: a clear message, not a crash of the grader.
# expect-fail: test_two_child_processes_run_sleepy_man
# expect-message: SyntaxError
import multiprocessing


def main()
    print("oops")
