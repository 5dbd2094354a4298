# Daemon threads and a guessed time.sleep() instead of join(): looks right, never joined.
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
    for _ in range(2):
        threading.Thread(target=sleepy_man, daemon=True).start()
    time.sleep(1.4)
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
