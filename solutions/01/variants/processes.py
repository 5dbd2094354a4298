# Jumping ahead to processes: not the serial baseline this exercise times.
# expect-fail: test_main_calls_sleepy_man_twice_in_a_row
# expect-message: this first exercise is serial
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
