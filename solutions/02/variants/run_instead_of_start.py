# t.run() instead of t.start(): each sleepy_man runs in the main thread, in turn.
# expect-fail: test_two_threads_run_sleepy_man
# expect-message: t.run() instead of t.start()
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
    t1.run()
    t2.run()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
