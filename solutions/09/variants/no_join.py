# Portable, but exercise 03's bug is back: the total is printed before the children end.
# expect-fail: test_works_under_fork_and_spawn, test_works_under_forkserver
# expect-message: did you join
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
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
