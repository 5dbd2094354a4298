"""The layout is the design: everything public about exercise NN in exercises/NN,
everything secret in solutions/NN, and in grader/ only what serves every
exercise. An exercise is added by writing its two folders and its course.yml
entry, and changing it re-grades that exercise alone."""

import ast
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from course_copy import copy_course
from grader.batch import grade_class
from grader.course import load

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "grader"


def grader_imports() -> dict[str, set[str]]:
    """module -> the grader modules it imports (anywhere in its body)."""
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("grader")}
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[: len(base) - node.level + 1]
                    where = ".".join(base + ([node.module] if node.module else []))
                else:
                    where = node.module or ""
                if where.startswith("grader"):
                    found.add(where)
                    found |= {f"{where}.{a.name}" for a in node.names}
        graph[name] = found
    return {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}


def test_no_import_circle_among_graders_modules():
    graph = grader_imports()
    # A package's __init__ re-exporting its modules is not a circle of design.
    graph = {
        m: {d for d in deps if not m.startswith(d + ".")} for m, deps in graph.items()
    }
    state: dict[str, str] = {}

    def visit(module, path):
        state[module] = "open"
        for dep in sorted(graph[module]):
            if state.get(dep) == "open":
                raise AssertionError(" -> ".join(path + [module, dep]))
            if dep not in state:
                visit(dep, path + [module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_the_package_holds_no_check_and_no_exercise():
    assert not list(
        PACKAGE.rglob("test_*.py")
    ), "checks live in exercises/ and solutions/"
    course = load(ROOT / "course.yml")
    student_modules = {Path(ex.file).stem for ex in course.exercises}
    for path in PACKAGE.rglob("*.py"):
        assert path.stem not in student_modules, path


def test_every_module_of_the_checks_library_serves_more_than_one_exercise():
    # Logic of one exercise belongs in exercises/NN; the library is what repeats.
    course = load(ROOT / "course.yml")
    users: dict[str, set[str]] = {}
    for ex in course.exercises:
        files = list((ROOT / ex.folder).glob("*.py"))
        files += list((ROOT / ex.hidden).rglob("*.py")) if ex.hidden else []
        text = "\n".join(f.read_text(encoding="utf-8") for f in files)
        for module in (PACKAGE / "checks").glob("*.py"):
            if module.stem != "__init__" and (
                f"checks.{module.stem}" in text
                or f"import {module.stem}" in text
                or f" {module.stem}," in text
                or f", {module.stem}" in text
            ):
                users.setdefault(module.stem, set()).add(ex.id)
    library = {m.stem for m in (PACKAGE / "checks").glob("*.py")} - {"__init__"}
    for module in sorted(library):
        inside = any(
            f".{module} import" in p.read_text(encoding="utf-8")
            or f"import {module}" in p.read_text(encoding="utf-8")
            for p in (PACKAGE / "checks").glob("*.py")
            if p.stem != module
        )
        assert len(users.get(module, ())) >= 2 or inside, (module, users.get(module))


def test_no_exercise_imports_another():
    course = load(ROOT / "course.yml")
    modules = {
        ex.id: {p.stem for p in (ROOT / ex.folder).glob("*.py")}
        for ex in course.exercises
    }
    for ex in course.exercises:
        files = list((ROOT / ex.folder).glob("*.py"))
        files += list((ROOT / ex.hidden).rglob("*.py")) if ex.hidden else []
        for path in files:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            imported = {
                a.name
                for n in ast.walk(tree)
                if isinstance(n, ast.Import)
                for a in n.names
            }
            imported |= {
                n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
            }
            for other, names in modules.items():
                if other != ex.id:
                    assert not imported & names, f"{path} imports exercise {other}"


# -- a throwaway exercise, added as an instructor would --------------------------
NINETY_NINE = {
    "exercises/99/README.md": """\
        # 99 · Doubling in a child

        A child process computes the answer; the parent returns it.

        ## Your task
        Write `double_in_child(x)`: return `2 * x`, computed in a child process.
        Check it with `pytest exercises/99`.
        """,
    "exercises/99/double.py": '''\
        """Exercise 99: double a number in a child process."""


        def double_in_child(x: int) -> int:
            # TODO: compute 2 * x in a child process (a Pool of one is enough)
            return 0
        ''',
    "exercises/99/double_checks.py": '''\
        """Expectations for exercise 99: the value, and where it was computed."""

        from grader.checks import CheckFailed, returned


        def doubled(obs, x):
            value = returned(obs)
            if value != 2 * x:
                raise CheckFailed(
                    f"double_in_child({x}) returned {value!r}.",
                    observed=repr(value),
                    expected=repr(2 * x),
                    hint="return the child's answer, not a placeholder",
                    observation=obs,
                )


        def in_a_child(obs):
            if not obs.children():
                raise CheckFailed(
                    "No child process ran.",
                    observed="the program's own process only",
                    expected="a child process that computes 2 * x",
                    hint="use multiprocessing.Pool(1) and pool.apply()",
                    observation=obs,
                )
        ''',
    "exercises/99/test_double.py": '''\
        """Visible checks for exercise 99: run them with `pytest exercises/99`."""

        import pytest

        import double_checks


        @pytest.fixture(scope="module")
        def run(observe):
            return observe.call("99", 21)


        @pytest.mark.points(1)
        def test_doubles_21_in_a_child(run):
            """double_in_child(21) returns 42, computed in a child process"""
            double_checks.doubled(run, 21)
            double_checks.in_a_child(run)
        ''',
    "solutions/99/double.py": """\
        import multiprocessing


        def _double(x):
            return 2 * x


        def double_in_child(x: int) -> int:
            with multiprocessing.Pool(1) as pool:
                return pool.apply(_double, (x,))
        """,
    "solutions/99/hidden/test_hidden_99.py": '''\
        import pytest

        import double_checks


        @pytest.mark.points(1)
        def test_doubles_a_negative_number(observe):
            """double_in_child(-5) returns -10"""
            double_checks.doubled(observe.call("99", -5), -5)
        ''',
    "solutions/99/variants/in_the_parent.py": """\
        # expect-fail: test_doubles_21_in_a_child
        # expect-message: No child process ran


        def double_in_child(x: int) -> int:
            return 2 * x
        """,
}
ENTRY = {
    "id": "99",
    "title": "Doubling in a child",
    "file": "exercises/99/double.py",
    "entry": "double_in_child",
    "solution": "solutions/99/double.py",
    "hidden": "solutions/99/hidden",
    "variants": "solutions/99/variants",
    "points": {"visible": 1, "hidden": 1},
    "timeout": 10,
}


def course_with_99(dest: Path) -> Path:
    copy_course(dest)
    for name, text in NINETY_NINE.items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_text(textwrap.dedent(text))
    raw = yaml.safe_load((ROOT / "course.yml").read_text())
    raw["exercises"].append(ENTRY)
    raw["total_points"] += 2  # the checklist's last line: the course's total
    (dest / "course.yml").write_text(yaml.safe_dump(raw, sort_keys=False))
    return dest / "course.yml"


def grader(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "grader.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_an_exercise_is_added_by_its_two_folders_and_its_entry(tmp_path):
    course_yml = course_with_99(tmp_path / "course")
    verified = grader("verify", "--exercise", "99", cwd=course_yml.parent)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "99 Doubling in a child" in verified.stdout

    # A class graded once, then the hidden check changed by one line: only
    # exercise 99 is graded again, and the run says why.
    subs = tmp_path / "submissions"
    for student in ("ann", "ben"):
        for ex_id, source in (
            ("01", "solutions/01/serial.py"),
            ("99", "solutions/99/double.py"),
        ):
            target = subs / student / load(course_yml).exercise(ex_id).file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(course_yml.parent / source, target)
    out = tmp_path / "results"
    first = grade_class(load(course_yml), subs, out, exercise_ids=["01", "99"])
    assert first.graded == 4
    assert [g.exercise("99").points for g in first.grades] == [2.0, 2.0]

    hidden = course_yml.parent / "solutions/99/hidden/test_hidden_99.py"
    hidden.write_text(hidden.read_text().replace("returns -10", "returns minus ten"))
    again = grade_class(load(course_yml), subs, out, exercise_ids=["01", "99"])
    assert (again.graded, again.reused) == (2, 2)
    assert again.regraded_because == {"exercise 99's checks changed": 2}
