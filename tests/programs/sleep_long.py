# Sleeps in two processes far longer than any test waits: only a kill ends it.
import multiprocessing
import time

if __name__ == "__main__":
    for _ in range(2):
        multiprocessing.Process(target=time.sleep, args=(120,)).start()
    print("started", flush=True)
    time.sleep(120)
