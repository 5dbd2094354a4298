# Each thread is joined right after it starts: serial again.
# expect-fail: test_the_threads_sleep_at_the_same_time, test_the_whole_thing_takes_about_one_second
# expect-message: join() right after each start()
import threading
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    for _ in range(2):
        t = threading.Thread(target=sleepy_man)
        t.start()
        t.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
