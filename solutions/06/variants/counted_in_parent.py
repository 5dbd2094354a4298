# A pool that only hands the chunks back: the main process counts them itself.
# expect-fail: test_the_counting_runs_in_worker_processes
# expect-message: Most of the counting ran in your main process
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


def numbers(start, stop):
    return list(range(start, stop))


def count_primes(limit, workers):
    size = -(-limit // workers)
    chunks = [(lo, min(lo + size, limit)) for lo in range(0, limit, size)]
    with multiprocessing.Pool(workers) as pool:
        parts = pool.starmap(numbers, chunks)
    return sum(1 for part in parts for n in part if is_prime(n))
