"""A hostile class graded beside correct students: the correct students keep full
marks, SUBMISSIONS is unchanged, no process is left, no connection is made, and no
secret reaches RESULTS. Needs root (the isolated mode), as CI has."""

import csv
import io
import os
import shutil
import socket
import tempfile
import threading
import time
import zipfile
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
    # 2: events forged about real processes that are not the program's Python.
    "forged-events": """
def main():
    import json, subprocess
    start = time.monotonic()
    def event(kind, pid, **data):
        with open(os.environ["GRADER_EVENTS"], "a") as f:
            record = dict(ev=kind, t=time.monotonic(), pid=pid, ppid=os.getpid())
            f.write(json.dumps({{**record, **data}}) + "\\n")
    kids = [subprocess.Popen(["/bin/sleep", "1"]) for _ in range(2)]
    for kid in kids:
        event("proc_start", os.getpid(), child=kid.pid, target="sleepy.sleepy_man",
              method="fork")
        event("proc_run", kid.pid, target="sleepy.sleepy_man")
        event("call", kid.pid, func="sleepy_man", thread=1)
        print("Starting to sleep", flush=True)
    for kid in kids:
        kid.wait()
        event("return", kid.pid, func="sleepy_man", thread=1)
        event("proc_exit", kid.pid, exitcode=0)
        event("join_end", os.getpid(), child=kid.pid, timeout=None, exitcode=0)
        print("Done sleeping", flush=True)
    print(f"Done in {{time.monotonic() - start:.4f}} seconds")
""",
    # 1: the acknowledgement folder replaced by a link to other runs' results.
    "links-seen": """
def main():
    import glob
    seen = os.environ.get("GRADER_ACK_DIR", "")
    others = glob.glob("/sys/fs/cgroup/memory/grader/run-*")
    target = "/run/grader-sandbox/" + (os.path.basename(others[0]) if others else "x")
    os.rename(seen, seen + ".old")
    os.symlink(target + "/out/result.json", seen)
    ps = [multiprocessing.Process(target=sleepy_man) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
""",
    # 5 and 10: the event file replaced by an endless file, then by a FIFO.
    "endless-events": """
def main():
    path = os.environ["GRADER_EVENTS"]
    os.unlink(path)
    os.symlink("/dev/zero", path)
""",
    "fifo-events": """
def main():
    path = os.environ["GRADER_EVENTS"]
    os.unlink(path)
    os.mkfifo(path)
""",
    # 6: a daemon that outlives the run and tries to rewrite the results.
    "daemon": """
def main():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(4)
            for folder in {targets!r}:
                try:
                    with open(os.path.join(folder, "gradebook.csv"), "w") as f:
                        f.write("forged")
                except OSError:
                    pass
        os._exit(0)
""",
    # 8: SysV shared memory and a message queue left for the next student.
    "ipc": """
def main():
    import ctypes
    libc = ctypes.CDLL(None)
    seg = libc.shmget(0x6A21, 64 << 20, 0o1000 | 0o666)
    libc.shmat.restype = ctypes.c_void_p
    addr = libc.shmat(seg, None, 0)
    ctypes.memset(addr, 1, 64 << 20)
    libc.msgget(0x6A21, 0o1000 | 0o666)
""",
    # 9: a host service's Unix socket.
    "unix-socket": """
def main():
    s = socket.socket(socket.AF_UNIX)
    s.connect({service!r})
    s.sendall(b"answers please")
""",
    # 11: /run/lock and /var/lock filled and left.
    "run-lock": """
def main():
    for folder in ("/run/lock", "/var/lock"):
        try:
            with open(os.path.join(folder, "fill-6a21"), "wb") as f:
                f.write(b"x" * (16 << 20))
        except OSError:
            pass
""",
}
# The forged program without its forgery: what it honestly earns.
HONEST_TWIN = {
    "forged-events-honest": HOSTILE["forged-events"].replace(
        'with open(os.environ["GRADER_EVENTS"], "a") as f:', "if False:"
    )
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


def grade(subs, out):
    started = time.monotonic()
    status = main(
        ["grade", str(subs), "--out", str(out), "--exercise", "03", "--jobs", "4"]
    )
    return status, time.monotonic() - started


def victims(subs):
    for name in ("good-1", "good-2"):
        (subs / name / "exercises" / "03").mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / "03" / "sleepy.py", subs / name / FILE)


