"""Exercise 01 · Timing a serial program.

Time two calls of sleepy_man() in a row and print the total. Read README.md first.
"""

import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    # TODO: take tic, call sleepy_man() twice in a row, take toc, then print the
    # total as 'Done in X.XXXX seconds' (four decimals).
    pass


if __name__ == "__main__":
    main()
