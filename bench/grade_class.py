"""Grading throughput: `grader grade --jobs N` against the naive baseline, measured
in the same run, on a synthetic class that covers every exercise.

    python bench/grade_class.py [--students 40] [--baseline-sample 6] [--jobs 8]

The class mixes correct students (reference solutions and correct variants) with
students who make the classic mistakes. The naive baseline is what a course without
this grader does: one sequential `pytest` run of all the checks per submission,
submissions one after another; it is timed on a sample of the class (it is slow)
and both are reported as submissions per minute. Also printed: the points that
correct students lost (the target is zero).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.variants import load_variants  # noqa: E402

from grader.course import load  # noqa: E402


def build_class(course, dest: Path, students: int, seed: int = 7) -> dict[str, bool]:
    """Writes the class; returns student -> whether every file of theirs is correct."""
    rng = random.Random(seed)
    variants = load_variants(course)
    correct = {ex.id: [ROOT / ex.solution] for ex in course.exercises}
    wrong: dict[str, list[Path]] = {ex.id: [] for ex in course.exercises}
    for v in variants:
        if v.passes:
            correct[v.exercise].append(v.path)
        elif (
            "did not finish" not in (v.message or "") and v.path.stem != "syntax_error"
        ):
            wrong[v.exercise].append(v.path)
    flags = {}
    for n in range(students):
        name = f"student{n:03d}"
        all_correct = n % 2 == 0  # half the class gets everything right
        for ex in course.exercises:
            pool = correct[ex.id]
            if not all_correct and wrong[ex.id] and rng.random() < 0.4:
                pool = wrong[ex.id]
            target = dest / name / ex.file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(rng.choice(pool), target)
        flags[name] = all_correct
    return flags


def naive(course, subs: Path, sample: list[str]) -> float:
    """Seconds for one sequential pytest run of every check, per student, in turn."""
    paths = []
    for ex in course.exercises:
        paths += [str(p) for p in sorted((ROOT / ex.folder).glob("test_*.py"))]
        paths.append(str(ROOT / ex.hidden))
    started = time.monotonic()
    for student in sample:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:xdist",
                *paths,
                f"--grader-submission={subs / student}",
            ],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--baseline-sample", type=int, default=6)
    parser.add_argument("--jobs", type=int, default=8)
    args = parser.parse_args()
    course = load(ROOT / "course.yml")
    with tempfile.TemporaryDirectory(prefix="grader-bench-") as tmp:
        subs, out = Path(tmp) / "submissions", Path(tmp) / "results"
        flags = build_class(course, subs, args.students)
        started = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "grader.cli",
                "grade",
                str(subs),
                "--out",
                str(out),
                "--jobs",
                str(args.jobs),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        ours = time.monotonic() - started
        rows = list(csv.DictReader((out / "gradebook.csv").open()))
        lost = sum(
            course.total_points - float(r["total"]) for r in rows if flags[r["student"]]
        )
        grades = json.loads((out / "grades.json").read_text())
        false_failures = [
            f"{s['student']} {e['exercise']} {c['name']}: {c['message'][:120]}"
            for s in grades["students"]
            if flags[s["student"]]
            for e in s["exercises"]
            for c in e["checks"]
            if c["outcome"] != "passed"
        ]
        reruns = grades["timing_reruns"]
        sample = sorted(flags)[: args.baseline_sample]
        baseline = naive(course, subs, sample)
    ours_rate = args.students / ours * 60
    naive_rate = len(sample) / baseline * 60
    print(
        f"class: {args.students} submissions x {len(course.exercises)} exercises; "
        f"{sum(flags.values())} entirely correct"
    )
    print(
        f"grader grade --jobs {args.jobs}: {ours:7.1f} s  {ours_rate:6.2f} submissions/min"
    )
    print(
        f"naive (sample of {len(sample)}):   {baseline:7.1f} s  "
        f"{naive_rate:6.2f} submissions/min"
    )
    print(f"ratio: {ours_rate / naive_rate:.1f}x   (target: at least 4x)")
    print(f"points lost by correct submissions: {lost:g}   (target: 0)")
    print(f"timing re-runs: {reruns}")
    for line in false_failures:
        print(f"  lost: {line}")


if __name__ == "__main__":
    main()
