# main() called at the top level without the guard: it also runs on import.
# expect-fail: test_main_calls_sleepy_man_twice_in_a_row
# expect-message: when your module was imported
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
    print("Done in {:.4f} seconds".format(toc - tic))


main()
