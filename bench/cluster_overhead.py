"""What distribution costs: the same class graded here (`--jobs 8`) and through a
Dask cluster of two workers on loopback (4 threads each), on this machine.

    python bench/cluster_overhead.py [--students 40] [--rounds 2]

The class is exercise 01 only (sleep-bound: little CPU, so the difference between
the two runs is the distribution, not the scheduling of CPU-bound work), half
correct, half with classic mistakes. Printed: seconds per submission each way and
their difference, the overhead of distribution per submission (target: under 50
ms), and the round trip of a task that grades nothing but carries a real
submission's bytes: the floor of that overhead, with no noise from the checks.

On N real machines the class takes about local_seconds / N plus the overhead per
submission: what this prints is what predicts the speed-up.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from grader.variants import load_variants  # noqa: E402
from loopback import Cluster  # noqa: E402

from grader import cluster as remote  # noqa: E402
from grader.batch import _files_of, grade_class  # noqa: E402
from grader.student_checks import course_fingerprint  # noqa: E402
from grader.course import load  # noqa: E402


def build_class(course, dest: Path, students: int) -> None:
    ex = course.exercise("01")
    wrong = [
        v.path for v in load_variants(course) if v.exercise == "01" and not v.passes
    ]
    for n in range(students):
        source = ROOT / ex.solution if n % 2 == 0 else wrong[n % len(wrong)]
        target = dest / f"student{n:03d}" / ex.file
        target.parent.mkdir(parents=True)
        shutil.copy(source, target)


def echo(task: remote.Task) -> dict:
    """A task that writes the submission where a worker would and grades nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        for rel, data in task.files.items():
            path = Path(tmp) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return {"results": [], "seconds": 0.0, "reruns": 0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    course = load(ROOT / "course.yml")
    n = args.students
    with tempfile.TemporaryDirectory(prefix="grader-bench-") as tmp:
        base = Path(tmp)
        subs = base / "submissions"
        build_class(course, subs, n)
        loopback = Cluster(base)
        try:
            loopback.add_workers(2)
            here, there = [], []
            for r in range(args.rounds):
                started = time.monotonic()
                grade_class(
                    course, subs, base / f"here{r}", exercise_ids=["01"], jobs=8
                )
                here.append(time.monotonic() - started)
                started = time.monotonic()
                run = grade_class(
                    course,
                    subs,
                    base / f"there{r}",
                    exercise_ids=["01"],
                    dask=loopback.address,
                )
                there.append(time.monotonic() - started)
                assert not run.not_graded, run.not_graded
            # The floor: the same payloads, a round trip each, nothing graded.
            fingerprint = {"01": course_fingerprint(course, "01")}
            tasks = [
                remote.Task(
                    student=p.name,
                    files=_files_of(p),
                    groups={"sleep": ["01"]},
                    course=str(course.root / "course.yml"),
                    fingerprints=fingerprint,
                )
                for p in sorted(subs.iterdir())
            ]
            with remote.connect(loopback.address) as client:
                started = time.monotonic()
                futures = [client.submit(echo, t, pure=False) for t in tasks]
                client.gather(futures)
                floor = (time.monotonic() - started) / n
        finally:
            loopback.stop()
    local, dist = min(here) / n, min(there) / n
    print(f"class: {n} submissions of exercise 01; best of {args.rounds} rounds")
    print(f"here, --jobs 8:               {local * 1000:7.0f} ms per submission")
    print(f"loopback cluster, 2 workers:  {dist * 1000:7.0f} ms per submission")
    print(
        f"overhead of distribution:     {(dist - local) * 1000:7.0f} ms per "
        "submission   (target: under 50 ms)"
    )
    print(f"round trip of an empty task:  {floor * 1000:7.1f} ms per submission")


if __name__ == "__main__":
    main()
