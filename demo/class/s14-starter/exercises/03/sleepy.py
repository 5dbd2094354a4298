"""Exercise 03 · Processes and join.

Make the two calls of sleepy_man() run at the same time, each in its own process,
so that the whole thing takes about 1 second instead of 2. Read README.md first.
"""

import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    # TODO: run sleepy_man in two multiprocessing.Process objects instead:
    # create both, start both, then wait for both to finish.
    sleepy_man()
    sleepy_man()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
