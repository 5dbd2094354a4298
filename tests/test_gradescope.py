"""The Gradescope autograder bundle: run_autograder grades a submission of loose
files into results.json, valid against Gradescope's schema, with the same grader."""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import yaml

from grader.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "gradescope-results.schema.json").read_text())


def _autograde(tmp_path, upload):
    """Build a one-exercise bundle and run it on an upload as Gradescope's harness
    lays it out: the zip in source/, run_autograder copied to the root, the upload
    in submission/. Returns the bundle's names, its course.yml, results.json and
    the finished run_autograder."""
    bundle = tmp_path / "autograder.zip"
    assert main(["gradescope", str(bundle), "--exercise", "03"]) == 0
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
        course_yml = zf.read("course.yml").decode()
        zf.extractall(root / "source")
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    for name, source in upload.items():
        (root / "submission" / name).write_bytes(source.read_bytes())
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "GRADER_PYTHON": sys.executable}
    proc = subprocess.run(
        ["bash", str(root / "run_autograder")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    results = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(results, SCHEMA)
    return names, course_yml, results, proc


def test_run_autograder_grades_a_submission_into_results_json(tmp_path):
    # Students upload loose files: the bundle puts each where the course expects it.
    solution = ROOT / "solutions" / "03" / "sleepy.py"
    names, course_yml, results, proc = _autograde(tmp_path, {"sleepy.py": solution})
    # Gradescope unpacks the zip into /autograder/source and runs setup.sh there:
    # everything sits at the zip's root.
    assert "setup.sh" in names and "run_autograder" in names
    assert "course.yml" in names and "pyproject.toml" in names
    assert "solutions/03/hidden/test_hidden_03.py" in names
    assert not [n for n in names if n.startswith(("source/", "tests"))]
    # Of the secret side, the hidden checks alone: no reference solution.
    assert not [n for n in names if n.startswith("solutions") and "/hidden/" not in n]
    assert not [x for x in yaml.safe_load(course_yml)["exercises"] if "solution" in x]
    assert results["score"] == 10
    assert all(t["status"] == "passed" for t in results["tests"])
    assert any("hidden" in t["tags"] for t in results["tests"])
    # The hidden tests are after_published: the visible output must not give the
    # total away; the sandbox mode goes to stdout, which only instructors see.
    assert "10/10" not in results["output"] and "10 points" not in results["output"]
    assert results["stdout_visibility"] == "hidden"
    assert "sandbox: " in proc.stdout


def test_a_second_download_named_by_the_browser_is_graded(tmp_path):
    solution = ROOT / "solutions" / "03" / "sleepy.py"
    _, _, results, _ = _autograde(tmp_path, {"sleepy (1).py": solution})
    assert results["score"] == 10


def test_a_missing_file_is_told_in_the_students_terms(tmp_path):
    _, _, results, _ = _autograde(tmp_path, {"notes.txt": ROOT / "README.md"})
    assert results["score"] == 0
    said = results["output"] + " ".join(t.get("output", "") for t in results["tests"])
    assert "sleepy.py was not in your upload (received: notes.txt)" in said
    assert "exercises/03" not in said


def test_work_in_the_lesson_notebook_is_graded_from_its_writefile_cell(tmp_path):
    # Students who worked in the notebook upload it (a browser may add " (1)").
    code = (ROOT / "solutions" / "03" / "sleepy.py").read_text()
    cells = ["import os", "%%writefile sleepy.py\n" + code]
    notebook = tmp_path / "ex03 (1).ipynb"
    notebook.write_text(
        json.dumps(
            {
                "cells": [
                    {"cell_type": "code", "metadata": {}, "source": c, "outputs": []}
                    for c in cells
                ],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    _, _, results, _ = _autograde(tmp_path, {"ex03 (1).ipynb": notebook})
    assert results["score"] == 10
