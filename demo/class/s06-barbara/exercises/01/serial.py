# main() is right, but the file does nothing when run: the guard block was deleted.
# expect-fail: test_the_file_runs_as_a_program
# expect-message: Run as a program
# hidden-only: the README says the file run as a program is checked when graded
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    sleepy_man()
    sleepy_man()
    toc = time.time()
    print("Done in {:.4f} seconds".format(toc - tic))
