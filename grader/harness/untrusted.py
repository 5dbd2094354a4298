"""Reading what the student's code could have replaced while it ran.

The run's folder belongs to the student's uid: by the time the trusted side reads
the events or the result, any name in it may be a link (to ``/dev/zero``, to
another run's files, to the host), a FIFO that never answers, or a file that grows
forever. So each name is opened relative to a folder descriptor, without following
links and without blocking, must turn out to be a regular file, and is read no
further than a bound.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


class Untrusted(OSError):
    """The file is not one the trusted side will read; the message says why."""


def read_bounded(base: Path, rel: str, limit: int, *, whole: bool = True) -> bytes:
    """The bytes of ``base/rel``, at most ``limit`` of them.

    ``base`` is trusted (the harness made it where the student cannot rename it);
    every component of ``rel`` is not. Raises :class:`Untrusted` for a link or a
    non-regular file, and OSError if it is missing. A file over ``limit`` bytes
    raises too, unless ``whole`` is false: then its first ``limit`` bytes come back.
    """
    parts = PurePosixPath(rel).parts
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in parts[:-1]:
            try:
                inner = os.open(part, _FLAGS | os.O_DIRECTORY, dir_fd=fd)
            except OSError as exc:
                raise Untrusted(f"{part}/ is not a folder of the run ({exc})") from None
            os.close(fd)
            fd = inner
        try:
            file_fd = os.open(parts[-1], _FLAGS, dir_fd=fd)
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise Untrusted(f"{rel} could not be opened safely ({exc})") from None
    finally:
        os.close(fd)
    try:
        if not stat.S_ISREG(os.fstat(file_fd).st_mode):
            raise Untrusted(f"{rel} is not a regular file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(file_fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
        if size > limit:
            if whole:
                raise Untrusted(f"{rel} is over {limit // 2**20} MiB")
            return data[:limit]
        return data
    finally:
        os.close(file_fd)
