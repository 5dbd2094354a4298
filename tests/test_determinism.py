"""A grade is a function of the program: the mistakes that show only in some
interleavings fail the check meant for them on every run, under the load of the
whole suite (pytest -n 8), because the harness forces the interleaving or the
check rests on evidence no schedule changes."""

from pathlib import Path

import pytest

from grader.checkrun import make_tree, run_checks
from grader.course import load
from grader.variants import load_variants

RUNS = 5
RACY = {
    "02/join_only_first",  # the unjoined thread usually ends at the same moment
    "03/no_join",  # the children outlive the program
    "04/joined_but_not_all",  # the unjoined children end soon after the joined one
    "05/arrival_order",  # workers finishing in input order hide it
    "07/unlocked_increment",  # a lost update needs two increments to collide
    "08/stop_string_sentinel",
    # Found by bench/corpus_determinism.py: a check other than the meant one
    # changed between runs.
    "07/computed_return_plain_int",  # children with little work did not overlap
    "08/daemon_consumer",  # killed at exit before the supervisor saw it
    "08/terminate_consumer",  # terminated before the supervisor saw it
    "10/no_wait",  # terminated at once after start()
    "06/imap_unordered_own_prime_test",  # correct; a fast prime test, little CPU
}
VARIANTS = [
    v
    for v in load_variants(load(Path(__file__).resolve().parent.parent / "course.yml"))
    if v.id in RACY
]


def test_every_racy_mistake_is_in_the_corpus():
    assert {v.id for v in VARIANTS} == RACY


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.id)
def test_the_same_program_gets_the_same_verdicts_on_every_run(
    variant, course, tmp_path
):
    tree = make_tree(course, {variant.exercise: variant.path}, tmp_path / "student")
    verdicts = []
    for _ in range(RUNS):
        results = run_checks(course, variant.exercise, tree)
        verdicts.append({r.name: r.outcome for r in results})
        if variant.passes:
            assert set(verdicts[-1].values()) == {"passed"}, verdicts[-1]
        else:
            assert verdicts[-1][variant.must_fail[0]] == "failed", verdicts[-1]
    assert all(v == verdicts[0] for v in verdicts), verdicts
