# Portable, but time.time is patched so the total looks better.
# expect-fail: test_the_printed_total_matches_the_clock
# expect-message: does not match the time it really took
# hidden-only: patches the clock; the graded checks compare the total with the grader's own clock
import multiprocessing
import time

_real_time = time.time
time.time = lambda: _real_time() / 4


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    procs = [multiprocessing.Process(target=sleepy_man) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
