# Processes from an explicit spawn context (what macOS and Windows use).
# expect: pass
import multiprocessing as mp
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    ctx = mp.get_context("spawn")
    tic = time.time()
    procs = []
    for _ in range(2):
        p = ctx.Process(target=sleepy_man)
        p.start()
        procs.append(p)
    for p in procs:
        p.join()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
