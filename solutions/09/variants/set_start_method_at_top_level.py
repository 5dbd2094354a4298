# set_start_method("spawn") outside the guard: every spawn child runs it again.
# expect-fail: test_works_under_fork_and_spawn
# expect-message: context has already been set
import multiprocessing
import time

multiprocessing.set_start_method("spawn")


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
