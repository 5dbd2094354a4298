# set_start_method("spawn") under the guard, with freeze_support(), as the docs show.
# expect: pass
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
    p1.join()
    p2.join()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    multiprocessing.freeze_support()
    multiprocessing.set_start_method("spawn")
    main()
