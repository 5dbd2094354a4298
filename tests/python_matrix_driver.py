"""Run inside another Python version: the visible checks of every exercise on
the reference solutions, and on one known mistake per exercise; prints
{"solutions": {check: outcome}, "mistakes": {exercise: [outcomes]}} as JSON."""

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.variants import load_variants  # noqa: E402
from grader.checkrun import make_tree, run_checks  # noqa: E402
from grader.course import load  # noqa: E402


def main():
    course = load(ROOT / "course.yml")
    scratch = Path(tempfile.mkdtemp(prefix="grader-matrix-"))
    solutions = make_tree(
        course, {x.id: ROOT / x.solution for x in course.exercises}, scratch / "ok"
    )
    mistakes = {}
    for v in load_variants(course):
        if not v.passes and v.hidden_only is None and v.exercise not in mistakes:
            mistakes[v.exercise] = v.path
    wrong = make_tree(course, mistakes, scratch / "wrong")
    good = run_checks(course, course.ids, solutions, hidden=False)
    bad = run_checks(course, sorted(mistakes), wrong, hidden=False)
    by_exercise = {}
    for r in bad:
        by_exercise.setdefault(r.exercise, []).append(r.outcome)
    print(
        json.dumps(
            {
                "version": sys.version.split()[0],
                "solutions": {r.nodeid: r.outcome for r in good},
                "mistakes": by_exercise,
                "mistake_files": {x: str(p) for x, p in mistakes.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
