"""Grades out of RESULTS and into the tools courses already use."""
