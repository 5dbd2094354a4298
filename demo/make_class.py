"""Builds the bundled demo class in demo/class/ from the reference solutions, the
stubs and the variant corpus: correct students, partly right ones, the classic
mistakes, broken submissions and a hang.

    python demo/make_class.py [OUT [COURSE_YML]]   (default: demo/class, course.yml)

The output is committed; tests/test_demo.py checks it matches this script.
"""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.variants import load_variants  # noqa: E402

from grader.course import load  # noqa: E402

FIXED_DATE = (2026, 11, 20, 12, 0, 0)  # zip entries carry a date; keep the bytes stable


def main(out: Path, course_yml: Path = ROOT / "course.yml") -> None:
    course = load(course_yml)
    variants = load_variants(course)
    solution = {ex.id: (ROOT / ex.solution).read_bytes() for ex in course.exercises}
    stub = {ex.id: (ROOT / ex.file).read_bytes() for ex in course.exercises}

    def passing(n):
        """The n-th correct variant of each exercise (the solution if none)."""
        found = {}
        for ex in course.exercises:
            mine = [v for v in variants if v.exercise == ex.id and v.passes]
            found[ex.id] = (
                mine[n % len(mine)].path.read_bytes() if mine else solution[ex.id]
            )
        return found

    def wrong(exercise, name):
        for v in variants:
            if v.exercise == exercise and v.path.stem == name and not v.passes:
                return v.path.read_bytes()
        return None

    by_exercise: dict[str, list] = {}
    for v in variants:
        if (
            not v.passes
            and "did not finish" not in (v.message or "")
            and v.path.stem != "syntax_error"
        ):
            by_exercise.setdefault(v.exercise, []).append(v)
    # Eight students make the classic mistakes and get the rest right. Exercise
    # number j gives its first two mistakes to students 2j and 2j + 1 (mod 8):
    # every exercise has some in the class, and what one exercise deals depends
    # on its own corpus alone, so regenerating after a change to one exercise
    # changes that exercise's files only.
    names = [
        "ken",
        "barbara",
        "edsger",
        "donald",
        "margaret",
        "dennis",
        "frances",
        "john",
    ]
    mistaken = [f"s{5 + i:02d}-{name}" for i, name in enumerate(names)]
    students: dict[str, dict[str, bytes]] = {
        "s01-ada": dict(solution),
        "s02-grace": passing(0),
        "s03-linus": passing(1),
        "s04-guido": passing(2),
        **{name: dict(solution) for name in mistaken},
    }
    for j, ex in enumerate(course.exercises):
        for turn, v in enumerate(by_exercise.get(ex.id, [])[:2]):
            students[mistaken[(2 * j + turn) % len(mistaken)]][
                ex.id
            ] = v.path.read_bytes()
    ids = course.ids
    half = len(ids) // 2
    students["s13-partial"] = {
        x: solution[x] if k < half else stub[x] for k, x in enumerate(ids)
    }
    students["s14-starter"] = dict(stub)
    syntax = next((v for v in variants if v.path.stem == "syntax_error"), None)
    students["s15-syntax"] = dict(solution)
    if syntax is not None:
        students["s15-syntax"][syntax.exercise] = syntax.path.read_bytes()
    students["s16-latin1"] = dict(solution)
    students["s16-latin1"][ids[0]] = (
        "# caf\u00e9\n".encode("latin-1") + solution[ids[0]]
    )
    students["s17-missing"] = {x: solution[x] for x in ids[::2]}
    hang = next((v for v in variants if "did not finish" in (v.message or "")), None)
    students["s20-hang"] = dict(solution)
    if hang is not None:
        students["s20-hang"][hang.exercise] = hang.path.read_bytes()

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for student, files in students.items():
        for x, data in files.items():
            target = out / student / course.exercise(x).file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    (out / "s18-zipped.zip").write_bytes(
        _zip(
            {f"course-main/{course.exercise(x).file}": d for x, d in passing(1).items()}
        )
    )
    escaping = {course.exercise(x).file: d for x, d in solution.items()}
    escaping["../../evil.py"] = b"print('this should never be written')\n"
    (out / "s19-escaping.zip").write_bytes(_zip(escaping))
    (out / "s21-corrupt.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    # Nothing graded in it (git keeps no empty folder, so it holds a note).
    (out / "s22-empty").mkdir()
    (out / "s22-empty" / "notes.txt").write_text(
        "I did not get to the exercises this week.\n"
    )
    print(f"wrote {len(list(out.iterdir()))} submissions to {out}")


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in sorted(files.items()):
            zf.writestr(zipfile.ZipInfo(name, FIXED_DATE), data)
    return buf.getvalue()


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "demo" / "class",
        *[Path(a) for a in sys.argv[2:3]],
    )
