# Pool.map over many small chunks (four per worker), a tuple per chunk.
# expect: pass
from multiprocessing import Pool


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


def count_chunk(bounds):
    start, stop = bounds
    return count_range(start, stop)


def count_primes(limit, workers):
    pieces = workers * 4
    edges = [limit * i // pieces for i in range(pieces + 1)]
    chunks = list(zip(edges, edges[1:]))
    pool = Pool(processes=workers)
    try:
        counts = pool.map(count_chunk, chunks)
    finally:
        pool.close()
        pool.join()
    return sum(counts)
