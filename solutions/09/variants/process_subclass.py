# A Process subclass defined at the top level (so it pickles), joins in reverse order.
# expect: pass
from multiprocessing import Process
from time import sleep, time


def sleepy_man():
    print("Starting to sleep")
    sleep(1)
    print("Done sleeping")


class Sleeper(Process):
    def run(self):
        sleepy_man()


def main():
    tic = time()
    first, second = Sleeper(), Sleeper()
    first.start()
    second.start()
    second.join()
    first.join()
    print("Done in %.4f seconds" % (time() - tic))


if __name__ == "__main__":
    main()
