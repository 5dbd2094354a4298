"""A hostile class graded beside correct students: the correct students keep full
marks, SUBMISSIONS is unchanged, no process is left, no connection is made, and no
secret reaches RESULTS. Needs root (the isolated mode), as CI has."""

import csv
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from grader.cli import main
from grader.harness.sandbox import isolation_available
from test_grade import tree_digest

ROOT = Path(__file__).resolve().parent.parent
FILE = "exercises/03/sleepy.py"
HEADER = """import multiprocessing
import os
import signal
import socket
import sys
import time


def sleepy_man():
    print("Starting to sleep")
    time.sleep(1)
    print("Done sleeping")

"""
HOSTILE = {
    "fork-bomb": """
def main():
    while True:
        os.fork()
""",
    "flood": """
def main():
    while True:
        print("spam " * 100)
""",
    "kill-all": """
def main():
    os.kill(-1, signal.SIGKILL)
""",
    "snoop": """
def main():
    for path in {secrets!r}:
        try:
            print(open(path).read())
        except OSError as exc:
            print("no", path, exc)
    for folder in {targets!r}:
        try:
            open(os.path.join(folder, "planted.txt"), "w").write("x")
        except OSError as exc:
            print("no", folder, exc)
""",
    "network": """
def main():
    s = socket.create_connection(("127.0.0.1", {port}), timeout=2)
    s.sendall(b"answers please")
""",
    "fake-pass": """
def main():
    print("============ 10 passed in 0.01s ============")
    print("Exercise 03 · Processes and join: 10/10 points")
    sys.stdout.flush()
    os._exit(0)
""",
    "escapee": """
def main():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(120)
        os._exit(0)
    print("bye")
""",
}


# Runs of this test get uids of their own, so that students graded by other tests
# at the same time are not mistaken for leftovers.
UIDS = (63500, 63599)


def sandbox_processes():
    """Live processes running as one of the uids this test's runs were lent."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                uid = os.stat(f"/proc/{entry}").st_uid
                state = Path(f"/proc/{entry}/stat").read_bytes().rsplit(b")", 1)[1][1:2]
            except OSError:
                continue
            if UIDS[0] <= uid <= UIDS[1] and state != b"Z":
                found.append(int(entry))
    return found


@pytest.mark.skipif(not isolation_available(), reason="needs root and unshare")
def test_a_hostile_class_hurts_nobody(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADER_SANDBOX_UIDS", f"{UIDS[0]}-{UIDS[1]}")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    connections = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connections.append(server.accept())
            except OSError:
                pass

    listener = threading.Thread(target=accept)
    listener.start()

    subs, out = tmp_path / "submissions", tmp_path / "results"
    out.mkdir()
    secrets = [
        str(ROOT / "solutions" / "03" / "sleepy.py"),
        str(next((ROOT / "grader" / "hidden" / "ex03").glob("test_*.py"))),
    ]
    targets = [str(subs / "good-1" / "exercises" / "03"), str(subs), str(out)]
    for name, body in HOSTILE.items():
        code = HEADER + body.format(
            secrets=secrets, targets=targets, port=server.getsockname()[1]
        )
        (subs / name / "exercises" / "03").mkdir(parents=True)
        (subs / name / FILE).write_text(code)
    for name in ("good-1", "good-2"):
        (subs / name / "exercises" / "03").mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / "03" / "sleepy.py", subs / name / FILE)
    before = tree_digest(subs)
    try:
        status = main(
            ["grade", str(subs), "--out", str(out), "--exercise", "03", "--jobs", "4"]
        )
    finally:
        stop.set()
        listener.join()
        server.close()

    assert status == 0
    rows = {r[0]: r for r in csv.reader((out / "gradebook.csv").open())}
    assert rows["good-1"][-1] == rows["good-2"][-1] == "10"
    for name in HOSTILE:
        assert float(rows[name][-1]) < 10, name
    assert tree_digest(subs) == before
    assert connections == []
    assert sandbox_processes() == []
    assert not list(tmp_path.rglob("planted.txt"))
    solution_only = "The fix: start both processes before waiting for either"
    hidden_code = "_parallel_and_joined(obs)"
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert solution_only not in text and hidden_code not in text, path
