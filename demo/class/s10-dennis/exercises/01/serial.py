"""Exercise 01 · Timing a serial program: reference solution.

tic is read just before the first call and toc just after the second, with the
same clock, so toc - tic is exactly the time the two calls took: about 2 s, since
the second call cannot begin before the first has returned. '{:.4f}' prints the
total with four decimals, as in the lesson ('Done in 2.0037 seconds').
"""

import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    sleepy_man()
    sleepy_man()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
