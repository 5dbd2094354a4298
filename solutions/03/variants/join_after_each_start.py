# Each process is joined right after it starts: serial again.
# expect-fail: test_the_children_sleep_at_the_same_time, test_the_whole_thing_takes_about_one_second
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    for _ in range(2):
        p = multiprocessing.Process(target=sleepy_man)
        p.start()
        p.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))
