"""CPU per graded submission, against a naive loop timed in the same run.

    python bench/cpu_cost.py [--course-students 4] [--jobs N]

Part 1, exercise 03: twenty programs (10 correct, 5 serial, 5 that never join),
graded by `grader grade --exercise 03` and by the naive loop (one plain `pytest`
per submission, one check that runs the file and looks for its 'Done in' line).
Part 2, the whole course: correct students (the reference solutions and correct
variants) graded on every exercise. For each: wall seconds, CPU-seconds of the
whole process tree (user + system of every descendant, from getrusage), timing
re-runs, the peak resident memory of the grader's process tree (sampled) and that
peak divided by the runs admitted at once. Targets (issue 15): at most 0.3
CPU-s per exercise-03 submission and 10 s wall; at most 5 CPU-s per correct student
over the course; no timing re-run on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course import load  # noqa: E402
from grader.variants import load_variants  # noqa: E402

NAIVE_CHECK = textwrap.dedent("""\
    import os, re, subprocess, sys

    def test_prints_its_total():
        out = subprocess.run(
            [sys.executable, os.environ["STUDENT_FILE"]],
            capture_output=True, text=True, timeout=30,
        ).stdout
        assert re.search(r"Done in \\d+\\.\\d{4} seconds", out)
    """)


@dataclass
class Cost:
    wall: float
    cpu: float  # user + system seconds of every descendant
    peak_rss: int  # bytes, the process tree's largest sampled total


def tree_rss(root_pid: int) -> int:
    """Resident bytes of ``root_pid`` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(statm[1]) * page
    total, todo = 0, [root_pid]
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def measured(cmd: list[str], **kwargs) -> Cost:
    """Runs ``cmd`` to the end; its wall time, its tree's CPU and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs
    )
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    sampler.join()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Cost(round(wall, 1), round(cpu, 2), peak[0])


def exercise_03_class(course, dest: Path) -> dict[str, Path]:
    ex = course.exercise("03")
    variants = {v.path.stem: v for v in load_variants(course, ["03"])}
    right = [ROOT / ex.solution] + [v.path for v in variants.values() if v.passes]
    programs = {}
    for n in range(10):
        programs[f"right{n:02d}"] = right[n % len(right)]
    for n in range(5):
        programs[f"serial{n}"] = variants["join_after_each_start"].path
        programs[f"nojoin{n}"] = variants["no_join"].path
    for student, source in programs.items():
        target = dest / student / ex.file
        target.parent.mkdir(parents=True)
        shutil.copy(source, target)
    return programs


def correct_class(course, dest: Path, students: int) -> None:
    right = {ex.id: [ROOT / ex.solution] for ex in course.exercises}
    for v in load_variants(course):
        if v.passes:
            right[v.exercise].append(v.path)
    for n in range(students):
        for ex in course.exercises:
            target = dest / f"student{n:02d}" / ex.file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(right[ex.id][n % len(right[ex.id])], target)


def naive(subs: Path, programs: dict[str, Path], course, work: Path) -> Cost:
    """One plain pytest per submission, one after another, in one measured tree."""
    (work / "test_naive.py").write_text(NAIVE_CHECK)
    driver = textwrap.dedent(f"""\
        import os, subprocess, sys
        env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
        for student in {sorted(programs)!r}:
            env["STUDENT_FILE"] = os.path.join({str(subs)!r}, student,
                                               {course.exercise("03").file!r})
            subprocess.run([sys.executable, "-m", "pytest", "-q", "-p",
                            "no:cacheprovider", "test_naive.py"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        """)
    return measured([sys.executable, "-c", driver], cwd=work)


def grader(subs: Path, out: Path, *extra: str) -> tuple[Cost, dict]:
    cost = measured(
        [sys.executable, "-m", "grader.cli", "grade", str(subs), "--out", str(out)]
        + list(extra),
        cwd=ROOT,
    )
    return cost, json.loads((out / "grades.json").read_text())


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--course-students", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=None, help="grader's --jobs")
    args = parser.parse_args()
    course = load(ROOT / "course.yml")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    load_avg = os.getloadavg()[0]
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}  {os.cpu_count()} cores, load {load_avg:.1f}"
    )
    with tempfile.TemporaryDirectory(prefix="grader-cpu-") as tmp:
        tmp = Path(tmp)
        programs = exercise_03_class(course, tmp / "subs03")
        base = naive(tmp / "subs03", programs, course, tmp)
        ours, grades = grader(tmp / "subs03", tmp / "out03", "--exercise", "03", *jobs)
        n = len(programs)
        admitted = grades.get("jobs") or args.jobs or 4 * (os.cpu_count() or 1)
        print(f"\nexercise 03, {n} submissions (10 correct, 5 serial, 5 no-join)")
        print(
            f"  naive loop:   {base.wall:6.1f} s wall  {base.cpu / n:5.2f} CPU-s each"
        )
        print(
            f"  grader grade: {ours.wall:6.1f} s wall  {ours.cpu / n:5.2f} CPU-s each"
            f"   (target 0.30; {ours.cpu / base.cpu:.1f}x the naive loop's CPU)"
        )
        print(f"  timing re-runs: {grades['timing_reruns']}   (target 0 when idle)")
        print(
            f"  peak memory of the grader's tree: {mib(ours.peak_rss)}, "
            f"{mib(ours.peak_rss / admitted)} per run admitted at once ({admitted})"
        )

        correct_class(course, tmp / "subs", args.course_students)
        whole, grades = grader(tmp / "subs", tmp / "out", *jobs)
        lost = sum(
            e["max_points"] - e["points"]
            for s in grades["students"]
            for e in s["exercises"]
        )
        per = whole.cpu / args.course_students
        print(f"\nwhole course, {args.course_students} correct students")
        print(
            f"  grader grade: {whole.wall:6.1f} s wall  {per:5.2f} CPU-s per student"
            f"   (target 5.0)"
        )
        print(f"  points lost by correct students: {lost:g}   (target 0)")
        print(f"  timing re-runs: {grades['timing_reruns']}   (target 0 when idle)")
        print(f"  peak memory of the grader's tree: {mib(whole.peak_rss)}")
        print(f"  200 students: about {200 * per / 3600:.2f} CPU-hours")


if __name__ == "__main__":
    main()
