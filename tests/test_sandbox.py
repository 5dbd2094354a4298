"""Nothing a student writes can hurt the grader, the machine or another student.

One test per row of the threat table in docs/security.md. The isolated mode needs
root (as in CI); the plain mode is what a student without root gets, and its tests
run everywhere. Every test is bounded in time and in what it takes from the machine.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from grader.checks import CheckFailed, completed
from grader.harness import Limits, call_function
from grader.harness.sandbox import Policy, isolation_available

HOSTILE = Path(__file__).resolve().parent / "hostile"
ROOT = Path(__file__).resolve().parent.parent
PLAIN = Policy(mode="plain")
ISOLATED = Policy(mode="isolated", hide=(str(ROOT),))
needs_root = pytest.mark.skipif(
    not isolation_available(), reason="the isolated mode needs root and unshare"
)
BOTH = pytest.mark.parametrize(
    "policy",
    [PLAIN, pytest.param(ISOLATED, marks=needs_root)],
    ids=["plain", "isolated"],
)


def run(name, *args, policy, timeout=10.0, **kw):
    return call_function(
        HOSTILE / f"{name}.py",
        "main",
        list(args),
        limits=Limits(timeout=timeout),
        sandbox=policy,
        **kw,
    )


def processes_of(fragment):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = (
                    Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace")
                )
                state = (
                    Path(f"/proc/{entry}/stat")
                    .read_bytes()
                    .rsplit(b")", 1)[1]
                    .split()[0]
                )
            except OSError:
                continue
            if fragment in cmd and state != b"Z":
                found.append(int(entry))
    return found


def failure(obs):
    with pytest.raises(CheckFailed) as info:
        completed(obs)
    return info.value.message(timeline=False)


@needs_root
def test_a_fork_bomb_is_stopped_by_the_process_cap_with_a_clear_message():
    started = time.monotonic()
    obs = run("fork_bomb", policy=ISOLATED)
    assert time.monotonic() - started < 15
    assert len(obs.processes) <= ISOLATED.processes + 1
    forked = int(obs.stdout()[0].text.split()[1])
    assert forked < ISOLATED.processes < 400
    assert "cap on processes" in failure(obs)
    assert processes_of("fork_bomb.py") == []


@needs_root
def test_unbounded_memory_meets_the_memory_cap():
    small = Policy(
        mode="isolated", hide=(str(ROOT),), memory=256 << 20, address_space=512 << 20
    )
    obs = run("memory_hog", policy=small)
    message = failure(obs)
    assert "memory cap" in message


@BOTH
def test_a_child_that_ignores_sigterm_and_escapes_is_killed(policy):
    obs = run("ignore_sigterm", policy=policy)
    assert obs.call.status == "returned"
    assert len(obs.left_running) == 1
    assert processes_of("ignore_sigterm.py") == []


@needs_root
def test_kill_minus_one_kills_only_the_students_own_run():
    bystander = call_function(
        ROOT / "solutions" / "03" / "sleepy.py",
        "main",
        sandbox=ISOLATED,
        trace=("sleepy_man",),
    )
    # Graded at the same time as another student, whose run must be unaffected.
    results = {}
    other = threading.Thread(
        target=lambda: results.update(
            other=call_function(
                ROOT / "solutions" / "03" / "sleepy.py", "main", sandbox=ISOLATED
            )
        )
    )
    other.start()
    obs = run("kill_everything", policy=ISOLATED)
    other.join()
    assert obs.call.status != "returned"
    assert results["other"].call.status == "returned"
    assert bystander.call.status == "returned"


@needs_root
def test_the_watcher_cannot_be_killed_in_the_isolated_mode():
    obs = call_function(
        HOSTILE.parent / "programs" / "kill_parent.py",
        "main",
        sandbox=ISOLATED,
        limits=Limits(timeout=5),
    )
    assert obs.stop_reason != "watcher_killed"
    assert "PermissionError" in obs.stderr_text() or obs.call.status != "returned"


@needs_root
def test_no_network_connection_leaves_the_sandbox():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    got = []

    def accept():
        try:
            conn, _ = server.accept()
            got.append(conn.recv(100))
            conn.close()
        except OSError:
            pass

    listener = threading.Thread(target=accept)
    listener.start()
    obs = run("connect", port, policy=ISOLATED)
    listener.join()
    server.close()
    assert got == []
    assert obs.stdout()[0].text.startswith("refused")


@needs_root
def test_the_course_other_students_and_results_are_neither_readable_nor_writable(
    tmp_path,
):
    other_student = tmp_path / "submissions" / "bob" / "exercises" / "03"
    other_student.mkdir(parents=True)
    (other_student / "sleepy.py").write_text("bob's work")
    results = tmp_path / "results"
    results.mkdir()
    (results / "gradebook.csv").write_text("student,03,total\n")
    reads = [
        str(ROOT / "solutions" / "03" / "sleepy.py"),
        str(ROOT / "solutions" / "03" / "hidden" / "test_hidden_03.py"),
        str(other_student / "sleepy.py"),
        str(results / "gradebook.csv"),
    ]
    writes = [str(other_student), str(results), str(tmp_path / "submissions")]
    policy = Policy(mode="isolated", hide=(str(ROOT), str(tmp_path)))
    obs = run("snoop", reads, writes, policy=policy)
    assert obs.call.value == {"readable": [], "writable": []}
    assert not list(tmp_path.rglob("planted.txt"))


@needs_root
def test_a_grader_killed_outright_takes_the_student_s_processes_with_it(tmp_path):
    # A TA's kill -9, or a Dask worker's machine going away: the run's supervisor
    # and its whole PID namespace go with the process that started them.
    program = ROOT / "tests" / "programs" / "sleep_long.py"
    code = (
        "import sys\n"
        "from grader.harness import Limits, run_program\n"
        "from grader.harness.sandbox import Policy\n"
        f"run_program({str(program)!r}, limits=Limits(timeout=100),"
        " sandbox=Policy(mode='isolated'))\n"
    )
    grader = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    for _ in range(100):
        if len(processes_of("sleep_long.py")) >= 3:
            break
        time.sleep(0.1)
    assert len(processes_of("sleep_long.py")) >= 3
    grader.kill()
    grader.wait()
    # Gone within seconds; the bound is wide because the whole suite loads the
    # machine meanwhile (the sleeper itself would live 100 s).
    for _ in range(300):
        if not processes_of("sleep_long.py"):
            break
        time.sleep(0.1)
    assert processes_of("sleep_long.py") == []


@BOTH
def test_the_student_s_python_has_the_standard_library_and_nothing_else(policy):
    # Neither the grader (and its hidden checks) nor its test framework is
    # importable from a student's program.
    assert run("imports_grader", policy=policy).call.value == []


@BOTH
def test_leaving_early_and_failing_at_import_get_clear_results(policy):
    early = failure(run("exits_early", policy=policy))
    assert "ended without returning" in early
    broken = failure(run("raises_at_import", policy=policy))
    assert "could not be imported: RuntimeError: broken at import time" in broken


@BOTH
def test_the_mode_is_recorded_in_the_observation(policy):
    obs = run("exits_early", policy=policy)
    assert obs.sandbox == policy.mode


@BOTH
@pytest.mark.parametrize("what", ["events-endless", "events-fifo"])
def test_an_event_file_replaced_by_an_endless_file_or_a_fifo_is_no_evidence(
    policy, what
):
    obs = run("replaces_run_files", what, policy=policy, timeout=10.0)
    # Neither the run nor the trusted reader waits on the file: a blocked reader
    # would hold this test until pytest-timeout, an endless one until the OOM.
    assert not obs.timed_out
    assert obs.call.status == "returned" and obs.call.value == what
    assert obs.events == []


@needs_root
def test_the_acknowledgement_folder_aimed_elsewhere_creates_nothing_there():
    from grader.harness.sandbox import RUN_BASE

    target = Path(tempfile.mkdtemp(prefix="ack-target-", dir=RUN_BASE))
    try:
        obs = run("replaces_run_files", "seen-elsewhere", str(target), policy=ISOLATED)
        assert obs.call.status == "returned"
        # The watcher still acknowledged, in the folder it made, and nowhere else.
        assert obs.call.value >= 1
        assert list(target.iterdir()) == []
    finally:
        shutil.rmtree(target)


@needs_root
def test_what_a_killed_grader_left_is_swept_by_the_next_run_of_its_uid(monkeypatch):
    from grader.harness.sandbox import RUN_BASE

    monkeypatch.setenv("GRADER_SANDBOX_UIDS", "62990-62990")
    RUN_BASE.mkdir(mode=0o711, exist_ok=True)
    stale = RUN_BASE / "run-62990-killed"
    (stale / "out").mkdir(parents=True, exist_ok=True)
    os.symlink("/etc", stale / "out" / "elsewhere")  # removed, never followed
    obs = run("exits_early", policy=ISOLATED)
    assert obs.exit_code == 0  # the run itself went as usual
    assert not stale.exists() and Path("/etc/passwd").exists()
    assert list(RUN_BASE.glob("run-62990-*")) == []


def _host_ipc_keys(table):
    with open(f"/proc/sysvipc/{table}") as f:
        next(f)
        return {int(line.split()[0]) for line in f}


@needs_root
def test_kernel_shared_state_dies_with_the_run_and_no_run_sees_another_s():
    hostname = socket.gethostname()
    key = 0x6A11
    first = run("leaves_shared_state", 64, key, policy=ISOLATED)
    second = run("leaves_shared_state", 1, key, policy=ISOLATED)
    assert first.call.status == second.call.status == "returned", first.call
    made, later = first.call.value, second.call.value
    # The run could make each of them, in a namespace of its own...
    assert made["shm"] and made["msg"] and made["mq"] and made["/dev/shm"]
    # ...and the next run, like the host, finds none of it.
    assert not (later["shm_seen"] or later["msg_seen"] or later["lock_seen"])
    assert key not in _host_ipc_keys("shm") and key not in _host_ipc_keys("msg")
    assert not os.path.exists("/dev/mqueue/grader-note")
    for folder in ("/run/lock", "/var/lock", "/dev/shm", "/dev/mqueue"):
        assert not os.path.exists(os.path.join(folder, f"note-{key}.txt")), folder
    assert socket.gethostname() == hostname
    # A /dev of its own: no logger socket, no host message queues.
    assert "log" not in made["dev"] and "mqueue" not in made["dev"]
    assert {"null", "zero", "urandom", "shm"} <= set(made["dev"])


@needs_root
def test_no_unix_socket_of_the_host_is_reachable():
    folder = Path(tempfile.mkdtemp(dir="/run", prefix="grader-test-"))
    servers, got = [], []
    try:
        stream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        stream.bind(str(folder / "service.sock"))
        stream.listen(5)
        dgram = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        dgram.bind(str(folder / "log.sock"))
        abstract = f"grader-test-{os.getpid()}"
        hidden = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        hidden.bind("\0" + abstract)
        hidden.listen(5)
        # A socket outside every covered folder too, beside the course.
        beside = ROOT / f".grader-test-{os.getpid()}.sock"
        outside = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        outside.bind(str(beside))
        outside.listen(5)
        servers = [stream, dgram, hidden, outside]
        for s in servers:
            s.setblocking(False)
        paths = [str(folder / "service.sock"), str(folder / "log.sock"), str(beside)]
        # Open to every user, as the system bus and many services are.
        os.chmod(folder, 0o755)
        for path in paths:
            os.chmod(path, 0o777)
        obs = run("unix_sockets", paths, abstract, policy=Policy(mode="isolated"))
        for s in (stream, hidden, outside):
            try:
                got.append(s.accept())
            except BlockingIOError:
                pass
        try:
            got.append(dgram.recv(100))
        except BlockingIOError:
            pass
    finally:
        for s in servers:
            s.close()
        shutil.rmtree(folder, ignore_errors=True)
        (ROOT / f".grader-test-{os.getpid()}.sock").unlink(missing_ok=True)
    assert obs.call.status == "returned", obs.call
    assert obs.call.value == []
    assert got == []


SYSTEM_PYTHON = "/usr/bin/python3"
needs_dropped = pytest.mark.skipif(
    os.geteuid() != 0
    or not shutil.which("capsh")
    or not os.access(SYSTEM_PYTHON, os.X_OK),
    reason="needs root, capsh and a system Python other users may run",
)


def in_a_container(cases, hide):
    """Run the cases as root without CAP_SYS_ADMIN (Docker's default), with the
    system Python, as a grader installed in an autograder image would."""
    command = [
        "capsh",
        "--drop=cap_sys_admin",
        "--",
        "-c",
        'exec "$@"',
        "capsh",
        SYSTEM_PYTHON,
        str(ROOT / "tests" / "sandbox_driver.py"),
        json.dumps(cases),
        json.dumps(hide),
    ]
    env = {k: v for k, v in os.environ.items() if k != "GRADER_SANDBOX"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@needs_dropped
def test_root_without_namespaces_gets_the_dropped_mode_and_keeps_every_secret():
    course = Path(tempfile.mkdtemp(dir="/var/tmp", prefix="grader-course-"))
    try:
        os.chmod(course, 0o755)  # as a course checked out by a TA
        (course / "hidden.py").write_text("ANSWER = 42\n")
        os.chmod(course / "hidden.py", 0o644)
        grader_file = ROOT / "grader" / "checks" / "sleepy.py"
        reads = [str(course / "hidden.py"), str(grader_file)]
        results = in_a_container(
            [["snoop", [reads, [str(course)]]], ["whoami", []]], [str(course)]
        )
    finally:
        shutil.rmtree(course)
    snoop, whoami = results
    assert snoop["mode"] == "dropped"
    assert snoop["value"] == {"readable": [], "writable": []}
    assert whoami["value"]["uid"] != 0 and whoami["value"]["groups"] == []


@needs_dropped
def test_the_dropped_mode_kills_every_process_and_sweeps_what_the_run_left():
    hostname = socket.gethostname()
    key = 0x6A12  # not the isolated test's, which may run at the same time
    results = in_a_container(
        [["ignore_sigterm", []], ["leaves_shared_state", [16, key]]], []
    )
    escapee, leaver = results
    assert escapee["mode"] == leaver["mode"] == "dropped"
    assert escapee["status"] == "returned"
    assert processes_of("leaves_shared_state") == []
    assert processes_of("ignore_sigterm") == []
    assert leaver["value"]["shm"] and leaver["value"]["/dev/shm"]
    assert key not in _host_ipc_keys("shm") and key not in _host_ipc_keys("msg")
    for folder in ("/run/lock", "/var/lock", "/dev/shm"):
        assert not os.path.exists(os.path.join(folder, f"note-{key}.txt")), folder
    assert socket.gethostname() == hostname and not leaver["value"]["hostname"]


@needs_root
def test_secrets_inside_the_python_installation_stay_covered():
    # A grader installed in the system Python (an autograder image) has its hidden
    # checks in site-packages, inside the installation the run must see.
    base = os.path.realpath(sys.base_prefix)
    secret_dir = Path(tempfile.mkdtemp(dir=base, prefix="grader-test-site-"))
    try:
        os.chmod(secret_dir, 0o755)
        (secret_dir / "test_hidden.py").write_text("SECRET = 1\n")
        os.chmod(secret_dir / "test_hidden.py", 0o644)
        reads = [str(secret_dir / "test_hidden.py"), str(Path(sys.executable))]
        obs = run(
            "snoop",
            reads,
            [],
            policy=Policy(mode="isolated", hide=(str(secret_dir),)),
        )
    finally:
        shutil.rmtree(secret_dir)
    assert obs.call.status == "returned", obs.call
    assert obs.call.value["readable"] == []


def test_the_grader_s_own_files_are_always_among_the_secrets():
    from grader.harness import sandbox

    assert Path(sandbox.GRADER_PACKAGE) == ROOT / "grader"
    if isolation_available():
        box = sandbox.open_box(Policy(mode="isolated"))
        try:
            covered = box.spec["hide"]
        finally:
            box.close()
        assert any(
            sandbox.GRADER_PACKAGE == c or sandbox.GRADER_PACKAGE.startswith(c + "/")
            for c in covered
        )


@needs_root
def test_a_class_starts_by_sweeping_every_uid_no_live_run_holds():
    import fcntl

    from grader.harness.sandbox import RUN_BASE, sweep_abandoned

    RUN_BASE.mkdir(mode=0o711, exist_ok=True)
    abandoned = RUN_BASE / "run-62980-killed"
    (abandoned / "work").mkdir(parents=True, exist_ok=True)
    group = Path("/sys/fs/cgroup/pids/grader") / abandoned.name
    try:
        group.mkdir(parents=True, exist_ok=True)
    except OSError:
        group = None  # no writable cgroup v1 here: the folder alone is the test
    live = RUN_BASE / "run-62981-live"
    (live / "work").mkdir(parents=True, exist_ok=True)
    held = os.open(RUN_BASE / ".uid-62981.lock", os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(held, fcntl.LOCK_EX)  # a run of another grader, still going
    try:
        swept = sweep_abandoned()
        assert 62980 in swept and 62981 not in swept
        assert not abandoned.exists()
        assert group is None or not group.exists()
        assert live.exists()
    finally:
        os.close(held)
        shutil.rmtree(live, ignore_errors=True)


def test_the_dropped_mode_refuses_to_hide_a_folder_that_holds_the_students_python(
    tmp_path,
):
    from grader.harness.sandbox import protect

    course = tmp_path / "course"
    (course / "python" / "bin").mkdir(parents=True)
    os.chmod(course, 0o755)
    with pytest.raises(RuntimeError, match="their Python .* lies inside it"):
        protect([str(course)], str(course / "python" / "bin" / "python3"))
    assert os.stat(course).st_mode & 0o007 == 0o005  # nothing was changed
    protect([str(course)], "/usr/bin/python3")
    assert os.stat(course).st_mode & 0o007 == 0
