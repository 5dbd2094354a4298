"""Taking in a class's submissions: one folder or ``.zip`` per student, copied into
a fresh workspace that holds only the files the course grades.

Nothing here runs student code, and the SUBMISSIONS folder is only read. Every
problem (a missing file, a symlink, a file that is not UTF-8 or is huge, a corrupt
zip, a zip entry that escapes its folder, a zip bomb) becomes a message for that
student and costs only the exercises it affects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .course import Course, assignment_name
from .text import visible

MAX_FILE_BYTES = 256 * 1024  # a student's module; the reference solutions are < 4 KiB
MAX_ZIP_BYTES = 64 * 1024 * 1024  # everything a zip claims to hold, uncompressed
# Listing 200,000 entries costs the grader 3.4 s and 224 MiB, so a zip that says
# it has more than this is never listed; a course folder zipped with its .venv
# (Dask and all) stays well under it.
MAX_ZIP_ENTRIES = 50_000
# zipfile lists by the central directory's size, not its declared count (which a
# zip can understate), so that size is bounded too: 50,000 entries of long paths.
MAX_ZIP_DIRECTORY_BYTES = 8 * 2**20
NBGRADER_ASSIGNMENT = re.compile(r"ex\d\d")  # an assignment folder, never a wrapper
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}")


@dataclass
class Intake:
    student: str
    source: str  # the folder or zip it came from
    workspace: Path  # the student's tree as the checks see it
    missing: dict[str, str] = field(default_factory=dict)  # exercise id -> why
    problems: list[str] = field(default_factory=list)  # about the submission as a whole
    digests: dict[str, str] = field(default_factory=dict)  # exercise id -> its file's
    timestamps: dict[str, str] = field(default_factory=dict)  # ex id -> ISO, if known
    # exercise id -> where its file came from, when not the file itself
    notes: dict[str, str] = field(default_factory=dict)


def discover(
    submissions: Path, reserved: tuple[str, ...] = ()
) -> tuple[list[tuple[str, Path]], list[str]]:
    """(student id, path) for every entry, sorted; and what was skipped, and why.
    ``reserved``: names RESULTS already uses beside the student folders."""
    entries, skipped = [], []
    taken = {name.lower() for name in reserved}
    for path in sorted(submissions.iterdir()):
        name = visible(path.name)  # it reaches the TA's terminal
        if name.startswith("."):
            continue
        student = (
            name[:-4] if name.lower().endswith(".zip") and path.is_file() else name
        )
        if path.is_symlink():
            skipped.append(f"{name}: a symbolic link, not a submission; skipped")
        elif not (path.is_dir() or name.lower().endswith(".zip")):
            skipped.append(f"{name}: neither a folder nor a .zip; skipped")
        elif not STUDENT_ID.fullmatch(student):
            skipped.append(f"{name}: {student!r} is not a usable student id; skipped")
        elif student.lower() in taken:
            skipped.append(
                f"{name}: {student!r} is the name of a class file in RESULTS; "
                "rename the submission to grade it"
            )
        else:
            entries.append((student, path))
    ids = [s for s, _ in entries]
    for dup in sorted({s for s in ids if ids.count(s) > 1}):
        skipped.append(f"{dup}: both a folder and a .zip; only the folder is graded")
        entries = [(s, p) for s, p in entries if not (s == dup and p.is_file())]
    return entries, skipped


def take_in(
    course: Course, student: str, source: Path, workspace: Path, exercises: list[str]
) -> Intake:
    """Copy the student's graded files into ``workspace``; never raises for a bad
    submission."""
    if workspace.exists():
        shutil.rmtree(workspace)
    workspace.mkdir(parents=True)
    intake = Intake(student, str(source), workspace)
    reader = _ZipReader(source, intake) if source.is_file() else _FolderReader(source)
    for exercise_id in exercises:
        rel = course.exercise(exercise_id).file
        # nbgrader's `collect` layout: submitted/<student>/ex03/sleepy.py, with the
        # submission time in ex03/timestamp.txt.
        nbgrader_dir = assignment_name(exercise_id)
        nbgrader_rel = f"{nbgrader_dir}/{PurePosixPath(rel).name}"
        if reader.exists(nbgrader_rel) and not reader.exists(rel):
            rel_in_submission = nbgrader_rel
            stamp = reader.timestamp(f"{nbgrader_dir}/timestamp.txt")
            if stamp:
                intake.timestamps[exercise_id] = stamp
        else:
            rel_in_submission = rel
        data, problem = reader.read(rel_in_submission)
        missing = problem is not None and not reader.exists(rel_in_submission)
        data, problem, note = _from_notebook(
            course, exercise_id, reader, rel_in_submission, data, problem, missing
        )
        if note:
            intake.notes[exercise_id] = note
        if problem is None:
            problem = _check_text(rel, data)
        if problem is not None:
            intake.missing[exercise_id] = problem
            intake.digests[exercise_id] = hashlib.sha256(problem.encode()).hexdigest()
            continue
        target = workspace / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        intake.digests[exercise_id] = hashlib.sha256(data).hexdigest()
    return intake


def _from_notebook(course, exercise_id, reader, rel, data, problem, missing):
    """The lesson teaches writing the module from the notebook with a
    ``%%writefile sleepy.py`` cell. A student who edited that cell and never ran it
    has the stub (or nothing) in the file and their work in the notebook: grade
    the cell then, and say so. Returns (data, problem, note)."""
    ex = course.exercise(exercise_id)
    name = PurePosixPath(ex.file).name
    folders = [PurePosixPath(rel).parent, PurePosixPath(ex.file).parent]
    folders.append(PurePosixPath(assignment_name(exercise_id)))  # nbgrader's layout
    names = [
        f"{assignment_name(exercise_id)}.ipynb",
        f"{PurePosixPath(name).stem}.ipynb",
    ]
    candidates = dict.fromkeys(str(f / n) for f in folders for n in names)
    cell = where = None
    for candidate in candidates:
        if reader.exists(candidate):
            text, trouble = reader.read(candidate)
            where = where or PurePosixPath(candidate).name
            found = None if trouble else writefile_cell(text, name)
            if found is not None:
                cell, where = found, PurePosixPath(candidate).name
                break
    try:
        stub = (course.root / ex.file).read_bytes()
    except OSError:
        stub = None
    source = f"the %%writefile {name} cell of {where}"
    if missing:
        if cell is not None:
            return cell, None, f"graded {source}: {name} was not in the submission"
        if where:
            return data, f"{problem} ({where} has no %%writefile {name} cell)", None
        return data, problem, None
    if problem is not None or cell is None or cell == stub or cell == data:
        return data, problem, None
    if data == stub:
        note = f"graded {source}: {name} still held the stub (run the cell to save it)"
        return cell, None, note
    return (
        data,
        None,
        f"{where}'s %%writefile {name} cell differs from {name}; {name} was graded",
    )


def writefile_cell(notebook: bytes, filename: str) -> bytes | None:
    """The body of the notebook's last code cell that starts with
    ``%%writefile FILENAME`` (what IPython would write), or None."""
    try:
        cells = json.loads(notebook).get("cells")
    except (ValueError, UnicodeDecodeError, AttributeError):
        return None
    found = None
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(x for x in source if isinstance(x, str))
        if not isinstance(source, str):
            continue
        first, _, body = source.partition("\n")
        if first.split() in (
            ["%%writefile", filename],
            ["%%writefile", f"./{filename}"],
        ):
            found = body
    return None if found is None else found.encode("utf-8")


def parse_timestamp(text: str) -> str | None:
    """nbgrader writes '2026-11-20 12:00:00.000000 UTC'; ISO 8601 is accepted too.
    Returns ISO 8601 in UTC, or None when the text is not a time."""
    text = text.strip().removesuffix(" UTC").removesuffix("Z")
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp.astimezone(dt.timezone.utc).isoformat()  # nbgrader keeps microseconds


def _check_text(rel: str, data: bytes) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        return f"{rel} is {len(data) // 1024} KiB; a module this large is not graded"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            f"{rel} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
            f"{exc.start}); save it as UTF-8"
        )
    return None


class _FolderReader:
    def __init__(self, root: Path):
        self.root = root
        self.base = _wrapping_folder(root)

    def exists(self, rel: str) -> bool:
        return (self.base / rel).is_file()

    def timestamp(self, rel: str) -> str | None:
        path = self.base / rel
        if not path.is_file() or path.is_symlink() or path.stat().st_size > 200:
            return None
        return parse_timestamp(path.read_text(encoding="utf-8", errors="replace"))

    def read(self, rel: str) -> tuple[bytes, str | None]:
        path = self.base / rel
        # Refuse a link anywhere on the way: it could point at another student's
        # work or at the hidden checks.
        probe = self.base
        for part in PurePosixPath(rel).parts:
            probe = probe / part
            if probe.is_symlink():
                return (
                    b"",
                    f"{rel}: {probe.relative_to(self.root)} is a symbolic link; submit the file itself",
                )
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            return b"", f"{rel} is missing from the submission"
        except OSError as exc:
            return b"", f"{rel} could not be read ({exc.strerror})"
        if not stat.S_ISREG(mode):
            return b"", f"{rel} is not a regular file"
        if path.stat().st_size > MAX_FILE_BYTES:
            return (
                b"",
                f"{rel} is {path.stat().st_size // 1024} KiB; a module this large is not graded",
            )
        try:
            return path.read_bytes(), None
        except OSError as exc:  # mode 000, say, when the grader is not root
            return b"", f"{rel} could not be read ({exc.strerror})"


def _wrapping_folder(root: Path) -> Path:
    """A single folder that wraps the whole tree (``alice/course-main/...``)."""
    if (root / "exercises").is_dir():
        return root
    inner = [p for p in root.iterdir() if not p.name.startswith(".")]
    if (
        len(inner) == 1
        and inner[0].is_dir()
        and not inner[0].is_symlink()
        and not NBGRADER_ASSIGNMENT.fullmatch(inner[0].name)
    ):
        return inner[0]
    return root


def _declared_size(path: Path) -> tuple[int, int]:
    """(entries, central directory bytes) as the zip's end record declares them,
    read from its tail only, as zipfile finds it; (0, 0) when there is no end
    record (zipfile will then say the zip is unreadable)."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - (22 + 65535)))  # the end record and its comment
            tail = f.read()
    except OSError:
        return 0, 0
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return 0, 0
    entries = int.from_bytes(tail[at + 10 : at + 12], "little")
    directory = int.from_bytes(tail[at + 12 : at + 16], "little")
    # All ones: the real figures are in a ZIP64 record, so over 65,534 entries
    # or 4 GiB of directory; either is over the caps.
    if entries == 0xFFFF or directory == 0xFFFFFFFF:
        return max(entries, MAX_ZIP_ENTRIES + 1), directory
    return entries, directory


