"""Exercise 09 · Start methods and the main guard.

The program of exercise 03: two processes run sleepy_man() side by side. It works
on Linux with Python up to 3.13, where processes start by 'fork'. Under 'spawn'
(macOS, Windows) and 'forkserver' (Linux from Python 3.14) it breaks.
Read README.md first, then make it work under all three.
"""

import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    # TODO: under spawn and forkserver, what does a child receive here, and can it?
    p1 = multiprocessing.Process(target=lambda: sleepy_man())
    p2 = multiprocessing.Process(target=lambda: sleepy_man())
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


# TODO: a spawn child imports this file again. What happens when it gets here?
main()
