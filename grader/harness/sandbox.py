"""Where and as whom a student's run happens: the sandbox.

Three modes (docs/security.md says what each guarantees):

- ``isolated`` (root where namespaces can be made: a TA's machine, CI): the
  supervisor starts as PID 1 of new PID, network, IPC, UTS and mount namespaces
  (util-linux ``unshare``), covers the course, the grader, the submissions, the
  results, /root, /home, /tmp and /run with empty tmpfs mounts, gives the run a
  minimal /dev, and starts the student's Python as a uid of its own (one per
  concurrent run), with caps on processes (RLIMIT_NPROC binds a non-root uid, and a
  pids cgroup), memory (a memory cgroup), CPU time and file size. When the
  supervisor exits, the kernel kills everything left in the PID namespace.
- ``dropped`` (root without CAP_SYS_ADMIN: Docker's default, so Gradescope's): the
  same lent uid and caps without namespaces; the secrets are kept from that uid by
  permissions (chmod o-rwx), every process of the uid is killed at the end and
  what it left in /tmp, /dev/shm and SysV IPC is swept.
- ``plain`` (a student's laptop, no root): a new session, the supervisor as
  subreaper, a tree kill, rlimits and the output cap; the student's code runs as
  the student, and can do whatever the student can.

``GRADER_SANDBOX`` = ``auto`` (default) | ``isolated`` | ``dropped`` | ``plain``;
``GRADER_SANDBOX_HIDE`` adds paths to cover (``os.pathsep``-separated);
``GRADER_SANDBOX_UIDS=first-last`` moves the uids lent to runs.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

RUN_BASE = Path("/run/grader-sandbox")  # isolated mode: one 0700 folder per run
UID_FIRST, UID_COUNT = 61000, 2000  # uids lent to runs (GRADER_SANDBOX_UIDS)
CGROUP_ROOT = Path("/sys/fs/cgroup")
# /run holds the host's service sockets and /run/lock, world-writable and kept
# after the run; /var/run and /var/lock are usually links into it. /dev is
# replaced by a minimal one (supervisor.isolate_files).
ALWAYS_HIDE = ("/root", "/home", "/tmp", "/var/tmp", "/run", "/var/run", "/var/lock")
NEVER_HIDE = {
    "/",
    "/usr",
    "/lib",
    "/lib64",
    "/bin",
    "/sbin",
    "/etc",
    "/proc",
    "/sys",
    "/dev",
    str(RUN_BASE),
}


def die_with_parent() -> list[str]:
    """Put before a command whose process must not outlive the one that starts it.

    A grader (or a Dask worker) killed with SIGKILL takes its pytest runs with it,
    and they their supervisors: in the isolated mode that ends each run's PID
    namespace and everything in it. ``setpriv`` (util-linux) sets the parent-death
    signal and execs the command; without it the runs end at their own timeouts.
    The signal follows the starting *thread*, which waits for the command, so a
    pool of threads is no obstacle.
    """
    return ["setpriv", "--pdeathsig", "KILL", "--"] if _has_setpriv() else []


@cache
def _has_setpriv() -> bool:
    return shutil.which("setpriv") is not None


UNSHARE = [
    "unshare",
    "--pid",
    "--fork",
    "--kill-child",
    "--net",
    "--ipc",  # SysV shared memory, semaphores, message queues: gone with the run
    "--uts",
    "--mount",
    "--mount-proc",
    "--propagation",
    "private",
    "--",
]


MODES = ("isolated", "dropped", "plain")


@dataclass(frozen=True)
class Policy:
    mode: str = "plain"  # "isolated" | "dropped" | "plain"
    hide: tuple[str, ...] = ()
    processes: int = 128  # tasks (processes and threads) of the run
    memory: int = 2 << 30  # bytes for the whole run (a memory cgroup, where possible)
    address_space: int = 4 << 30  # bytes per process (RLIMIT_AS)
    cpu_seconds: int = 120  # per process (RLIMIT_CPU)
    file_size: int = 16 << 20  # bytes per file written (RLIMIT_FSIZE)

    @classmethod
    def from_env(cls, hide: tuple[str, ...] = ()) -> Policy:
        wanted = os.environ.get("GRADER_SANDBOX", "auto")
        extra = tuple(
            p for p in os.environ.get("GRADER_SANDBOX_HIDE", "").split(os.pathsep) if p
        )
        if wanted not in ("auto", *MODES):
            raise ValueError(
                f"GRADER_SANDBOX={wanted!r}: use auto, isolated, dropped or plain"
            )
        if wanted == "auto":
            wanted = best_mode()
        elif wanted == "isolated" and not isolation_available():
            raise RuntimeError(
                "GRADER_SANDBOX=isolated needs root and util-linux unshare"
            )
        elif wanted == "dropped" and not dropping_available():
            raise RuntimeError(
                "GRADER_SANDBOX=dropped needs root (CAP_SETUID) and a Python that "
                "other users may run"
            )
        return cls(mode=wanted, hide=tuple(hide) + extra)


def best_mode() -> str:
    """What ``auto`` picks: namespaces where the kernel lets us make them, else a
    uid of its own for each run (root in a container without CAP_SYS_ADMIN, as in
    Docker's default and so Gradescope's), else the same user (a student's laptop)."""
    if isolation_available():
        return "isolated"
    if dropping_available():
        return "dropped"
    return "plain"


def describe(mode: str) -> str:
    if mode == "isolated":
        return (
            "isolated (own PID, network, IPC and mount namespaces; unprivileged uid; "
            "process, memory, CPU and file caps)"
        )
    if mode == "dropped":
        return (
            "dropped (no namespaces here: unprivileged uid, the course and results "
            "made unreadable to other users, process, CPU and file caps; network, "
            "/tmp and IPC are shared, see docs/security.md)"
        )
    return (
        "plain (new session, tree kill, rlimits, output cap; runs as you: the "
        "student's code can do what you can, including change the results)"
    )


@cache
def isolation_available() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    try:
        probe = subprocess.run(
            [*UNSHARE, "true"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


@cache
def dropping_available() -> bool:
    """Root may become a lent uid, and that uid may run the base Python."""
    if os.geteuid() != 0:
        return False
    base = os.path.realpath(getattr(sys, "_base_executable", sys.executable))
    uid = uid_range()[0]
    try:
        probe = subprocess.run(
            [base, "-I", "-S", "-c", "pass"],
            capture_output=True,
            timeout=10,
            check=False,
            user=uid,
            group=uid,
            extra_groups=[],
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


@dataclass
class Box:
    """One run's place: its folder, its uid, and how to start its supervisor."""

    policy: Policy
    run_dir: Path
    python: str  # the interpreter the student's code runs with
    launcher: list[str]  # put before the supervisor's command
    spec: dict  # the supervisor's "sandbox" section
    uid: int | None = None
    _lock_fd: int | None = None
    _cgroups: list[Path] = field(default_factory=list)

    def owned_dir(self, name: str) -> Path:
        """A folder in the run's place that the student's code may write."""
        path = self.run_dir / name
        path.mkdir()
        self._give(path)
        return path

    def owned_file(self, name: str) -> Path:
        path = self.run_dir / name
        path.touch()
        self._give(path)
        return path

    def _give(self, path: Path) -> None:
        if self.uid is not None:
            os.chown(path, self.uid, self.uid)

    def close(self) -> None:
        shutil.rmtree(self.run_dir, ignore_errors=True)
        if self.policy.mode == "dropped" and self.uid is not None:
            sweep_shared(self.uid)
        for group in self._cgroups:
            for _ in range(50):  # the namespace's processes may still be dying
                try:
                    group.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)
        if self._lock_fd is not None:
            os.close(self._lock_fd)


def student_python(run_dir: Path) -> str:
    """A bare virtual environment in the run's folder: the base interpreter with the
    standard library and nothing else.

    Students' programs need only the standard library. Without the grader's
    site-packages every interpreter the run starts (the program, each spawn child)
    skips scanning them and their .pth files (about 15 ms each here), and the
    student's code cannot import the grader, pytest or the checks. A symlink and a
    pyvenv.cfg: cheaper than ``python -m venv``, and gone with the run.
    """
    base = os.path.realpath(getattr(sys, "_base_executable", sys.executable))
    env = run_dir / "python"
    (env / "bin").mkdir(parents=True)
    (env / "pyvenv.cfg").write_text(
        f"home = {os.path.dirname(base)}\ninclude-system-site-packages = false\n"
    )
    (env / "bin" / "python3").symlink_to(base)
    return str(env / "bin" / "python3")


# The grader's own files: an installed grader (system Python, a container image)
# holds the hidden checks.
GRADER_PACKAGE = str(Path(__file__).resolve().parents[1])


def open_box(policy: Policy) -> Box:
    if policy.mode == "plain":
        run_dir = Path(tempfile.mkdtemp(prefix="grader-run-"))
        return Box(
            policy,
            run_dir,
            student_python(run_dir),
            [],
            {"rlimits": _plain_rlimits(policy)},
        )
    RUN_BASE.mkdir(mode=0o711, exist_ok=True)
    os.chmod(RUN_BASE, 0o711)
    uid, lock_fd = _lend_uid()
    _sweep(uid, policy.mode == "dropped")
    run_dir = Path(tempfile.mkdtemp(prefix=f"run-{uid}-", dir=RUN_BASE))
    os.chown(run_dir, uid, uid)
    os.chmod(run_dir, 0o700)
    python = student_python(run_dir)
    box = Box(policy, run_dir, python, [], {}, uid, lock_fd)
    secrets = [*policy.hide, GRADER_PACKAGE]
    if sys.prefix != sys.base_prefix:
        secrets.append(sys.prefix)  # the grader's virtual environment
    box.spec = {
        "uid": uid,
        "rlimits": {
            "RLIMIT_NPROC": policy.processes,
            "RLIMIT_AS": policy.address_space,
            "RLIMIT_CPU": policy.cpu_seconds,
            "RLIMIT_FSIZE": policy.file_size,
            "RLIMIT_CORE": 0,
        },
        "cgroup_procs": [str(p / "cgroup.procs") for p in _cgroups(box, uid)],
    }
    if policy.mode == "isolated":
        # The Python installation stays visible (secrets under it are covered
        # again after it is put back), and the run's own folder.
        keep = sorted({os.path.realpath(sys.base_prefix), str(run_dir)})
        box.launcher = list(UNSHARE)
        box.spec.update(
            isolate=True,
            hide=_covers([*ALWAYS_HIDE, *secrets], keep),
            keep=keep,
            sockets=host_sockets(),
        )
    else:
        # No mount namespace: the secrets are kept from the lent uid by ordinary
        # permissions, and what it leaves in the shared places is swept after.
        protect(secrets, os.path.realpath(python))
        box.spec["kill_uid"] = True
    return box


def _covers(paths: list[str], keep: list[str]) -> list[str]:
    """The folders to cover with tmpfs: real paths, each once, none under another
    unless a kept path between them would bring it back into view."""
    candidates = {os.path.realpath(p) for p in paths}
    hide = []
    for real in sorted(candidates):
        if real in NEVER_HIDE or not os.path.isdir(real):
            continue
        parents = [c for c in candidates if real.startswith(c + "/")]
        if any(
            not any(k.startswith(c + "/") and real.startswith(k + "/") for k in keep)
            for c in parents
        ):
            continue  # covered with its parent already
        hide.append(real)
    return hide


def protect(paths: list[str], python: str) -> None:
    """Take other users' access from each secret folder or file (chmod o-rwx).

    The lent uids are "other users" to everything here, with no groups of their
    own; the owner and group keep their access. Only what is readable or
    searchable by others is changed, so a second call changes nothing. A secret
    that holds the students' Python cannot be hidden this way (every run would
    fail to start): that is said, and nothing is changed.
    """
    real_paths = {os.path.realpath(p) for p in paths}
    for path in sorted(real_paths):
        if python.startswith(path + "/"):
            raise RuntimeError(
                f"the dropped sandbox cannot keep {path} from students: their "
                f"Python ({python}) lies inside it. Install Python outside it."
            )
    for path in real_paths:
        try:
            mode = os.lstat(path).st_mode
            if mode & 0o007 and not stat.S_ISLNK(mode):
                os.chmod(path, stat.S_IMODE(mode) & ~0o007)
        except OSError:
            pass  # gone: nothing to protect


def host_sockets(limit: int = 10000) -> list[str]:
    """The paths of the host's Unix sockets, from its /proc/net/unix (read here,
    before the run's own network namespace hides them)."""
    paths = set()
    try:
        with open("/proc/net/unix", encoding="utf-8", errors="replace") as f:
            next(f, None)
            for line in f:
                fields = line.rstrip("\n").split(None, 7)
                if len(fields) == 8 and fields[7].startswith("/"):
                    paths.add(fields[7])
                if len(paths) >= limit:
                    break
    except OSError:
        pass
    return sorted(paths)


def uid_range() -> tuple[int, int]:
    """(first uid, how many) lent to runs: GRADER_SANDBOX_UIDS=first-last, or the
    default, for machines where those uids belong to someone."""
    text = os.environ.get("GRADER_SANDBOX_UIDS", "")
    if not text:
        return UID_FIRST, UID_COUNT
    try:
        first, last = (int(x) for x in text.split("-"))
    except ValueError:
        raise ValueError(f"GRADER_SANDBOX_UIDS={text!r}: use FIRST-LAST") from None
    if not 1000 <= first <= last < 2**31:
        raise ValueError(f"GRADER_SANDBOX_UIDS={text!r}: not a range of user ids")
    return first, last - first + 1


def _lend_uid() -> tuple[int, int]:
    """A uid no other run holds now; the lock is held until the box closes."""
    RUN_BASE.mkdir(mode=0o711, exist_ok=True)
    first, count = uid_range()
    start = os.getpid() % count
    for i in range(count):
        uid = first + (start + i) % count
        fd = os.open(RUN_BASE / f".uid-{uid}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return uid, fd
    raise RuntimeError("no free sandbox uid: too many runs at once")


# Where any user may leave files that outlive a process, when there is no mount
# namespace to give each run its own.
SHARED_SCRATCH = (
    "/tmp",
    "/var/tmp",
    "/dev/shm",
    "/run/lock",
    "/var/lock",
    "/dev/mqueue",
)


def sweep_shared(uid: int) -> None:
    """Remove what the lent uid left in the shared places (dropped mode): its
    files in the world-writable folders and its SysV IPC objects. Its processes
    are dead (the supervisor killed every process of the uid), so nothing it owns
    changes under us; rmtree works through descriptors and follows no link.
    A folder that does not exist or cannot be listed has nothing of the uid's."""
    for folder in SHARED_SCRATCH:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.stat(follow_symlinks=False).st_uid != uid:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
            except OSError:
                pass
    # Removing another user's IPC object takes CAP_SYS_ADMIN, which this mode
    # lacks; the uid itself may remove its own.
    as_uid(uid, ["ipcrm", "--all"])


def as_uid(uid: int, argv: list[str]) -> None:
    """Run a system command as the lent uid, with no groups (util-linux's ``kill``
    and ``ipcrm``: the grader's own Python may not be one the uid can run)."""
    try:
        subprocess.run(
            argv,
            user=uid,
            group=uid,
            extra_groups=[],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        pass


def _sweep(uid: int, dropped: bool) -> None:
    """Remove what a run of this uid left when its grader was killed (kill -9,
    the OOM killer, a budget): we hold the uid's lock, so no live run owns it."""
    stale_runs = list(RUN_BASE.glob(f"run-{uid}-*"))
    if dropped and stale_runs:
        # No PID namespace ended that run's processes: they are this uid's. (A run
        # that ended normally swept its uid in Box.close and left no folder.)
        as_uid(uid, ["kill", "-KILL", "-1"])
        sweep_shared(uid)
    for stale in stale_runs:
        for controller in ("memory", "pids"):
            try:
                (CGROUP_ROOT / controller / "grader" / stale.name).rmdir()
            except OSError:
                pass
        shutil.rmtree(stale, ignore_errors=True)  # never follows the run's links


def sweep_abandoned() -> list[int]:
    """Sweep every uid whose lock no live run holds (a class starting after a
    grader was killed): the uids a killed grader held may never be lent again
    soon, so the next run of the same uid is not enough. Returns the uids swept."""
    if os.geteuid() != 0 or not RUN_BASE.is_dir():
        return []
    swept = []
    for folder in sorted(RUN_BASE.glob("run-*-*")):
        try:
            uid = int(folder.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if uid in swept:
            continue
        fd = os.open(RUN_BASE / f".uid-{uid}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue  # a live run's
        try:
            _sweep(uid, not isolation_available())
            swept.append(uid)
        finally:
            os.close(fd)
    return swept


def _cgroups(box: Box, uid: int) -> list[Path]:
    """Memory and pids caps for the whole run, where cgroup v1 controllers are
    mounted and writable; nothing otherwise (the rlimits still hold)."""
    made = []
    settings = {
        "memory": {"memory.limit_in_bytes": box.policy.memory},
        "pids": {"pids.max": box.policy.processes},
    }
    for controller, values in settings.items():
        group = CGROUP_ROOT / controller / "grader" / box.run_dir.name
        try:
            group.mkdir(parents=True)
            for name, value in values.items():
                (group / name).write_text(str(value))
            os.chown(group / "cgroup.procs", uid, uid)
        except OSError:
            try:
                group.rmdir()
            except OSError:
                pass
            continue
        made.append(group)
    box._cgroups = made
    return made


def _plain_rlimits(policy: Policy) -> dict:
    # RLIMIT_NPROC counts all of the user's tasks (threads too): leave room for them.
    mine = 0
    uid = os.getuid()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    mine += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                pass
    limits = {
        "RLIMIT_AS": policy.address_space,
        "RLIMIT_CPU": policy.cpu_seconds,
        "RLIMIT_FSIZE": policy.file_size,
        "RLIMIT_CORE": 0,
    }
    if uid != 0:
        limits["RLIMIT_NPROC"] = mine + policy.processes
    return limits
