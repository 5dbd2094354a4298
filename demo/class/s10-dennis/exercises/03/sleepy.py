# Daemon children, not joined: they are killed when the program ends.
# expect-fail: test_two_child_processes_run_sleepy_man
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    for _ in range(2):
        multiprocessing.Process(target=sleepy_man, daemon=True).start()
    time.sleep(0.2)
    print("Done in {:.4f} seconds".format(time.time() - tic))
