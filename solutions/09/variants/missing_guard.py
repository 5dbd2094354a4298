# The target is fixed, the guard is not: spawn children re-run main() at import.
# expect-fail: test_works_under_fork_and_spawn, test_importing_the_module_starts_nothing, test_works_under_forkserver
# expect-message: re-ran your file's top level
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


main()
