"""Run the checks of one or more exercises against one student tree, in a pytest
subprocess, and return one :class:`CheckResult` per check.

The checks run in their own trusted process (pytest with this package's plugin);
the student's code runs further down, in the harness's children. Used by
``grader verify``, ``grader status``, ``grader grade`` and the project's tests.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .course import Course, Exercise
from .harness.sandbox import die_with_parent
from .grades import CheckResult


def check_paths(course: Course, ex: Exercise, *, hidden: bool = True) -> list[Path]:
    """The visible check files of the exercise (from the course, never from the
    student's copy) and, if asked, its hidden-check folder."""
    paths = sorted((course.root / ex.folder).glob("test_*.py"))
    if hidden and ex.hidden:
        paths.append(course.root / ex.hidden)
    return paths


def run_checks(
    course: Course,
    exercise_ids: str | list[str],
    submission: Path,
    *,
    hidden: bool = True,
    only: list[str] | None = None,
    timeout: float | None = None,
    run_timeout: float | None = None,
    hide: list[Path] = (),
    scratch: Path | None = None,
) -> list[CheckResult]:
    """Every check of the exercises (or only the node ids in ``only``), judged on
    the student's tree ``submission``."""
    if isinstance(exercise_ids, str):
        exercise_ids = [exercise_ids]
    exercises = [course.exercise(x) for x in exercise_ids]
    if only:
        targets = [str(course.root / nodeid) for nodeid in only]
    else:
        targets = [
            str(p) for ex in exercises for p in check_paths(course, ex, hidden=hidden)
        ]
    # In the class's own scratch folder when grading a class: an interrupted
    # grader removes that one folder, while the threads running checks are
    # abandoned mid-run.
    with tempfile.TemporaryDirectory(prefix="grader-checks-", dir=scratch) as tmp:
        out = Path(tmp) / "results.json"
        cmd = [
            *die_with_parent(),
            sys.executable,
            "-m",
            "pytest",
            *targets,
            f"--grader-course={course.root / 'course.yml'}",
            f"--grader-submission={submission}",
            f"--grader-json={out}",
            f"--rootdir={course.root}",
            # Only the plugins the checks need: autoloading every installed pytest
            # plugin costs 0.7 CPU-seconds per run (measured), paid per student.
            "-p",
            "grader.pytest_plugin",
            "-p",
            "pytest_timeout",
            "-p",
            "no:cacheprovider",
            "-q",
            "--no-header",
            "-rN",
        ]
        if run_timeout:
            cmd.append(f"--grader-timeout={run_timeout}")
        env = dict(os.environ)
        for name in ("PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER", "PYTEST_PLUGINS"):
            env.pop(name, None)
        env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        if hide:
            # Folders the student's runs must not see (sandbox.py covers them).
            env["GRADER_SANDBOX_HIDE"] = os.pathsep.join(str(p) for p in hide)
        budget = timeout or sum(_budget(course, ex, hidden) for ex in exercises)
        try:
            proc = subprocess.run(
                cmd,
                cwd=course.root,
                env=env,
                capture_output=True,
                text=True,
                timeout=budget,
            )
        except subprocess.TimeoutExpired:
            why = f"the checks took over {budget:g} s and were stopped"
            return [_all_failed(ex, hidden, why) for ex in exercises]
        if (
            not out.exists()
            and proc.returncode < 0
            and -proc.returncode != signal.SIGINT
        ):
            # Killed from outside (the kernel's out-of-memory killer, a TA's kill):
            # this student's checks are lost, never the class. Ctrl-C is the TA
            # stopping the class, which the grader handles.
            why = (
                f"the checks were killed ({_signal_name(-proc.returncode)}) before "
                "they finished, so none could be judged; often the machine ran out "
                "of memory while your program ran"
            )
            return [_all_failed(ex, hidden, why) for ex in exercises]
        if not out.exists():
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-15:]
            raise RuntimeError(
                f"checks of exercise(s) {', '.join(exercise_ids)} did not run:\n"
                + "\n".join(tail)
            )
        return [CheckResult(**r) for r in json.loads(out.read_text(encoding="utf-8"))]


def _signal_name(number: int) -> str:
    try:
        return f"{signal.Signals(number).name}, signal {number}"
    except ValueError:
        return f"signal {number}"


def _budget(course: Course, ex: Exercise, hidden: bool) -> float:
    """Generous: every check could, at worst, time out one run of its own."""
    files = check_paths(course, ex, hidden=hidden)
    count = sum(
        text.count("@pytest.mark.points")
        for p in files
        for f in ([p] if p.is_file() else sorted(p.rglob("test_*.py")))
        for text in [f.read_text(encoding="utf-8")]
    )
    return 60 + max(count, 1) * (ex.timeout + 5)


def _all_failed(ex: Exercise, hidden: bool, why: str) -> CheckResult:
    return CheckResult(
        nodeid=f"{ex.id}::all",
        exercise=ex.id,
        name="all",
        title="all checks",
        hidden=hidden,
        points=0.0,
        max_points=float(ex.points if hidden else ex.visible_points),
        outcome="error",
        message=why,
        timeline="",
        duration=0.0,
    )


def make_tree(course: Course, files: dict[str, Path], dest: Path) -> Path:
    """A student tree at ``dest`` holding ``files`` (exercise id -> source file),
    each copied to the exercise's path."""
    for exercise_id, source in files.items():
        target = dest / course.exercise(exercise_id).file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(Path(source).read_bytes())
    return dest
