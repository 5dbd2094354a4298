"""Every program of the variant corpus graded several times in a row with
``--force``, as one class through ``grader grade``: prints each check whose outcome
changed between runs, each known-wrong variant that did not fail the check meant
for it in every run, and each correct one that lost a point. Exit status 1 if any.

Run it beside the suite to measure under load (issue 11 asks for ``pytest -n 8``):

    .venv/bin/pytest -n 8 -q & .venv/bin/python bench/corpus_determinism.py --runs 5

docs/grading.md records each run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.variants import load_variants  # noqa: E402
from grader.cli import main as grader  # noqa: E402
from grader.course import load  # noqa: E402


def build_class(dest: Path) -> dict[str, object]:
    """One student per variant, named exercise-variant, holding its one file."""
    course = load(ROOT / "course.yml")
    students = {}
    for v in load_variants(course):
        name = f"{v.exercise}-{v.path.stem}"
        target = dest / name / course.exercise(v.exercise).file
        target.parent.mkdir(parents=True)
        shutil.copy(v.path, target)
        students[name] = v
    return students


def outcomes(results: Path) -> dict[str, dict[str, str]]:
    data = json.loads((results / "grades.json").read_text())
    return {
        s["student"]: {
            c["name"]: c["outcome"]
            for e in s["exercises"]
            if not e.get("problem")
            for c in e["checks"]
        }
        for s in data["students"]
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="grader-corpus-"))
    try:
        students = build_class(base / "class")
        runs = []
        for n in range(args.runs):
            started = time.monotonic()
            argv = ["grade", str(base / "class"), "--out", str(base / "results")]
            argv += ["--force", "--trust-students"]
            if args.jobs:
                argv += ["--jobs", str(args.jobs)]
            status = grader(argv)
            took = time.monotonic() - started
            runs.append(outcomes(base / "results"))
            record = json.loads((base / "results" / "grades.json").read_text())
            rerun = Counter(
                ("correct" if students[s["student"]].passes else "wrong")
                + " "
                + c["nodeid"].split("::")[-1]
                for s in record["students"]
                for e in s["exercises"]
                for c in e["checks"]
                if c.get("rerun")
            )
            print(
                f"run {n + 1}: exit {status}, {took:.0f} s, "
                f"{record['timing_reruns']} timing re-runs "
                f"({', '.join(f'{k} x{v}' for k, v in rerun.most_common())})",
                flush=True,
            )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    bad = []
    for name, v in sorted(students.items()):
        seen = [run.get(name, {}) for run in runs]
        if any(s != seen[0] for s in seen):
            changed = {
                check
                for s in seen
                for check, outcome in s.items()
                if any(other.get(check) != outcome for other in seen)
            }
            bad.append(f"{name}: outcomes changed between runs: {sorted(changed)}")
        if v.passes:
            lost = {c for s in seen for c, o in s.items() if o != "passed"}
            if lost:
                bad.append(f"{name}: a correct program lost {sorted(lost)}")
        else:
            meant = v.must_fail[0]
            if not all(s.get(meant) == "failed" for s in seen):
                bad.append(f"{name}: {meant} did not fail in every run")
    for line in bad:
        print(line)
    print(
        f"{len(students)} programs x {args.runs} runs on {os.cpu_count()} cores: "
        f"{len(bad)} problem(s)"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
