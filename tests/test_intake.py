"""Taking in submissions: each problem is that student's problem, named clearly,
and nothing outside the workspace is ever written."""

import io
import os
import zipfile
from pathlib import Path

import pytest

from grader.intake import MAX_FILE_BYTES, discover, take_in

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "solutions" / "03" / "sleepy.py").read_bytes()
FILE = "exercises/03/sleepy.py"


def make_zip(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def intake(course, tmp_path, source):
    return take_in(course, "s", source, tmp_path / "ws", ["03"])


def test_a_folder_is_copied_into_a_fresh_workspace(course, tmp_path):
    (tmp_path / "alice" / "exercises" / "03").mkdir(parents=True)
    (tmp_path / "alice" / FILE).write_bytes(GOOD)
    (tmp_path / "alice" / "notes.txt").write_text("extra files are ignored")
    got = intake(course, tmp_path, tmp_path / "alice")
    assert got.missing == {} and got.problems == []
    assert (got.workspace / FILE).read_bytes() == GOOD
    assert not (got.workspace / "notes.txt").exists()
    assert len(got.digests["03"]) == 64


def test_a_single_wrapping_folder_is_accepted_in_folders_and_zips(course, tmp_path):
    (tmp_path / "bob" / "course-main" / "exercises" / "03").mkdir(parents=True)
    (tmp_path / "bob" / "course-main" / FILE).write_bytes(GOOD)
    assert intake(course, tmp_path, tmp_path / "bob").missing == {}
    z = make_zip(tmp_path / "carol.zip", {f"my-work/{FILE}": GOOD})
    got = intake(course, tmp_path, z)
    assert got.missing == {} and (got.workspace / FILE).read_bytes() == GOOD


def test_missing_and_non_utf8_files_are_named(course, tmp_path):
    (tmp_path / "d").mkdir()
    assert "missing" in intake(course, tmp_path, tmp_path / "d").missing["03"]
    (tmp_path / "e" / "exercises" / "03").mkdir(parents=True)
    (tmp_path / "e" / FILE).write_bytes("x = 'café'\n".encode("latin-1"))
    message = intake(course, tmp_path, tmp_path / "e").missing["03"]
    assert "not UTF-8" in message and "0xe9" in message


def test_a_symlink_is_refused(course, tmp_path):
    (tmp_path / "f" / "exercises" / "03").mkdir(parents=True)
    os.symlink(ROOT / "solutions" / "03" / "sleepy.py", tmp_path / "f" / FILE)
    assert "symbolic link" in intake(course, tmp_path, tmp_path / "f").missing["03"]


def test_a_huge_file_is_refused(course, tmp_path):
    (tmp_path / "g" / "exercises" / "03").mkdir(parents=True)
    (tmp_path / "g" / FILE).write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    assert "not graded" in intake(course, tmp_path, tmp_path / "g").missing["03"]


def test_a_corrupt_zip_is_the_students_problem(course, tmp_path):
    bad = tmp_path / "h.zip"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    got = intake(course, tmp_path, bad)
    assert "not a readable zip" in got.problems[0]
    assert "not a readable zip" in got.missing["03"]


def _one_member_zip(method):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        zf.writestr(FILE, GOOD)
    data = bytearray(buf.getvalue())
    name_len = int.from_bytes(data[26:28], "little")
    extra_len = int.from_bytes(data[28:30], "little")
    return data, 30 + name_len + extra_len, data.rfind(b"PK\x01\x02")


def _bad_deflate():
    data, start, _ = _one_member_zip(zipfile.ZIP_DEFLATED)
    data[start : start + 8] = b"\xff" * 8
    return data


def _truncated_member():
    data, start, cd = _one_member_zip(zipfile.ZIP_DEFLATED)
    return data[: start + 20] + b"\x00" * (cd - start - 20) + data[cd:]


def _bad_lzma():
    data, start, _ = _one_member_zip(zipfile.ZIP_LZMA)
    data[start + 10 : start + 30] = b"\x00" * 20
    return data


def _unsupported_version():
    data, _, cd = _one_member_zip(zipfile.ZIP_DEFLATED)
    data[4:6] = data[cd + 6 : cd + 8] = (99).to_bytes(2, "little")
    return data


def _unknown_method():
    data, _, cd = _one_member_zip(zipfile.ZIP_DEFLATED)
    data[8:10] = data[cd + 10 : cd + 12] = (77).to_bytes(2, "little")
    return data


@pytest.mark.parametrize(
    "corrupt",
    [_bad_deflate, _truncated_member, _bad_lzma, _unsupported_version, _unknown_method],
)
def test_a_corrupt_member_is_that_students_problem_and_named(course, tmp_path, corrupt):
    (tmp_path / "l.zip").write_bytes(bytes(corrupt()))
    got = intake(course, tmp_path, tmp_path / "l.zip")
    message = got.missing["03"]
    assert "could not be unpacked" in message or "not a readable zip" in message
    assert "sleepy.py" in message or "l.zip" in message


def test_zip_entries_that_escape_are_ignored_and_never_written(course, tmp_path):
    z = make_zip(
        tmp_path / "i.zip",
        {FILE: GOOD, "../../escaped.py": b"x = 1\n", "/abs/escaped.py": b"x = 1\n"},
    )
    got = intake(course, tmp_path, z)
    assert got.missing == {}
    assert sum("points outside" in p for p in got.problems) == 2
    assert not (tmp_path / "escaped.py").exists()
    assert not (tmp_path.parent / "escaped.py").exists()


def test_a_zip_bomb_is_not_unpacked(course, tmp_path):
    z = make_zip(tmp_path / "j.zip", {FILE: b"#" * (50 * MAX_FILE_BYTES)})
    assert (tmp_path / "j.zip").stat().st_size < MAX_FILE_BYTES
    assert "not graded" in intake(course, tmp_path, z).missing["03"]


def test_a_zip_that_lies_about_its_sizes_is_read_no_further_than_the_cap(
    course, tmp_path
):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(FILE, b"#" * (MAX_FILE_BYTES + 10))
    data = bytearray(buf.getvalue())
    # Forge the central directory's uncompressed size down to 100 bytes.
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (100).to_bytes(4, "little")
    (tmp_path / "k.zip").write_bytes(bytes(data))
    got = intake(course, tmp_path, tmp_path / "k.zip")
    assert "03" in got.missing


def test_discover_names_students_and_skips_what_is_not_a_submission(tmp_path):
    (tmp_path / "alice").mkdir()
    make_zip(tmp_path / "bob.zip", {FILE: GOOD})
    (tmp_path / "readme.txt").write_text("not a submission")
    (tmp_path / "bad name!").mkdir()
    (tmp_path / ".DS_Store").write_text("")
    os.symlink(tmp_path / "alice", tmp_path / "mallory")
    entries, skipped = discover(tmp_path)
    assert [s for s, _ in entries] == ["alice", "bob"]
    assert len(skipped) == 3


def test_a_submission_time_comes_from_nbgraders_folders_never_from_a_zip(
    course, tmp_path
):
    stamp = "2020-01-01 00:00:00.000000 UTC"
    (tmp_path / "m" / "ex03").mkdir(parents=True)
    (tmp_path / "m" / "ex03" / "sleepy.py").write_bytes(GOOD)
    (tmp_path / "m" / "ex03" / "timestamp.txt").write_text(stamp)
    assert intake(course, tmp_path, tmp_path / "m").timestamps["03"].startswith("2020")
    z = make_zip(
        tmp_path / "n.zip", {"ex03/sleepy.py": GOOD, "ex03/timestamp.txt": stamp}
    )
    got = intake(course, tmp_path, z)
    assert got.missing == {} and got.timestamps == {}


def test_an_unreadable_file_is_named_not_fatal(course, tmp_path, monkeypatch):
    (tmp_path / "o" / "exercises" / "03").mkdir(parents=True)
    (tmp_path / "o" / FILE).write_bytes(GOOD)
    os.chmod(tmp_path / "o" / FILE, 0)
    if os.geteuid() == 0:  # root reads through mode 000; a TA grading as themselves
        real = Path.read_bytes

        def as_a_user(path):
            if path.name == "sleepy.py" and not os.stat(path).st_mode & 0o444:
                raise PermissionError(13, "Permission denied")
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", as_a_user)
    message = intake(course, tmp_path, tmp_path / "o").missing["03"]
    assert "could not be read" in message and "Permission denied" in message


def _many_entries(path, count):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(FILE, GOOD)
        for i in range(count):
            zf.writestr(f"junk/{i}", b"")
    return path


def test_a_zip_of_too_many_entries_is_refused_before_it_is_listed(
    course, tmp_path, monkeypatch
):
    # The real caps are 50,000 entries and 8 MiB: the same code, a smaller zip.
    monkeypatch.setattr("grader.intake.MAX_ZIP_ENTRIES", 200)
    monkeypatch.setattr(zipfile.ZipFile, "infolist", None)  # it must not get there
    got = intake(course, tmp_path, _many_entries(tmp_path / "p.zip", 200))
    assert "201 entries" in got.missing["03"]
    assert "entries" in got.problems[0]


def test_a_zip_that_understates_its_entries_is_refused_by_its_directory_size(
    course, tmp_path, monkeypatch
):
    monkeypatch.setattr("grader.intake.MAX_ZIP_ENTRIES", 200)
    monkeypatch.setattr("grader.intake.MAX_ZIP_DIRECTORY_BYTES", 200 * 46)
    monkeypatch.setattr(zipfile.ZipFile, "infolist", None)
    data = bytearray(_many_entries(tmp_path / "q.zip", 300).read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = (1).to_bytes(2, "little") * 2  # "one entry"
    (tmp_path / "q.zip").write_bytes(bytes(data))
    got = intake(course, tmp_path, tmp_path / "q.zip")
    assert "1 entries" in got.missing["03"] and "directory" in got.missing["03"]


STUB = (ROOT / FILE).read_bytes()


def notebook(*cells):
    """A lesson notebook whose code cells are CELLS (text)."""
    import json

    return json.dumps(
        {
            "cells": [
                {"cell_type": "code", "metadata": {}, "source": c, "outputs": []}
                for c in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    ).encode()


def writefile(data):
    return "%%writefile sleepy.py\n" + data.decode()


def test_work_written_in_the_lesson_notebook_is_graded_if_the_file_holds_the_stub(
    course, tmp_path
):
    # The student edited the notebook's sleepy.py cell and never ran it, so the
    # file beside it is still the stub: the cell is their work.
    folder = tmp_path / "nora" / "ex03"
    folder.mkdir(parents=True)
    (folder / "sleepy.py").write_bytes(STUB)
    (folder / "ex03.ipynb").write_bytes(notebook("import os", writefile(GOOD)))
    got = intake(course, tmp_path, tmp_path / "nora")
    assert got.missing == {}
    assert (got.workspace / FILE).read_bytes() == GOOD
    assert "the %%writefile sleepy.py cell of ex03.ipynb" in got.notes["03"]


def test_the_file_is_graded_when_the_student_changed_it(course, tmp_path):
    folder = tmp_path / "olga" / "exercises" / "03"
    folder.mkdir(parents=True)
    (folder / "sleepy.py").write_bytes(GOOD)
    (folder / "ex03.ipynb").write_bytes(notebook(writefile(STUB + b"\n# mine\n")))
    got = intake(course, tmp_path, tmp_path / "olga")
    assert (got.workspace / FILE).read_bytes() == GOOD
    assert "sleepy.py was graded" in got.notes["03"]  # the two differ: said


def test_a_notebook_alone_is_graded_from_its_cell_and_a_bare_one_is_named(
    course, tmp_path
):
    z = make_zip(tmp_path / "pia.zip", {"ex03/ex03.ipynb": notebook(writefile(GOOD))})
    got = intake(course, tmp_path, z)
    assert got.missing == {} and (got.workspace / FILE).read_bytes() == GOOD
    (tmp_path / "quin" / "ex03").mkdir(parents=True)
    (tmp_path / "quin" / "ex03" / "ex03.ipynb").write_bytes(notebook("def main(): ..."))
    message = intake(course, tmp_path, tmp_path / "quin").missing["03"]
    assert "sleepy.py is missing" in message
    assert "ex03.ipynb has no %%writefile sleepy.py cell" in message
    (tmp_path / "ray" / "ex03").mkdir(parents=True)
    (tmp_path / "ray" / "ex03" / "ex03.ipynb").write_bytes(b"{not json")
    assert (
        "sleepy.py is missing"
        in intake(course, tmp_path, tmp_path / "ray").missing["03"]
    )
