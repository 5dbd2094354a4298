# Children that only pretend: they sleep, the main program prints their lines.
# expect-fail: test_two_child_processes_run_sleepy_man
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    procs = [multiprocessing.Process(target=time.sleep, args=(1,)) for _ in range(2)]
    for p in procs:
        p.start()
    print("Starting to sleep")
    print("Starting to sleep")
    for p in procs:
        p.join()
    print("Done sleeping")
    print("Done sleeping")
    print("Done in {:.4f} seconds".format(time.time() - tic))
