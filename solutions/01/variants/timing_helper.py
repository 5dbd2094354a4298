# A reusable timing helper that returns the elapsed seconds; format() with a spec.
# expect: pass
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def timed(*functions):
    tic = time.time()
    for function in functions:
        function()
    return time.time() - tic


def main():
    total = timed(sleepy_man, sleepy_man)
    print("Done in " + format(total, ".4f") + " seconds")


if __name__ == "__main__":
    main()
