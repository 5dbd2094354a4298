"""An autograder for a course on Python multiprocessing."""

__version__ = "0.1.0"
