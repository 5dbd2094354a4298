# One thread, and one call made directly by the main thread: 1 s, but not two threads.
# expect-fail: test_two_threads_run_sleepy_man
# expect-message: ran in the main thread
import threading
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    helper = threading.Thread(target=sleepy_man)
    helper.start()
    sleepy_man()
    helper.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
