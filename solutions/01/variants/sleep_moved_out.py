# sleepy_man no longer sleeps; main sleeps instead, so the total still looks right.
# expect-fail: test_sleepy_man_is_kept_as_given
# expect-message: did not sleep for a second
# hidden-only: changes the given sleepy_man(); the graded checks probe it
import time


def sleepy_man():
    print("Starting to sleep")
    print("Done sleeping")


def main():
    tic = time.time()
    sleepy_man()
    sleepy_man()
    time.sleep(2)
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
