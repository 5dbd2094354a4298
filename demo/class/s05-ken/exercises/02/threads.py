"""Exercise 02 · Threads for waiting work (the GIL): reference solution.

The fix: run each call in a threading.Thread, start both before waiting for
either, then join both before taking toc. time.sleep() releases the GIL, so while
one thread sleeps the other can run: the two waits overlap and the total is about
1 s. Joining right after each start would make it serial again (2 s); not joining
at all prints "Done in 0.00.." while the threads are still asleep.
"""

import threading
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    t1 = threading.Thread(target=sleepy_man)
    t2 = threading.Thread(target=sleepy_man)
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
