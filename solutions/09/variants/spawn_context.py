# A spawn context chosen by the program: spawn exists everywhere, so this is portable.
# expect: pass
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    ctx = multiprocessing.get_context("spawn")
    tic = time.perf_counter()
    procs = [ctx.Process(target=sleepy_man) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"Done in {time.perf_counter() - tic:.4f} seconds")


if __name__ == "__main__":
    main()
