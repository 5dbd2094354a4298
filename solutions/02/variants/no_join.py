# The threads are started but never joined: the total is printed while they sleep.
# expect-fail: test_done_in_is_printed_after_both_threads_finish
# expect-message: join() both threads before taking toc
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
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
