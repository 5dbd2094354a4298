# Joins only the first thread: the second usually ends at the same moment, so the
# output looks right on most runs; the join is what the checks see.
# expect-fail: test_the_program_joins_both_threads, test_both_threads_are_joined
# expect-message: never joined
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
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
