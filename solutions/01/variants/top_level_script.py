# The seed's program pasted at the top level: it runs on import, main() does nothing.
# expect-fail: test_main_calls_sleepy_man_twice_in_a_row
# expect-message: when your module was imported
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


tic = time.time()
sleepy_man()
sleepy_man()
toc = time.time()
print("Done in {:.4f} seconds".format(toc - tic))


def main():
    pass
