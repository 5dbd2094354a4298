# tic and toc from time.process_time(): a CPU clock, which does not count sleeping.
# expect-fail: test_the_total_covers_both_sleeps
# expect-message: time.process_time()
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.process_time()
    sleepy_man()
    sleepy_man()
    toc = time.process_time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
