# A helper defined inside main(): it has no importable name, so it does not pickle.
# expect-fail: test_works_under_fork_and_spawn, test_works_under_forkserver
# expect-message: cannot be pickled
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    def sleeper():
        sleepy_man()

    tic = time.time()
    procs = [multiprocessing.Process(target=sleeper) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
