"""Exercise 09 · Start methods and the main guard: reference solution.

Two fixes make the program of exercise 03 correct under fork, spawn and forkserver:

1. target=sleepy_man instead of a lambda. Under spawn and forkserver the parent
   pickles the target and the child, a fresh Python, imports it by module and
   name; a lambda (or a function defined inside main) has no such name. Under fork
   the child is a copy of the parent's memory, which hid the problem.
2. main() runs only under  if __name__ == "__main__":. A spawn or forkserver child
   imports this file again (as __mp_main__) before it runs its target; without the
   guard, the call of main() at the bottom ran again in every child and tried to
   start processes from inside it ("... bootstrapping phase").

The start method is not forced: the program works with whatever the platform's
default is.
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
