"""Tries to read what a student must never see, and to write where a student must
never write. Returns what it managed."""

import os


def main(read_paths, write_dirs):
    readable, writable = [], []
    for path in read_paths:
        try:
            if os.path.isdir(path):
                if os.listdir(path):
                    readable.append(path)
            else:
                with open(path, "rb") as f:
                    f.read(1)
                readable.append(path)
        except OSError:
            pass
    for folder in write_dirs:
        try:
            with open(os.path.join(folder, "planted.txt"), "w") as f:
                f.write("planted")
            writable.append(folder)
        except OSError:
            pass
    return {"readable": readable, "writable": writable}
