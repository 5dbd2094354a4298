# The unit abbreviated: 'Done in 2.0037s'.
# expect-fail: test_the_total_is_printed_as_done_in_x_seconds
# expect-message: write the unit out in full
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    sleepy_man()
    sleepy_man()
    toc = time.time()
    print(f"Done in {toc - tic:.4f}s")


if __name__ == "__main__":
    main()
