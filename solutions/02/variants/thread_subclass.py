# A Thread subclass whose run() calls sleepy_man; joins in the reverse order.
# expect: pass
import threading
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


class Sleeper(threading.Thread):
    def run(self):
        sleepy_man()


def main():
    tic = time.time()
    first, second = Sleeper(), Sleeper()
    first.start()
    second.start()
    second.join()
    first.join()
    print("Done in %.4f seconds" % (time.time() - tic))


if __name__ == "__main__":
    main()
