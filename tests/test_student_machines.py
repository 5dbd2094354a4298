"""Students' own machines: Python 3.10 to 3.13, and machines without /proc
(macOS). In each, the visible checks pass every reference solution and fail one
known mistake of every exercise. (The running version, 3.11 here, is what the rest
of the suite proves.)

Each interpreter gets a virtual environment with the runtime dependencies only,
cached between runs under /var/tmp/grader-test-pythons (where the unprivileged
student of the /proc-less test may read it); the checkout's grader is used through
PYTHONPATH, so the cache never holds stale course code."""

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import tomllib
from pathlib import Path

import pytest

from grader.course import load

ROOT = Path(__file__).resolve().parent.parent
PYENV = Path("/root/.pyenv/versions")
CACHE = Path("/var/tmp/grader-test-pythons")
SYSTEM_PYTHON = Path("/usr/bin/python3")
VERSIONS = ("3.10", "3.12", "3.13")


def interpreter(version):
    found = sorted(PYENV.glob(f"{version}.*/bin/python{version}"))
    return found[-1] if found else None


def environment(python, version):
    """A cached venv of that interpreter with the project's runtime dependencies."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "dependencies"
    ]
    key = hashlib.sha256(f"{python}\n{deps}".encode()).hexdigest()[:12]
    venv = CACHE / f"{version}-{key}"
    CACHE.mkdir(parents=True, exist_ok=True)
    os.chmod(CACHE, 0o755)
    with open(CACHE / f".{version}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another suite may be making it
        if not (venv / "ready").exists():
            subprocess.run(
                [str(python), "-m", "venv", "--clear", str(venv)], check=True
            )
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *deps]
            subprocess.run(pip, check=True, timeout=600)
            subprocess.run(["chmod", "-R", "a+rX", str(venv)], check=True)
            (venv / "ready").touch()
    return venv / "bin" / "python"


def report_of(done):
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_judges_right(report):
    failed = {k: v for k, v in report["solutions"].items() if v != "passed"}
    assert report["solutions"] and not failed, failed
    missed = [
        x for x, outcomes in report["mistakes"].items() if "failed" not in outcomes
    ]
    # One known mistake per exercise, each failing a visible check.
    exercises = len(load(ROOT / "course.yml").exercises)
    assert len(report["mistakes"]) == exercises and not missed, report["mistake_files"]


@pytest.mark.parametrize("version", VERSIONS)
def test_visible_checks_judge_right_in_every_supported_python(version):
    python = interpreter(version)
    if python is None:
        pytest.skip(f"no Python {version} under {PYENV}")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTEST_XDIST_WORKER", None)
    done = subprocess.run(
        [
            str(environment(python, version)),
            str(ROOT / "tests/python_matrix_driver.py"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    report = report_of(done)
    assert report["version"].startswith(version)
    assert_judges_right(report)


# What the driver needs of the course, copied where the unprivileged student may
# read it (a sandboxed test elsewhere may have taken other users' access to the
# checkout's grader/, as the dropped mode does).
COURSE_PARTS = ("grader", "exercises", "solutions", "course.yml", "demo/roster.csv")
TEST_PARTS = ("python_matrix_driver.py",)


@pytest.mark.skipif(
    os.geteuid() != 0
    or not shutil.which("unshare")
    or not shutil.which("setpriv")
    or not SYSTEM_PYTHON.exists(),
    reason="needs root (for the mount namespace), unshare, setpriv, /usr/bin/python3",
)
def test_without_proc_the_visible_checks_still_judge_right():
    # A macOS-like student machine: no /proc (an empty tmpfs over it in a mount
    # namespace of its own), a student who is not root.
    python = environment(SYSTEM_PYTHON, "system")
    course = Path(tempfile.mkdtemp(dir="/var/tmp", prefix="grader-noproc-"))
    try:
        for part in COURSE_PARTS:
            _copy(ROOT / part, course / part)
        for part in TEST_PARTS:
            _copy(ROOT / "tests" / part, course / "tests" / part)
        subprocess.run(["chmod", "-R", "a+rX", str(course)], check=True)
        student = (
            f"mount -t tmpfs none /proc && cd {course} && exec setpriv --reuid=65534 "
            f"--regid=65534 --clear-groups env HOME=/var/tmp PYTHONPATH={course} "
            f"{python} tests/python_matrix_driver.py"
        )
        done = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", student],
            capture_output=True,
            text=True,
            timeout=900,
        )
    finally:
        shutil.rmtree(course, ignore_errors=True)
    assert_judges_right(report_of(done))


def _copy(source, dest):
    dest.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        shutil.copy(source, dest)
