"""The bundled demo class is what demo/make_class.py makes from the course."""

import filecmp
import subprocess
import sys
import zipfile
from pathlib import Path

from course_copy import copy_course

ROOT = Path(__file__).resolve().parent.parent


def test_the_demo_class_is_up_to_date(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "demo" / "make_class.py"), str(tmp_path / "class")],
        check=True,
        capture_output=True,
    )
    fresh = sorted(
        p.relative_to(tmp_path / "class") for p in (tmp_path / "class").rglob("*")
    )
    bundled = sorted(
        p.relative_to(ROOT / "demo" / "class")
        for p in (ROOT / "demo" / "class").rglob("*")
    )
    assert fresh == bundled, "run python demo/make_class.py and commit demo/class"
    for rel in fresh:
        if (tmp_path / "class" / rel).is_file():
            assert filecmp.cmp(
                tmp_path / "class" / rel, ROOT / "demo" / "class" / rel, shallow=False
            ), f"{rel} differs: run demo/make_class.py"


def test_a_change_to_one_exercise_changes_only_its_files_in_the_demo_class(tmp_path):
    # A course copy with one more mistake in exercise 05's corpus.
    course = copy_course(tmp_path / "course").parent
    extra = course / "solutions" / "05" / "variants" / "aa_one_more_mistake.py"
    extra.write_text("# expect-fail: test_squares_come_back_in_input_order\n\n")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "demo" / "make_class.py"),
            str(tmp_path / "class"),
            str(course / "course.yml"),
        ],
        check=True,
        capture_output=True,
    )
    changed = set()
    for path in (tmp_path / "class").rglob("*"):
        rel = path.relative_to(tmp_path / "class")
        if path.suffix == ".zip" and zipfile.is_zipfile(path):
            fresh = zipfile.ZipFile(path)
            old = zipfile.ZipFile(ROOT / "demo" / "class" / rel)
            changed |= {
                f"{rel}:{name}"
                for name in fresh.namelist()
                if name not in old.namelist() or fresh.read(name) != old.read(name)
            }
        elif path.is_file() and not filecmp.cmp(
            path, ROOT / "demo" / "class" / rel, shallow=False
        ):
            changed.add(str(rel))
    assert changed, "the new mistake was dealt to nobody"
    assert all("exercises/05/" in c for c in changed), sorted(changed)
