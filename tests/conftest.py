from pathlib import Path

import pytest

from grader.course import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def course():
    return load(ROOT / "course.yml")
