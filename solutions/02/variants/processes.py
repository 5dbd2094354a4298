# Processes where threads were asked for.
# expect-fail: test_two_threads_run_sleepy_man
# expect-message: this exercise is about threads
import multiprocessing
import time


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
