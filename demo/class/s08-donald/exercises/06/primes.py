# Pool() without the workers argument: one process per core, whatever was asked.
# expect-fail: test_the_pool_size_follows_workers
# expect-message: as many processes
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
    chunks = [(lo, min(lo + size, limit)) for lo in range(0, limit, size)]
    with multiprocessing.Pool() as pool:
        return sum(pool.starmap(count_range, chunks))
