"""Exercise 06 · CPU-bound work beats the GIL.

Count the primes below a limit with a pool of worker processes, so that the
counting runs on every core at once. Read README.md first.
"""

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
    """How many primes p satisfy p < limit, counted by a pool of `workers`
    processes."""
    # TODO: split range(limit) into chunks, one (start, stop) pair each, and let a
    # pool of `workers` processes count them (multiprocessing.Pool or
    # concurrent.futures.ProcessPoolExecutor); add up their counts.
    return count_range(0, limit)


if __name__ == "__main__":
    import time

    tic = time.time()
    total = count_primes(500_000, 2)
    toc = time.time()
    print(f"{total} primes below 500000")
    print("Done in {:.4f} seconds".format(toc - tic))
