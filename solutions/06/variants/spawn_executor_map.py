# ProcessPoolExecutor on a spawn context (macOS, Windows), executor.map over starts and stops.
# expect: pass
import concurrent.futures
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
    size, extra = divmod(limit, workers)
    starts, stops = [], []
    lo = 0
    for i in range(workers):
        hi = lo + size + (1 if i < extra else 0)
        starts.append(lo)
        stops.append(hi)
        lo = hi
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx) as ex:
        return sum(ex.map(count_range, starts, stops))
