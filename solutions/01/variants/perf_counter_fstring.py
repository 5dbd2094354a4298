# time.perf_counter and an f-string, imported by name.
# expect: pass
from time import perf_counter, sleep


def sleepy_man():
    print("Starting to sleep")
    sleep(1)
    print("Done sleeping")


def main():
    start = perf_counter()
    sleepy_man()
    sleepy_man()
    elapsed = perf_counter() - start
    print(f"Done in {elapsed:.4f} seconds")


if __name__ == "__main__":
    main()
