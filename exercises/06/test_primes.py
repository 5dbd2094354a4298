"""Visible checks for exercise 06: run them with `pytest exercises/06`.

Your count_primes() runs in a separate process, watched by the grader: it sees
every process you start and how much CPU time each one uses.
"""

import pytest

import primes_checks

EXERCISE = "06"
# A limit that is itself a prime (counting it is the lesson's `< limit` mistake),
# whose twin 480,017 sits in the last few numbers: a split into any multiple of 5
# chunks that drops the remainder (limit % chunks >= 3) loses it. Five workers:
# Pool() without the argument gets as many only on a five-core machine.
LIMIT, WORKERS = 480_019, 5


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, LIMIT, WORKERS)


@pytest.fixture(scope="module")
def expected():
    return primes_checks.primes_below(LIMIT)


@pytest.mark.points(2)
def test_counts_the_primes_below_the_limit(run, expected):
    """count_primes(480019, 5) returns how many primes are below 480019"""
    primes_checks.worker_processes(run)
    primes_checks.count_is(run, LIMIT, expected)


@pytest.mark.points(1)
def test_the_counting_runs_in_worker_processes(run):
    """The counting runs in worker processes; the main process only hands it out"""
    primes_checks.work_in_workers(run, primes_checks.worker_processes(run))


@pytest.mark.points(1)
def test_two_workers_share_the_work(run):
    """At least two workers of the pool do a real share of the counting"""
    primes_checks.shared_work(run, primes_checks.worker_processes(run))


@pytest.mark.points(1)
def test_the_pool_has_workers_processes(run):
    """The pool has as many processes as the workers argument asks for"""
    primes_checks.pool_size(run, primes_checks.worker_processes(run), WORKERS)
