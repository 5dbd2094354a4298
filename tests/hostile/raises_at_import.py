"""Fails as soon as it is imported."""

raise RuntimeError("broken at import time")


def main():
    pass
