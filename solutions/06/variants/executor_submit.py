# ProcessPoolExecutor, one future per chunk, summed as they complete.
# expect: pass
from concurrent.futures import ProcessPoolExecutor, as_completed


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
    step = limit // workers + 1
    with ProcessPoolExecutor(max_workers=workers) as executor:
        futures = [
            executor.submit(count_range, lo, min(lo + step, limit))
            for lo in range(0, limit, step)
        ]
        return sum(f.result() for f in as_completed(futures))