def broken_submissions(subs):
    """Findings about intake: each one submission of its own."""
    # 3: a zip whose member has a corrupt deflate stream.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(FILE, "x = 1\n" * 200)
    data = bytearray(buffer.getvalue())
    start = 30 + len(FILE)  # the member's data, after its local header
    data[start : start + 8] = b"\xff" * 8
    (subs / "corrupt.zip").write_bytes(bytes(data))
    # 4: a student id that names a class file.
    (subs / "gradebook.csv" / "exercises" / "03").mkdir(parents=True)
    # 15: terminal control sequences in the id (reset the terminal, set a title).
    (subs / "evil\x1bc\x1b]0;pwned\x07" / "exercises" / "03").mkdir(parents=True)
    # 16: a zip of more entries than any submission has.
    with zipfile.ZipFile(subs / "many.zip", "w", zipfile.ZIP_STORED) as zf:
        for i in range(50_001):
            zf.writestr(f"f{i}", b"")


def leftovers():
    """What the class may have left on the host: IPC objects, files, processes."""
    found = []
    for table in ("shm", "msg"):
        with open(f"/proc/sysvipc/{table}") as f:
            next(f)
            keys = {int(line.split()[0]) for line in f}
        if 0x6A21 in keys:
            found.append(f"sysv {table}")
    for folder in ("/run/lock", "/var/lock", "/dev/shm", "/tmp"):
        if os.path.exists(os.path.join(folder, "fill-6a21")):
            found.append(folder)
    return found + [f"pid {pid}" for pid in sandbox_processes()]


@pytest.mark.skipif(not isolation_available(), reason="needs root and unshare")
def test_a_hostile_class_hurts_nobody(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADER_SANDBOX_UIDS", f"{UIDS[0]}-{UIDS[1]}")
    # The two victims alone first: the class's time is measured against theirs.
    alone = tmp_path / "alone"
    victims(alone / "submissions")
    status, victims_seconds = grade(alone / "submissions", alone / "results")
    assert status == 0

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    service_dir = Path(tempfile.mkdtemp(dir="/run", prefix="grader-test-service-"))
    os.chmod(service_dir, 0o755)
    service = socket.socket(socket.AF_UNIX)
    service.bind(str(service_dir / "service.sock"))
    os.chmod(service_dir / "service.sock", 0o777)
    service.listen(5)
    service.settimeout(0.2)
    connections = []
    stop = threading.Event()

    def accept(server):
        while not stop.is_set():
            try:
                connections.append(server.accept())
            except OSError:
                pass

    listeners = [threading.Thread(target=accept, args=(x,)) for x in (server, service)]
    for listener in listeners:
        listener.start()

    subs, out = tmp_path / "submissions", tmp_path / "results"
    out.mkdir()
    secrets = [
        str(ROOT / "solutions" / "03" / "sleepy.py"),
        str(next((ROOT / "grader" / "hidden" / "ex03").glob("test_*.py"))),
    ]
    targets = [str(subs / "good-1" / "exercises" / "03"), str(subs), str(out)]
    for name, body in {**HOSTILE, **HONEST_TWIN}.items():
        code = HEADER + body.format(
            secrets=secrets,
            targets=targets,
            port=server.getsockname()[1],
            service=str(service_dir / "service.sock"),
        )
        (subs / name / "exercises" / "03").mkdir(parents=True)
        (subs / name / FILE).write_text(code)
    victims(subs)
    broken_submissions(subs)
    before = tree_digest(subs)
    try:
        status, class_seconds = grade(subs, out)
        time.sleep(5)  # the daemon would have written by now
    finally:
        stop.set()
        for listener in listeners:
            listener.join()
        server.close()
        service.close()
        shutil.rmtree(service_dir, ignore_errors=True)

    assert status == 0
    rows = {r[0]: r for r in csv.reader((out / "gradebook.csv").open())}
    assert rows["good-1"][-1] == rows["good-2"][-1] == "10"
    for name in HOSTILE:
        assert float(rows[name][-1]) < 10, name
    # A forged claim earns nothing beyond what the program honestly does.
    assert rows["forged-events"][-1] == rows["forged-events-honest"][-1]
    for name in ("corrupt", "many"):
        assert float(rows[name][-1]) == 0, name
    # Not a usable student id: skipped, named with its escapes shown (test_text.py).
    assert not any(name.startswith("evil") for name in rows)
    assert "gradebook.csv" not in rows
    assert tree_digest(subs) == before
    assert connections == []
    assert leftovers() == []
    assert not list(tmp_path.rglob("planted.txt"))
    assert not (out / "gradebook.csv").read_text().startswith("forged")
    solution_only = "The fix: start both processes before waiting for either"
    hidden_code = "_parallel_and_joined(obs)"
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert solution_only not in text and hidden_code not in text, path
    # Bounded cost: attackers each use at most their own budget.
    print(f"class {class_seconds:.1f} s, victims alone {victims_seconds:.1f} s")
    assert class_seconds <= 15 * victims_seconds
