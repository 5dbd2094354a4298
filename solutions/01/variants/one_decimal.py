# The total with one decimal: 'Done in 2.0 seconds'.
# expect-fail: test_the_total_is_printed_as_done_in_x_seconds
# expect-message: four decimals
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
    print("Done in {:.1f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
