"""`grader release`: the student tree installs and works on its own, and reveals no
solution and no hidden check."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.cli import main
from grader.course import load
from grader.release import build_release

ROOT = Path(__file__).resolve().parent.parent


def meaningful(line: str) -> bool:
    line = line.strip()
    return len(line) >= 24 and not line.startswith(("#", '"""', "import ", "from "))


@pytest.fixture(scope="module")
def release(tmp_path_factory, course):
    out = tmp_path_factory.mktemp("rel") / "course"
    build_release(course, out)
    return out


def release_lines(release: Path) -> set[str]:
    """Every line of every file in the release, stripped."""
    return {
        line.strip()
        for p in release.rglob("*")
        if p.is_file()
        for line in p.read_text(errors="replace").splitlines()
    }


def test_no_solution_and_no_hidden_check_is_in_the_release(release, course):
    assert not (release / "solutions").exists()
    assert not list(release.rglob("test_hidden_*"))
    assert not (release / "tests").exists()
    assert not list(release.rglob("*.pyc")) and not list(release.rglob("__pycache__"))
    text = release_lines(release)
    # The course builds on itself: 01's solution is 03's starting point, and 03's
    # lesson shows the seed's program without join. A line that a stub or a lesson
    # gives on purpose is not a leak; any other solution line is.
    given = {
        line.strip()
        for ex in course.exercises
        for name in (ex.file, f"{ex.folder}/README.md")
        for line in (ROOT / name).read_text().splitlines()
    }
    for ex in course.exercises:
        stub = {line.strip() for line in (ROOT / ex.file).read_text().splitlines()}
        own = [
            line.strip()
            for line in (ROOT / ex.solution).read_text().splitlines()
            if meaningful(line) and line.strip() not in stub
        ]
        for line in own:
            if line not in given:
                assert line not in text, f"solution {ex.id} leaks: {line!r}"
        # ... and no lesson hands over most of its own solution either.
        shown = [line for line in own if line in text]
        assert len(shown) <= len(own) // 2, f"solution {ex.id} is mostly in the release"
        for check in (ROOT / ex.hidden).rglob("*.py"):
            for line in check.read_text().splitlines():
                if meaningful(line) and "def test_" in line:
                    assert line.strip() not in text, f"hidden check {ex.id}: {line!r}"
    released = load(release / "course.yml")
    assert all(ex.hidden is None and ex.solution is None for ex in released.exercises)
    assert "solutions/" not in (release / "course.yml").read_text()


def test_release_refuses_a_non_empty_or_inner_folder(tmp_path, capsys):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    assert main(["release", str(tmp_path / "full")]) == 2
    assert main(["release", str(ROOT / "build-release-here")]) == 2
    assert "inside the course" in capsys.readouterr().err


def test_the_release_installs_and_checks_exercise_03(release, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(release)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}

    def student_pytest():
        return subprocess.run(
            [str(venv / "bin" / "pytest"), "exercises/03", "-p", "no:cacheprovider"],
            cwd=release,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )

    stub = student_pytest()
    assert stub.returncode == 1, stub.stdout[-2000:] + stub.stderr[-2000:]
    assert "0/5 points" in stub.stdout and "Timeline of your processes" in stub.stdout
    shutil.copy(
        ROOT / "solutions" / "03" / "sleepy.py", release / "exercises/03/sleepy.py"
    )
    solved = student_pytest()
    assert solved.returncode == 0, solved.stdout[-3000:]
    assert "5/5 points" in solved.stdout


def test_an_nbgrader_course_directory_gets_the_config_its_cycle_needs(tmp_path, capsys):
    course_dir = tmp_path / "course"
    assert main(["release", str(course_dir), "--nbgrader"]) == 0
    config = (course_dir / "nbgrader_config.py").read_text()
    namespace = {"get_config": lambda: _Config()}
    exec(config, namespace)  # as nbgrader loads it
    c = namespace["c"]
    assert c.CourseDirectory.course_id and c.Exchange.root
    assert c.Autograde.exclude_overwriting["ex03"] == ["sleepy.py"]
    assert ".pytest_cache" in c.CourseDirectory.ignore
    assert (course_dir / "source" / "ex03" / "pytest.ini").is_file()
    # An existing nbgrader course keeps its config: refused, with the line to add.
    again = tmp_path / "again"
    again.mkdir()
    (again / "nbgrader_config.py").write_text("c = get_config()\n")
    assert main(["release", str(again), "--nbgrader"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "nbgrader_config.py: exists" in said
    assert "c.Autograde.exclude_overwriting = {'ex01': ['serial.py']" in said
    assert (again / "nbgrader_config.py").read_text() == "c = get_config()\n"
    assert not (again / "source").exists()


class _Config:
    """traitlets' config object, as far as an nbgrader_config.py uses it."""

    def __getattr__(self, name):
        section = type("Section", (), {})()
        setattr(self, name, section)
        return section
