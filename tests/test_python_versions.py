"""Python 3.10 to 3.13, for the grader and for students' code: in each version the
visible checks pass every reference solution and fail one known mistake of every
exercise. (The running version, 3.11 here, is what the rest of the suite proves.)

Each version gets a virtual environment with the runtime dependencies only, cached
between runs under ~/.cache/grader/pythons; the checkout's grader is used through
PYTHONPATH, so the cache never holds stale course code."""

import fcntl
import hashlib
import json
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYENV = Path("/root/.pyenv/versions")
CACHE = Path.home() / ".cache" / "grader" / "pythons"
VERSIONS = ("3.10", "3.12", "3.13")


def interpreter(version):
    found = sorted(PYENV.glob(f"{version}.*/bin/python{version}"))
    return found[-1] if found else None


def environment(python, version):
    """A cached venv of that version with the project's runtime dependencies."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "dependencies"
    ]
    key = hashlib.sha256(f"{python}\n{deps}".encode()).hexdigest()[:12]
    venv = CACHE / f"{version}-{key}"
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f".{version}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another suite may be making it
        if not (venv / "ready").exists():
            subprocess.run(
                [str(python), "-m", "venv", "--clear", str(venv)], check=True
            )
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *deps]
            subprocess.run(pip, check=True, timeout=600)
            (venv / "ready").touch()
    return venv / "bin" / "python"


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
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["version"].startswith(version)
    failed = {k: v for k, v in report["solutions"].items() if v != "passed"}
    assert report["solutions"] and not failed, failed
    missed = [
        x for x, outcomes in report["mistakes"].items() if "failed" not in outcomes
    ]
    assert len(report["mistakes"]) == 10 and not missed, report["mistake_files"]
