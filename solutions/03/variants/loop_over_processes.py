# A list of processes, started in one loop and joined in another.
# expect: pass
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.perf_counter()
    workers = [multiprocessing.Process(target=sleepy_man) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"Done in {time.perf_counter() - tic:.4f} seconds")


if __name__ == "__main__":
    main()
