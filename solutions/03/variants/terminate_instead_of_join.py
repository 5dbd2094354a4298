# terminate() where join() was meant: the children never finish their sleep.
# expect-fail: test_two_child_processes_run_sleepy_man
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    procs = [multiprocessing.Process(target=sleepy_man) for _ in range(2)]
    for p in procs:
        p.start()
    time.sleep(0.3)
    for p in procs:
        p.terminate()
        p.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))
