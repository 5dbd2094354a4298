# Daemon threads, never joined: they are killed mid-sleep when the program ends.
# expect-fail: test_two_threads_run_sleepy_man
# expect-message: daemon threads are killed
import threading
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    for _ in range(2):
        threading.Thread(target=sleepy_man, daemon=True).start()
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
