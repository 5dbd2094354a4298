"""`grader grade --dask ADDRESS`: a class graded on a Dask cluster (a real scheduler
and workers, separate processes on loopback) gets the RESULTS a local run gets,
sends nothing already graded, loses nothing when a worker dies mid-class, and never
grades against another course's checks."""

import ast
import json
import os
import shutil
import signal
from pathlib import Path
from types import SimpleNamespace

import pytest

distributed = pytest.importorskip("distributed")

from grader import cluster as remote  # noqa: E402
from grader.batch import grade_class  # noqa: E402
from grader.student_checks import course_fingerprint  # noqa: E402
from grader.cli import main  # noqa: E402
from grader.course import load  # noqa: E402
from loopback import Cluster  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ["--exercise", "01", "--exercise", "05", "--exercise", "06"]
FILES = {
    "01": "exercises/01/serial.py",
    "05": "exercises/05/squares.py",
    "06": "exercises/06/primes.py",
}
# Two sleep-bound exercises and the CPU-bound one; right, wrong, broken, missing.
# The wrong programs fail the same checks on every run (arrival order, say, would
# not), so that two gradings can be compared.
CLASS = {
    "ann": {
        "01": "solutions/01/serial.py",
        "05": "solutions/05/squares.py",
        "06": "solutions/06/primes.py",
    },
    "ben": {
        "01": "solutions/01/variants/one_call.py",
        "05": "solutions/05/variants/single_worker.py",
        "06": "solutions/06/variants/hard_coded.py",
    },
    "cat": {
        "01": "syntax error",
        "06": "solutions/06/variants/thread_pool_executor.py",
    },
    "dan": {"05": "solutions/05/variants/drops_the_remainder.py"},
}


@pytest.fixture
def cluster(tmp_path):
    made = Cluster(tmp_path)
    yield made
    made.stop()


def write_class(base: Path, extra_correct: int = 0) -> Path:
    subs = base / "submissions"
    for student, sources in CLASS.items():
        for exercise, source in sources.items():
            target = subs / student / FILES[exercise]
            target.parent.mkdir(parents=True, exist_ok=True)
            if source == "syntax error":
                target.write_text("def main(:\n")
            else:
                shutil.copy(ROOT / source, target)
    for n in range(extra_correct):
        shutil.copytree(subs / "ann", subs / f"ann{n}")
    return subs


def outcomes(out: Path) -> dict:
    """Every student's every check: its outcome and points (not its duration)."""
    data = json.loads((out / "grades.json").read_text())
    return {
        (s["student"], e["exercise"], c["nodeid"]): (c["outcome"], c["points"])
        for s in data["students"]
        for e in s["exercises"]
        for c in e["checks"]
    }


def grade(subs, out, *extra):
    return main(["grade", str(subs), "--out", str(out), *EXERCISES, *extra])


def test_a_class_graded_on_the_cluster_gets_the_results_of_a_local_run(
    tmp_path, cluster
):
    cluster.add_workers(2)
    subs = write_class(tmp_path)
    here, there = tmp_path / "here", tmp_path / "there"
    assert grade(subs, here) == 0
    assert grade(subs, there, "--dask", cluster.address) == 0
    assert (here / "gradebook.csv").read_text() == (there / "gradebook.csv").read_text()
    assert outcomes(here) == outcomes(there)
    assert {outcome for outcome, _ in outcomes(there).values()} == {"passed", "failed"}
    meta = json.loads((there / "grades.json").read_text())
    assert meta["dask"] == cluster.address and len(meta["workers"]) == 2
    assert (there / "ann" / "feedback.html").is_file()
    # A second run sends nothing: every grade is in RESULTS already.
    assert grade(subs, there, "--dask", cluster.address) == 0
    meta = json.loads((there / "grades.json").read_text())
    assert meta["checked"] == 0 and meta["reused_from_cache"] == 9


def test_every_submission_is_graded_once_when_a_worker_dies(tmp_path, cluster):
    victim, _ = cluster.add_workers(2)
    subs = write_class(tmp_path, extra_correct=4)
    written = []

    def kill_a_worker_after_the_first_result(grade_):
        written.append(grade_.student)
        if len(written) == 1:
            os.killpg(victim.pid, signal.SIGKILL)

    run = grade_class(
        load(ROOT / "course.yml"),
        subs,
        tmp_path / "results",
        exercise_ids=["01", "05", "06"],
        dask=cluster.address,
        on_student=kill_a_worker_after_the_first_result,
    )
    assert victim.wait(timeout=10) == -signal.SIGKILL
    students = sorted(g.student for g in run.grades)
    assert sorted(written) == students == sorted(set(students))
    assert len(students) == len(CLASS) + 4 and run.not_graded == []
    for grade_ in run.grades:
        if grade_.student.startswith("ann"):
            assert grade_.total == grade_.max_total == 30


HIDDEN_05 = Path("solutions/05/hidden/test_hidden_05.py")


