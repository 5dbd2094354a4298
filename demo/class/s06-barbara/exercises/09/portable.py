# A fork context inside main(): the same non-portable choice, made another way.
# expect-fail: test_works_under_fork_and_spawn, test_works_under_forkserver, test_works_when_imported_under_spawn
# expect-message: forces the 'fork' start method
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    ctx = multiprocessing.get_context("fork")
    tic = time.time()
    procs = [ctx.Process(target=sleepy_man) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
