"""How long `pytest exercises/03` takes on a correct program, against the program
alone, measured in the same process: the student's wait for feedback.

    python bench/student_check.py [--repeat 5]

Prints the medians and their ratio. The target (issue 2): the visible checks take
well under twice the program's own run time plus interpreter start-up.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "03" / "sleepy.py"


def timed(cmd, cwd):
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=False, capture_output=True)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        student = Path(tmp) / "exercises" / "03"
        student.mkdir(parents=True)
        shutil.copy(SOLUTION, student / "sleepy.py")
        program, checks, startup = [], [], []
        for _ in range(args.repeat):
            startup.append(timed([sys.executable, "-c", "pass"], ROOT))
            program.append(timed([sys.executable, str(student / "sleepy.py")], ROOT))
            checks.append(
                timed(
                    [
                        sys.executable,
                        "-m",
                        "pytest",
                        "-q",
                        "exercises/03",
                        f"--grader-submission={tmp}",
                    ],
                    ROOT,
                )
            )
    p, c, s = (statistics.median(x) for x in (program, checks, startup))
    print(f"interpreter start-up      {s:6.3f} s")
    print(f"program alone             {p:6.3f} s")
    print(f"pytest exercises/03       {c:6.3f} s")
    print(f"ratio checks / program    {c / p:6.2f}  (target: well under 2)")


if __name__ == "__main__":
    main()
