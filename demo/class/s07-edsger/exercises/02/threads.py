# target=sleepy_man() calls it in the main thread; the threads get no target.
# expect-fail: test_two_threads_run_sleepy_man
# expect-message: never in a thread of its own
import threading
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    t1 = threading.Thread(target=sleepy_man())
    t2 = threading.Thread(target=sleepy_man())
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
