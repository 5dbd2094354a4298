"""Exercise 08 · A pipeline with a poison pill.

Turn run_pipeline() into a two-stage pipeline: a producer process puts the items on
a queue, a consumer process upper-cases them and sends them back, and a sentinel
(the "poison pill") tells the consumer that the stream has ended. Read README.md
first.
"""

import multiprocessing


def run_pipeline(items):
    """Return the items upper-cased, in their order."""
    # TODO: do this in two child processes joined by queues:
    #   - a producer that puts every item on a queue, then a sentinel;
    #   - a consumer that upper-cases each item it reads and sends it on,
    #     until it reads the sentinel;
    # then collect the results in the parent and join both processes.
    return [item.upper() for item in items]


if __name__ == "__main__":
    print(run_pipeline(["apple", "banana", "cherry"]))
