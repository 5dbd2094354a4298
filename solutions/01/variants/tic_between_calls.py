# tic taken between the two calls: only the second sleep is measured.
# expect-fail: test_the_total_covers_both_sleeps, test_the_printed_total_matches_the_clock
# expect-message: tic just before the first call
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    sleepy_man()
    tic = time.time()
    sleepy_man()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
