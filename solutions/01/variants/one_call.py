# Only one call of sleepy_man.
# expect-fail: test_main_calls_sleepy_man_twice_in_a_row
# expect-message: only once
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    sleepy_man()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
