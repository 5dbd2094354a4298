# limit // workers per chunk: the remainder at the end of the range is never counted.
# expect-fail: test_counts_right_for_other_limits_and_pool_sizes
# expect-message: never counted
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
    size = limit // workers
    chunks = [(i * size, (i + 1) * size) for i in range(workers)]
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.starmap(count_range, chunks))
