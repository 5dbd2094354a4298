"""Tries to import the grader and its test framework from inside a run."""

import importlib.util


def main():
    return [
        name for name in ("grader", "pytest", "rich") if importlib.util.find_spec(name)
    ]
