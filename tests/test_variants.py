"""Every exercise's checks separate right from wrong: each correct variant earns
full marks on visible and hidden checks, and each known mistake fails the check
meant for it, with the message that explains it (grader/variants.py reads what
each variant's header promises)."""

from pathlib import Path

import pytest

from grader.checkrun import make_tree, run_checks
from grader.course import load
from grader.variants import load_variants, verdict_problems

VARIANTS = load_variants(load(Path(__file__).resolve().parent.parent / "course.yml"))


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.id)
def test_variant(variant, course, tmp_path):
    tree = make_tree(course, {variant.exercise: variant.path}, tmp_path / "student")
    results = run_checks(
        course, variant.exercise, tree, run_timeout=variant.run_timeout
    )
    problems = verdict_problems(variant, results)
    assert not problems, "\n".join(problems)


def test_a_total_printed_before_the_children_ended_is_told_so_not_given_a_range(
    course, tmp_path
):
    (variant,) = [v for v in VARIANTS if v.id == "03/no_join"]
    tree = make_tree(course, {"03": variant.path}, tmp_path / "student")
    by_name = {r.name: r for r in run_checks(course, "03", tree)}
    message = by_name["test_the_printed_total_matches_the_clock"].message
    assert "printed its total before its children had finished" in message
    assert "a total between" not in message
