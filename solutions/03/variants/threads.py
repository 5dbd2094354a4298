# Threads where processes were asked for.
# expect-fail: test_two_child_processes_run_sleepy_man
# expect-message: never in a child process
import threading
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")


def main():
    tic = time.time()
    threads = [threading.Thread(target=sleepy_man) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("Done in {:.4f} seconds".format(time.time() - tic))
