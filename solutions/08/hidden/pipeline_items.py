"""Inputs of the hidden checks of exercise 08 (never released).

``Item`` is a ``str`` whose ``upper`` is a Python method, so the grader's trace of
``upper`` shows which process upper-cased each item. Items cross queues by pickle
and keep their class; spawn children import this module from the PYTHONPATH.
"""

import random


class Item(str):
    def upper(self):
        return str.upper(self)


def _words(seed, count):
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))
        for _ in range(count)
    ]


# Many items, in an order no sort or reversal reproduces.
MANY = _words(80808, 400)
MANY_ITEMS = [Item(w) for w in MANY]

# Real items that look like the sentinels students choose.
LOOKALIKE = [
    "river",
    "STOP",
    "stone",
    "None",
    "",
    "meadow",
    "DONE",
    "END",
    "quit",
    "-1",
    "0",
    "sentinel",
    "EOF",
    "harbour",
    "null",
    "__END__",
    "exit",
    "lantern",
]
