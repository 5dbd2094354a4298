# Its own prime test (6k +/- 1), chunks from a generator, imap_unordered.
# expect: pass
import math
import multiprocessing as mp


def prime(n):
    if n in (2, 3):
        return True
    if n < 2 or n % 2 == 0 or n % 3 == 0:
        return False
    for k in range(5, math.isqrt(n) + 1, 6):
        if n % k == 0 or n % (k + 2) == 0:
            return False
    return True


def count(chunk):
    return sum(map(prime, range(*chunk)))


def chunks(limit, n):
    size = max(1, math.ceil(limit / n))
    for lo in range(0, limit, size):
        yield lo, min(limit, lo + size)


def count_primes(limit: int, workers: int) -> int:
    with mp.Pool(workers) as pool:
        return sum(pool.imap_unordered(count, chunks(limit, workers)))
