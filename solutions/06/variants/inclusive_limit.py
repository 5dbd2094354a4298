# The last chunk stops at limit + 1: a limit that is itself prime gets counted.
# expect-fail: test_a_prime_limit_is_left_out
# expect-message: the limit itself was counted
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
    size = -(-limit // workers)
    chunks = [(lo, min(lo + size, limit + 1)) for lo in range(0, limit + 1, size)]
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.starmap(count_range, chunks))
