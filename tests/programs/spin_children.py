# Two children that spin forever: only the timeout ends this run.
import multiprocessing


def spin():
    while True:
        pass


if __name__ == "__main__":
    for _ in range(2):
        multiprocessing.Process(target=spin).start()
    print("started")
