# The lesson's bug: the program ends before its children.
# expect-fail: test_done_in_is_printed_after_both_children_finish
# expect-message: did you join
import multiprocessing
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    p1 = multiprocessing.Process(target=sleepy_man)
    p2 = multiprocessing.Process(target=sleepy_man)
    p1.start()
    p2.start()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))