def another_course(base: Path) -> Path:
    """The same course, but one hidden check differs."""
    copy = base / "other-course"
    copy.mkdir()
    shutil.copy(ROOT / "course.yml", copy / "course.yml")
    for folder in ("exercises", "solutions", "demo"):
        shutil.copytree(ROOT / folder, copy / folder)
    hidden = copy / HIDDEN_05
    hidden.write_text(hidden.read_text() + "\n# changed\n")
    return copy / "course.yml"


def test_a_worker_with_another_course_is_left_out(tmp_path, cluster, capsys):
    cluster.add_workers(1, env={"GRADER_COURSE": str(another_course(tmp_path))})
    subs = write_class(tmp_path)
    assert grade(subs, tmp_path / "nobody", "--dask", cluster.address) == 2
    said = " ".join(capsys.readouterr().err.split())  # as wrapped for the terminal
    assert "differs from the client's for exercise(s) 05" in said
    assert not (tmp_path / "nobody" / "gradebook.csv").exists()
    # A task that reaches such a worker anyway (one that joined late) is refused.
    course = load(ROOT / "course.yml")
    task = remote.Task(
        student="ann",
        files={FILES["05"]: (ROOT / CLASS["ann"]["05"]).read_bytes()},
        groups={"sleep": ["05"]},
        course=str(ROOT / "course.yml"),
        fingerprints={"05": course_fingerprint(course, "05")},
    )
    with distributed.Client(cluster.address, timeout="30s") as client:
        client.register_plugin(remote.WorkerSetup(), name=remote.PLUGIN)
        with pytest.raises(remote.CourseMismatch, match=r"exercise\(s\) 05: install"):
            client.submit(remote.grade_task, task).result()
    # With a worker that has the right course, that one grades everything.
    cluster.add_workers(1)
    out = tmp_path / "results"
    assert grade(subs, out, "--dask", cluster.address) == 0
    assert "left out" in " ".join(capsys.readouterr().err.split())
    assert len(json.loads((out / "grades.json").read_text())["students"]) == 4


def test_the_slurm_example_asks_for_the_documented_job(monkeypatch):
    # No Slurm here: the job script it would submit is what can be checked.
    pytest.importorskip("dask_jobqueue")
    monkeypatch.syspath_prepend(str(ROOT / "examples"))
    import grade_on_slurm

    cluster = grade_on_slurm.make_cluster("/srv/course")
    try:
        script = cluster.job_script()
    finally:
        cluster.close()
    assert "#SBATCH --cpus-per-task=8" in script and "#SBATCH -t 01:00:00" in script
    assert "export GRADER_COURSE=/srv/course/course.yml" in script
    assert "--nthreads 32" in script


def test_a_worker_whose_course_changes_after_the_check_has_its_tasks_re_sent(
    tmp_path, cluster
):
    # Worker B passes the check before grading, then its course changes (as if it
    # had been updated, or joined late with another one): it refuses what it is
    # given, and A grades everything.
    copy = another_course(tmp_path)
    hidden = copy.parent / HIDDEN_05
    hidden.write_text((ROOT / HIDDEN_05).read_text())
    cluster.add_workers(1)
    cluster.add_workers(1, env={"GRADER_COURSE": str(copy)})
    subs = write_class(tmp_path, extra_correct=4)
    said = []

    def on_message(line):
        said.append(line)
        if line.startswith("2 worker(s)"):
            hidden.write_text(hidden.read_text() + "\n# changed after the check\n")

    run = grade_class(
        load(ROOT / "course.yml"),
        subs,
        tmp_path / "results",
        exercise_ids=["01", "05", "06"],
        dask=cluster.address,
        on_cluster_message=on_message,
    )
    assert run.not_graded == []
    assert sorted(g.student for g in run.grades) == sorted(
        [*CLASS, *(f"ann{n}" for n in range(4))]
    )
    assert any("differs from the client's for exercise(s) 05" in s for s in said)


def test_the_cluster_side_needs_nothing_of_the_class_side():
    # One way only: batch.py plans a class and may use the cluster; the cluster's
    # workers run student_checks.py and import nothing of batch.py, not even
    # inside a function.
    tree = ast.parse((Path(remote.__file__)).read_text())
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "batch" not in imported and "grader.batch" not in imported


def test_a_worker_whose_exercise_folder_differs_refuses_that_exercise(tmp_path):
    # Any file of the exercise's folder is part of its fingerprint (the checks'
    # own modules live there), not only the test_*.py files.
    copy = another_course(tmp_path)
    shutil.copy(ROOT / HIDDEN_05, copy.parent / HIDDEN_05)
    (copy.parent / "exercises" / "05" / "helpers.py").write_text("N = 3\n")
    client = load(ROOT / "course.yml")
    fingerprints = {x: course_fingerprint(client, x) for x in ("04", "05")}
    worker = SimpleNamespace(courses={})  # what WorkerSetup holds
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(remote.COURSE_ENV, str(copy))
        with pytest.raises(remote.CourseMismatch, match=r"exercise\(s\) 05: install"):
            remote.worker_course(worker, str(ROOT / "course.yml"), fingerprints)
        del fingerprints["05"]
        assert remote.worker_course(worker, str(ROOT / "course.yml"), fingerprints)
