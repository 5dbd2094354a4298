# `from multiprocessing import Process`, joins in the reverse order.
# expect: pass
from multiprocessing import Process
from time import sleep, time


def sleepy_man():
    print("Starting to sleep")
    sleep(1)
    print("Done sleeping")


def main():
    tic = time()
    first, second = Process(target=sleepy_man), Process(target=sleepy_man)
    first.start()
    second.start()
    second.join()
    first.join()
    print("Done in {:.4f} seconds".format(time() - tic))
