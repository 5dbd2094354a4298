"""Replaces the files the trusted side reads after the run, or the folder it
acknowledges new processes in, with what would hurt a careless reader."""

import multiprocessing
import os


def _child():
    pass


def main(what, target=""):
    events = os.environ["GRADER_EVENTS"]
    seen = os.environ["GRADER_ACK_DIR"]
    if what == "events-endless":
        os.unlink(events)
        os.symlink("/dev/zero", events)
    elif what == "events-fifo":
        os.unlink(events)
        os.mkfifo(events)
    elif what == "seen-elsewhere":
        # The run's folder is ours: move the harness's folder away and aim its
        # name at a folder of the host.
        os.rename(seen, seen + ".old")
        os.symlink(target, seen)
        for _ in range(3):
            p = multiprocessing.Process(target=_child)
            p.start()
            p.join()
        return len(os.listdir(seen + ".old"))  # what the watcher acknowledged
    return what
