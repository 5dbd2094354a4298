"""Hidden checks for exercise 06: other limits and pool sizes, and probes for the
edges of the range (a limit that is itself prime, 0 and 1) and for answers that
were not counted."""

import pytest

import primes_checks

EXERCISE = "06"
# Not a multiple of 3, with a prime among the numbers that `limit // 3`-sized
# chunks leave out; big enough to show each worker's CPU time.
LIMIT, WORKERS = 460_082, 3
PRIME_LIMIT = 104_729  # itself a prime
SMALL_LIMIT = 100


@pytest.fixture(scope="module")
def run(observe):
    return observe.call(EXERCISE, LIMIT, WORKERS)


@pytest.mark.points(2)
def test_counts_right_for_other_limits_and_pool_sizes(run):
    """The count is right for another limit and another number of workers"""
    primes_checks.worker_processes(run)
    primes_checks.count_is(run, LIMIT, primes_checks.primes_below(LIMIT), reveal=False)


@pytest.mark.points(1)
def test_the_pool_size_follows_workers(run):
    """Another number of workers: the pool has that many, and they share the work"""
    kids = primes_checks.worker_processes(run)
    primes_checks.pool_size(run, kids, WORKERS)
    primes_checks.work_in_workers(run, kids)
    primes_checks.shared_work(run, kids)


@pytest.mark.points(1)
def test_a_prime_limit_is_left_out(observe):
    """When the limit is itself a prime, it is not counted (p < limit)"""
    obs = observe.call(EXERCISE, PRIME_LIMIT, 2)
    primes_checks.worker_processes(obs)
    primes_checks.count_is(
        obs, PRIME_LIMIT, primes_checks.primes_below(PRIME_LIMIT), reveal=False
    )


@pytest.mark.points(1)
def test_zero_and_one_are_not_primes(observe):
    """0 and 1 are not counted as primes"""
    obs = observe.call(EXERCISE, SMALL_LIMIT, 3)
    primes_checks.worker_processes(obs)
    primes_checks.count_is(
        obs, SMALL_LIMIT, primes_checks.primes_below(SMALL_LIMIT), reveal=False
    )
