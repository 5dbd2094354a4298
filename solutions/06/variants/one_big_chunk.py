# A pool, but the whole range is one task: one worker counts, the other waits.
# expect-fail: test_two_workers_share_the_work
# expect-message: one big chunk
import multiprocessing


def is_prime(n):
    """True if n is a prime. Deliberately simple: this is the CPU-bound work."""
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0:
        return False
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_range(start, stop):
    """How many primes p satisfy start <= p < stop (one chunk of the work)."""
    return sum(1 for n in range(start, stop) if is_prime(n))


def count_primes(limit, workers):
    with multiprocessing.Pool(workers) as pool:
        return pool.apply(count_range, (0, limit))
