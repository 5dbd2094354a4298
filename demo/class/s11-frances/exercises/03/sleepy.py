"""Exercise 03 · Processes and join: reference solution.

The fix: start both processes before waiting for either, then join both before
taking toc. Joining right after each start would make it serial again (2 s); not
joining at all prints "Done in 0.00.." before the children have even started.
"""

import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    p1 = multiprocessing.Process(target=sleepy_man)
    p2 = multiprocessing.Process(target=sleepy_man)
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