class _ZipReader:
    def __init__(self, path: Path, intake: Intake):
        self.members: dict[str, zipfile.ZipInfo] = {}
        self.error = None
        self.prefix = ""
        entries, directory = _declared_size(path)
        if entries > MAX_ZIP_ENTRIES or directory > MAX_ZIP_DIRECTORY_BYTES:
            self.error = (
                f"{path.name} holds {entries} entries in a {directory // 1024} KiB "
                f"directory (at most {MAX_ZIP_ENTRIES} entries, "
                f"{MAX_ZIP_DIRECTORY_BYTES // 2**20} MiB are read); "
                "zip only your course folder"
            )
            intake.problems.append(self.error)
            return
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        # The archive is the student's: whatever zipfile raises on it (zlib,
        # lzma, EOF, an unsupported version) is that student's problem, never
        # the class's.
        except Exception as exc:  # noqa: BLE001
            self.error = f"{path.name} is not a readable zip ({exc})"
            intake.problems.append(self.error)
            return
        total = 0
        for info in infos:
            name = info.filename.replace("\\", "/")
            parts = PurePosixPath(name).parts
            if name.startswith("/") or ".." in parts or re.match(r"[A-Za-z]:", name):
                intake.problems.append(
                    f"zip entry {info.filename!r} points outside the submission; ignored"
                )
                continue
            total += info.file_size
            self.members[name] = info
        if total > MAX_ZIP_BYTES:
            intake.problems.append(
                f"{path.name} unpacks to {total // 2**20} MiB; only the graded files "
                "were read"
            )
        names = [n for n in self.members if not n.endswith("/")]
        tops = {
            PurePosixPath(n).parts[0] for n in names if len(PurePosixPath(n).parts) > 1
        }
        self.prefix = ""
        if not any(n.startswith("exercises/") for n in names) and len(tops) == 1:
            top = tops.pop()
            if not NBGRADER_ASSIGNMENT.fullmatch(top):
                self.prefix = top + "/"

    def exists(self, rel: str) -> bool:
        return (self.prefix + rel) in self.members

    def timestamp(self, rel: str) -> str | None:
        # A submission time is nbgrader's word, written by its `collect` into the
        # submitted/ folders. Inside a zip it is the student's word (set to 2020,
        # it would dodge the late penalty): never read.
        return None

    def read(self, rel: str) -> tuple[bytes, str | None]:
        if self.error:
            return b"", self.error
        info = self.members.get(self.prefix + rel)
        if info is None:
            return b"", f"{rel} is missing from the zip"
        if stat.S_ISLNK(info.external_attr >> 16):
            return b"", f"{rel} is a symbolic link in the zip; submit the file itself"
        if info.file_size > MAX_FILE_BYTES:
            return (
                b"",
                f"{rel} is {info.file_size // 1024} KiB; a module this large is not graded",
            )
        try:
            with self.zip.open(info) as f:
                # The header's size can lie (a zip bomb): never read past the cap.
                data = f.read(MAX_FILE_BYTES + 1)
        # A corrupt member raises whatever its decompressor raises (zlib.error,
        # lzma.LZMAError, EOFError, NotImplementedError...): see __init__.
        except Exception as exc:  # noqa: BLE001
            return b"", f"{rel} could not be unpacked ({exc})"
        if len(data) > MAX_FILE_BYTES:
            return (
                b"",
                f"{rel} unpacks to more than {MAX_FILE_BYTES // 1024} KiB; not graded",
            )
        return data, None
