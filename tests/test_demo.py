"""The bundled demo class is what demo/make_class.py makes from the course."""

import filecmp
import subprocess
import sys
from pathlib import Path

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
