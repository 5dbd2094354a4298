# target=sleepy_man() calls it in the parent; the processes get no target.
# expect-fail: test_two_child_processes_run_sleepy_man
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    p1 = multiprocessing.Process(target=sleepy_man())
    p2 = multiprocessing.Process(target=sleepy_man())
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))
