"""A hostile class graded beside correct students: the correct students keep full
marks, SUBMISSIONS is unchanged, no process is left, no connection is made, and no
secret reaches RESULTS. Needs root (the isolated mode), as CI has."""

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
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
    # 10: FIFOs planted in the acknowledgement folder, under the names of the
    # next pids, where the watcher will create its entries.
    "fifo-seen": """
def main():
    seen = os.environ["GRADER_ACK_DIR"]
    for pid in range(os.getpid() + 1, os.getpid() + 200):
        try:
            os.mkfifo(os.path.join(seen, str(pid)))
        except OSError:
            pass
    ps = [multiprocessing.Process(target=sleepy_man) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
""",
    # 15: a window title, a clipboard write and a screen clear, in its output.
    "escapes": """
def main():
    print("\\x1b]0;pwned\\x07\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\x1bc")
    print("Done in 1.0000 seconds")
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
        str(ROOT / "solutions" / "03" / "hidden" / "test_hidden_03.py"),
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
    assert run_leftovers(UIDS) == []  # run folders and cgroups
    assert not list(tmp_path.rglob("planted.txt"))
    assert not (out / "gradebook.csv").read_text().startswith("forged")
    solution_only = "The fix: start both processes before waiting for either"
    hidden_code = "_parallel_and_joined(obs)"
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert solution_only not in text and hidden_code not in text, path
            assert "\x1b" not in text and "\x07" not in text, path
    # Bounded cost: attackers each use at most their own budget.
    print(f"class {class_seconds:.1f} s, victims alone {victims_seconds:.1f} s")
    assert class_seconds <= 15 * victims_seconds


# The plain mode: a TA grading as themselves, not root (6 and 14).
DAEMON_MARK = "grader-test-plain-daemon"
PLAIN_DAEMON = """
def main():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            sys.argv[0] = {mark!r}
            time.sleep(4)
            with open(os.path.join({out!r}, "gradebook.csv"), "w") as f:
                f.write("forged")
        os._exit(0)
    ps = [multiprocessing.Process(target=sleepy_man) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
"""


def processes_marked(mark):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if mark.encode() in cmd:
                found.append(int(entry))
    return found


@pytest.mark.skipif(
    os.geteuid() != 0
    or not shutil.which("setpriv")
    or not os.access("/usr/bin/python3", os.X_OK),
    reason="needs root (to become an ordinary user), setpriv and /usr/bin/python3",
)
def test_a_ta_without_root_is_refused_a_class_unless_they_trust_it():
    from test_student_machines import SYSTEM_PYTHON, environment

    python = environment(SYSTEM_PYTHON, "system")
    # Everything the unprivileged TA needs, where they may read it; theirs to write.
    base = Path(tempfile.mkdtemp(dir="/var/tmp", prefix="grader-plain-class-"))
    try:
        course, subs, out = base / "course", base / "submissions", base / "results"
        for part in (
            "grader",
            "exercises",
            "solutions",
            "course.yml",
            "demo/roster.csv",
        ):
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(
                    source, course / part, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                (course / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, course / part)
        victims(subs)
        (subs / "daemon" / "exercises" / "03").mkdir(parents=True)
        code = HEADER + PLAIN_DAEMON.format(mark=DAEMON_MARK, out=str(out))
        (subs / "daemon" / FILE).write_text(code)
        # 14: a file its owner cannot read either (mode 000).
        (subs / "locked" / "exercises" / "03").mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / "03" / "sleepy.py", subs / "locked" / FILE)
        subprocess.run(["chmod", "-R", "a+rX", str(base)], check=True)
        subprocess.run(["chown", "-R", "65534:65534", str(subs), str(base)], check=True)
        os.chmod(subs / "locked" / FILE, 0)

        def grade_as_the_ta(*flags):
            command = f"import sys; from grader.cli import main; sys.exit(main({['grade', str(subs), '--out', str(out), '--exercise', '03', *flags]!r}))"
            return subprocess.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
                + ["env", f"HOME={base}", f"PYTHONPATH={course}", "GRADER_SANDBOX=auto"]
                + [str(python), "-c", command],
                cwd=course,
                capture_output=True,
                text=True,
                timeout=600,
            )

        # 6: the plain mode cannot protect RESULTS from code running as the TA, so
        # a class is refused, before any student's code has run.
        refused = grade_as_the_ta()
        assert refused.returncode == 2, refused.stderr[-2000:]
        said = " ".join(refused.stderr.split())
        assert "not grading a class in the plain sandbox" in said
        assert "--trust-students" in said
        time.sleep(5)  # the daemon, had it run, would have written by now
        assert not (out / "gradebook.csv").exists()
        assert processes_marked(DAEMON_MARK) == []

        # Trusted explicitly: graded, with the risk said; the daemon dies with
        # its run (the supervisor is its subreaper), so the gradebook stays true.
        trusted = grade_as_the_ta("--trust-students")
        assert trusted.returncode == 0, trusted.stderr[-2000:]
        said = " ".join(trusted.stderr.split())
        assert "warning: the plain sandbox runs every student's code as you" in said
        time.sleep(5)
        rows = {r[0]: r for r in csv.reader((out / "gradebook.csv").open())}
        assert rows["good-1"][-1] == rows["good-2"][-1] == "10"
        assert processes_marked(DAEMON_MARK) == []
        # 14: the unreadable file is that student's problem, named, not the class's.
        assert rows["locked"][-1] == "0"
        feedback = (out / "locked" / "feedback.md").read_text()
        assert "sleepy.py" in feedback and "could not be read" in feedback
    finally:
        shutil.rmtree(base, ignore_errors=True)


# 12: what a killed run leaves. Each test has uids of its own.
KILL_UIDS = (63600, 63624)
KILLED_GRADER_UIDS = (63625, 63649)
SLOW = """
def main():
    ps = [multiprocessing.Process(target=time.sleep, args=(8,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
"""


def run_leftovers(uids):
    """Run folders and cgroups of those uids still on the host."""
    from grader.harness.sandbox import CGROUP_ROOT, RUN_BASE

    found = []
    for base in [RUN_BASE, *CGROUP_ROOT.glob("*/grader")]:
        for folder in base.glob("run-*-*"):
            uid = folder.name.split("-")[1]
            if uid.isdigit() and uids[0] <= int(uid) <= uids[1]:
                found.append(str(folder))
    return found


def trusted_pytest_of(student):
    """The pid of the pytest that runs that student's checks, if it runs now."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"pytest" in cmd and any(
                a.startswith(b"--grader-submission=") and a.endswith(b"/" + student)
                for a in cmd
            ):
                return int(entry)
    return None


def processes_of_uids(uids):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                uid = os.stat(f"/proc/{entry}").st_uid
                state = Path(f"/proc/{entry}/stat").read_bytes().rsplit(b")", 1)[1]
            except OSError:
                continue
            if uids[0] <= uid <= uids[1] and state[1:2] != b"Z":
                found.append(int(entry))
    return found


def killed_class(subs):
    victims(subs)
    (subs / "oom" / "exercises" / "03").mkdir(parents=True)
    (subs / "oom" / FILE).write_text(HEADER + SLOW)


@pytest.mark.skipif(not isolation_available(), reason="needs root and unshare")
def test_a_student_s_checks_killed_mid_class_cost_that_student_alone(
    tmp_path, monkeypatch
):
    # The out-of-memory killer, as it would pick the trusted pytest of a student
    # whose program grew: that student gets a clear result, the class goes on.
    monkeypatch.setenv("GRADER_SANDBOX_UIDS", f"{KILL_UIDS[0]}-{KILL_UIDS[1]}")
    subs, out = tmp_path / "submissions", tmp_path / "results"
    killed_class(subs)
    killed = []

    def oom_killer():
        deadline = time.monotonic() + 120
        while not killed and time.monotonic() < deadline:
            pid = trusted_pytest_of(b"oom")
            # Once its program runs (children of the lent uids exist).
            if pid and processes_of_uids(KILL_UIDS):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            time.sleep(0.2)

    killer = threading.Thread(target=oom_killer)
    killer.start()
    try:
        status, _ = grade(subs, out)
    finally:
        killer.join()
    assert killed and status == 0
    rows = {r[0]: r for r in csv.reader((out / "gradebook.csv").open())}
    assert rows["good-1"][-1] == rows["good-2"][-1] == "10"
    assert rows["oom"][-1] == "0"
    feedback = (out / "oom" / "feedback.md").read_text()
    assert "the checks were killed (SIGKILL, signal 9)" in " ".join(feedback.split())
    for _ in range(100):  # the killed run's supervisor goes with its pytest
        if not processes_of_uids(KILL_UIDS):
            break
        time.sleep(0.1)
    assert processes_of_uids(KILL_UIDS) == []
    assert run_leftovers(KILL_UIDS) == []  # swept when the class ended


@pytest.mark.skipif(not isolation_available(), reason="needs root and unshare")
def test_a_grader_killed_outright_leaves_nothing_the_next_class_does_not_sweep(
    tmp_path,
):
    uids = f"{KILLED_GRADER_UIDS[0]}-{KILLED_GRADER_UIDS[1]}"
    subs, out = tmp_path / "submissions", tmp_path / "results"
    killed_class(subs)
    grader = subprocess.Popen(
        [sys.executable, "-m", "grader.cli", "grade", str(subs), "--out", str(out)]
        + ["--exercise", "03", "--jobs", "4"],
        cwd=ROOT,
        env={**os.environ, "GRADER_SANDBOX_UIDS": uids},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            if processes_of_uids(KILLED_GRADER_UIDS):
                break
            time.sleep(0.1)
        assert processes_of_uids(KILLED_GRADER_UIDS), "the class never started a run"
    finally:
        os.killpg(grader.pid, signal.SIGKILL)  # everything the TA started, at once
        grader.wait()
    for _ in range(300):
        if not processes_of_uids(KILLED_GRADER_UIDS):
            break
        time.sleep(0.1)
    assert processes_of_uids(KILLED_GRADER_UIDS) == []
    # The next class (any class) sweeps the run folders and cgroups left behind,
    # and grades everyone.
    again = subprocess.run(
        [sys.executable, "-m", "grader.cli", "grade", str(subs), "--out", str(out)]
        + ["--exercise", "03", "--jobs", "4"],
        cwd=ROOT,
        env={**os.environ, "GRADER_SANDBOX_UIDS": uids},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr[-2000:]
    rows = {r[0]: r for r in csv.reader((out / "gradebook.csv").open())}
    assert rows["good-1"][-1] == rows["good-2"][-1] == "10"
    assert run_leftovers(KILLED_GRADER_UIDS) == []
    assert processes_of_uids(KILLED_GRADER_UIDS) == []


@pytest.mark.skipif(not isolation_available(), reason="needs root and unshare")
def test_a_submission_time_planted_in_a_zip_is_not_believed(tmp_path):
    # 13: nbgrader's submitted/ layout gives each folder its timestamp.txt; a zip
    # that carries one (set early, to escape a late penalty) gets none.
    subs, out = tmp_path / "submitted", tmp_path / "results"
    stamp = "2026-11-20 10:00:00.000000 UTC"
    for name in ("good-1", "good-2"):
        (subs / name / "ex03").mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / "03" / "sleepy.py", subs / name / "ex03")
        (subs / name / "ex03" / "timestamp.txt").write_text(stamp)
    with zipfile.ZipFile(subs / "early.zip", "w") as zf:
        zf.write(ROOT / "solutions" / "03" / "sleepy.py", "ex03/sleepy.py")
        zf.writestr("ex03/timestamp.txt", "2020-01-01 00:00:00.000000 UTC")
    status, _ = grade(subs, out)
    assert status == 0
    students = {
        s["student"]: s
        for s in json.loads((out / "grades.json").read_text())["students"]
    }
    for name in ("good-1", "good-2"):
        assert students[name]["exercises"][0]["submitted_at"].startswith("2026-11-20")
    assert students["early"]["exercises"][0]["submitted_at"] is None
    assert [s["total"] for s in students.values()] == [10, 10, 10]
