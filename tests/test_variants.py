"""Every exercise's checks separate right from wrong: each correct variant earns
full marks on visible and hidden checks, and each known mistake fails the check
meant for it, with the message that explains it."""

import pytest

from grader.checkrun import make_tree, run_checks
from corpus import load_variants

VARIANTS = load_variants()
# Hangs only need to be told apart from programs that finish; don't wait long.
HANG_TIMEOUT = 4


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.id)
def test_variant(variant, course, tmp_path):
    tree = make_tree(course, {variant.exercise: variant.path}, tmp_path / "student")
    hangs = "did not finish" in (variant.message or "")
    results = run_checks(
        course, variant.exercise, tree, run_timeout=HANG_TIMEOUT if hangs else None
    )
    by_name = {r.name: r for r in results}
    assert results, "no checks ran"
    if variant.passes:
        failed = {r.name: r.message for r in results if r.outcome != "passed"}
        assert not failed, f"a correct program lost points: {failed}"
        return
    for name in variant.must_fail:
        assert name in by_name, f"no check named {name}; have {sorted(by_name)}"
        assert by_name[name].outcome == "failed", f"{name} passed a wrong program"
    if variant.message:
        first = by_name[variant.must_fail[0]]
        assert variant.message in first.message, first.message
    if variant.hidden_only is None:
        # The student must learn the lesson's mistakes from `pytest exercises/NN`.
        visible = [r for r in results if r.nodeid.startswith("exercises/")]
        assert any(r.outcome == "failed" for r in visible), (
            "every visible check passed a mistake the lesson names; fix the "
            "visible checks, or say '# hidden-only: why' in the variant's header"
        )


def test_a_total_printed_before_the_children_ended_is_told_so_not_given_a_range(
    course, tmp_path
):
    (variant,) = [v for v in VARIANTS if v.id == "03/no_join"]
    tree = make_tree(course, {"03": variant.path}, tmp_path / "student")
    by_name = {r.name: r for r in run_checks(course, "03", tree)}
    message = by_name["test_the_printed_total_matches_the_clock"].message
    assert "printed its total before its children had finished" in message
    assert "a total between" not in message
