# The GIL: work that computes (a second of CPU each) does not overlap in threads.
# expect-fail: test_the_whole_thing_takes_about_one_second
# expect-message: The two sleeps took
import threading
import time


def sleepy_man():
    print("Starting to sleep")
    # Not a sleep: a second of this thread's own CPU time, holding the GIL.
    until = time.thread_time() + 1
    while time.thread_time() < until:
        pass
    print("Done sleeping")


def main():
    tic = time.time()
    threads = [threading.Thread(target=sleepy_man) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
