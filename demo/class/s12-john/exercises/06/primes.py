"""Exercise 06 · CPU-bound work beats the GIL: reference solution.

The fix: cut range(limit) into `workers` contiguous chunks, (start, stop) pairs
that cover it exactly (the last one stops at limit, so p < limit; the chunk size
is rounded up, so no remainder is left out), and let a pool of `workers` processes
count the primes of one chunk each. Each process has its own interpreter and its
own GIL, so the chunks are counted on different cores at the same time; the main
process only hands out the chunks and adds up the counts. A thread pool would not
help: its threads share one GIL and take turns running Python code.
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
    size = -(-limit // workers)  # rounded up: no remainder is left out
    chunks = [(start, min(start + size, limit)) for start in range(0, limit, size)]
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.starmap(count_range, chunks))


if __name__ == "__main__":
    import time

    tic = time.time()
    total = count_primes(500_000, 2)
    toc = time.time()
    print(f"{total} primes below 500000")
    print("Done in {:.4f} seconds".format(toc - tic))
