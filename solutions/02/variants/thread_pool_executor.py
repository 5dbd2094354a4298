# A ThreadPoolExecutor of two worker threads; leaving the `with` joins them.
# expect: pass
import time
from concurrent.futures import ThreadPoolExecutor


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    with ThreadPoolExecutor(max_workers=2) as pool:
        pool.submit(sleepy_man)
        pool.submit(sleepy_man)
    print("Done in {:.4f} seconds".format(time.time() - tic))


if __name__ == "__main__":
    main()
