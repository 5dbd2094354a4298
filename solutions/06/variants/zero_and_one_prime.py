# Its own prime test, which says 0 and 1 are primes (no divisor found).
# expect-fail: test_zero_and_one_are_not_primes
# expect-message: 0 and 1 are not primes
import math
import multiprocessing


def is_prime(n):
    for d in range(2, math.isqrt(n) + 1):
        if n % d == 0:
            return False
    return True


def count_range(start, stop):
    return sum(1 for n in range(start, stop) if is_prime(n))


def count_primes(limit, workers):
    size = -(-limit // workers)
    chunks = [(lo, min(lo + size, limit)) for lo in range(0, limit, size)]
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.starmap(count_range, chunks))
