# `from threading import Thread`, named threads, join() with a generous timeout.
# expect: pass
from threading import Thread
from time import sleep, time


def sleepy_man():
    print("Starting to sleep")
    sleep(1)
    print("Done sleeping")


def main():
    tic = time()
    threads = {name: Thread(target=sleepy_man, name=name) for name in ("a", "b")}
    for thread in threads.values():
        thread.start()
    for thread in threads.values():
        thread.join(timeout=5)
    toc = time()
    print("Done in {:.4f} seconds".format(toc - tic))


if __name__ == "__main__":
    main()
