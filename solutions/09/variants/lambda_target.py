# The guard is fixed, the target is not: a lambda cannot be pickled for spawn.
# expect-fail: test_works_under_fork_and_spawn, test_works_under_forkserver, test_works_when_imported_under_spawn
# expect-message: cannot be pickled
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    p1 = multiprocessing.Process(target=lambda: sleepy_man())
    p2 = multiprocessing.Process(target=lambda: sleepy_man())
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
