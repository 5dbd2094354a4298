# A loop of two calls, time.monotonic and %-formatting.
# expect: pass
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.monotonic()
    for _ in range(2):
        sleepy_man()
    toc = time.monotonic()
    print("Done in %.4f seconds" % (toc - tic))


if __name__ == "__main__":
    main()
