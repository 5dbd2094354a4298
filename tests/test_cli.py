"""The grader command follows the conventions of command-line tools: --version,
quiet on a closed pipe, prompt on Ctrl-C and SIGTERM with nothing left behind."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GRADER = [sys.executable, "-c", "from grader.cli import console; console()"]


def test_version_says_what_is_installed():
    from grader import __version__

    done = subprocess.run([*GRADER, "--version"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.strip() == f"grader {__version__}"


def test_output_into_a_closed_pipe_ends_quietly(tmp_path):
    read, write = os.pipe()
    os.close(read)  # as `| head` does once it has read enough
    try:
        done = subprocess.run(
            [*GRADER, "gradescope", str(tmp_path / "bundle.zip")],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        os.close(write)
    assert done.returncode == 141
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


@pytest.mark.parametrize(
    "sig, code, said",
    [
        (signal.SIGTERM, 143, "terminated; what finished is kept"),
        (signal.SIGINT, 130, "interrupted; what finished is kept"),
    ],
    ids=["SIGTERM", "Ctrl-C"],
)
def test_a_signal_stops_a_class_promptly_and_removes_its_scratch(
    tmp_path, sig, code, said
):
    scratch = tmp_path / "tmp"  # the grader's own temporary folders go here
    scratch.mkdir()
    proc = subprocess.Popen(
        [*GRADER, "grade", str(ROOT / "demo" / "class"), "--out", str(tmp_path / "r")],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(4)  # grading is under way
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    # The class takes minutes; stopping does not wait for the queue.
    assert time.monotonic() - sent < 30
    assert proc.returncode == code, err
    assert said in err
    assert list(scratch.glob("grader-*")) == []


def test_logs_keep_long_lines_whole_when_not_a_terminal(tmp_path):
    # CI logs and files: rich would wrap at 80 columns; a line stays one line.
    subs = tmp_path / "subs"
    (subs / "gina").mkdir(parents=True)
    done = subprocess.run(
        [*GRADER, "grade", str(subs), "--out", str(tmp_path / "r"), "--exercise", "03"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    first = done.stderr.splitlines()[0]
    assert first.startswith("grading ") and "sandbox: " in first and len(first) > 80


def test_grade_json_prints_one_machine_readable_summary_on_stdout(tmp_path):
    # Scripts and CI read stdout; the human log stays on stderr.
    subs = tmp_path / "subs"
    (subs / "gina" / "exercises" / "03").mkdir(parents=True)
    shutil.copy(ROOT / "solutions/03/sleepy.py", subs / "gina/exercises/03/sleepy.py")
    (subs / "hal").mkdir()
    out = tmp_path / "results"
    done = subprocess.run(
        [*GRADER, "grade", str(subs), "--out", str(out), "--exercise", "03", "--json"]
        + ["--trust-students"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["gradebook"] == str(out / "gradebook.csv")
    assert summary["report"] == str(out / "report.html")
    assert summary["checked"] == 1 and summary["not_graded"] == []
    students = {s["student"]: s for s in summary["students"]}
    assert students["gina"]["total"] == 10 and students["gina"]["problems"] == []
    assert students["hal"]["total"] == 0
    assert "sleepy.py" in students["hal"]["problems"][0]
    assert "gradebook:" in done.stderr  # the log as usual, on stderr


def test_status_json_gives_each_exercise_s_visible_points(tmp_path):
    mine = tmp_path / "mine"
    (mine / "exercises" / "01").mkdir(parents=True)
    shutil.copy(ROOT / "solutions/01/serial.py", mine / "exercises/01/serial.py")
    done = subprocess.run(
        [*GRADER, "status", "--submission", str(mine), "--json"]
        + ["--exercise", "01", "--exercise", "03"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    rows = {r["exercise"]: r for r in summary["exercises"]}
    assert rows["01"]["points"] == rows["01"]["max_points"] == 5
    assert rows["01"]["first_failure"] == ""
    assert rows["03"]["points"] == 0 and "missing" in rows["03"]["first_failure"]
    assert summary["complete"] == 1
