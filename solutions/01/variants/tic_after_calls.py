# tic taken after the calls: the total measures nothing.
# expect-fail: test_the_total_covers_both_sleeps, test_the_printed_total_matches_the_clock
# expect-message: cannot take less than 2 seconds
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    sleepy_man()
    sleepy_man()
    tic = time.time()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
