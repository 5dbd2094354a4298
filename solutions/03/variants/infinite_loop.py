# Never ends: every check fails as timed out, and the suite goes on.
# expect-fail: test_two_child_processes_run_sleepy_man, test_works_under_spawn
# expect-message: did not finish within
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    while True:
        pass
