# A Process subclass whose run() calls sleepy_man, and a helper function.
# expect: pass
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


class Sleeper(multiprocessing.Process):
    def run(self):
        sleepy_man()


def start_all(processes):
    for process in processes:
        process.start()
    return processes


def main():
    tic = time.time()
    sleepers = start_all([Sleeper(), Sleeper()])
    while sleepers:
        sleepers.pop().join()
    print("Done in %.4f seconds" % (time.time() - tic))
