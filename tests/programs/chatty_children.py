# Eight processes print many lines at once: every line must arrive whole.
import multiprocessing
import sys


def talk(n):
    for i in range(200):
        print(f"child {n} line {i} " + "y" * 50)


if __name__ == "__main__":
    method = sys.argv[1] if len(sys.argv) > 1 else None
    procs = [multiprocessing.Process(target=talk, args=(n,)) for n in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
