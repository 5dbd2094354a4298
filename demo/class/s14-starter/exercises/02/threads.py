"""Exercise 02 · Threads for waiting work (the GIL).

Make the two calls of sleepy_man() wait at the same time, each in a thread of its
own, so that the whole thing takes about 1 second instead of 2. Read README.md first.
"""

import threading
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    # TODO: run sleepy_man in two threading.Thread objects instead: create both,
    # start both, then wait for both to finish.
    sleepy_man()
    sleepy_man()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
