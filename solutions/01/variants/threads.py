# Jumping ahead to threads: not the serial baseline this exercise times.
# expect-fail: test_main_calls_sleepy_man_twice_in_a_row
# expect-message: thread(s) of its own
import threading
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
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
