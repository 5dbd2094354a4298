# functools.partial of a top-level function: not a plain function, but it pickles.
# expect: pass
import functools
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    work = functools.partial(sleepy_man)
    procs = [multiprocessing.Process(target=work) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
