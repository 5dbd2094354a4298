"""Allocates memory without bound (1 GiB at most, so a failed cap cannot hurt)."""


def main():
    hoard = []
    for _ in range(64):
        hoard.append(bytearray(16 << 20))
    print(f"held {len(hoard) * 16} MiB", flush=True)
