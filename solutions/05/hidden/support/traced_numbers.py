"""Numbers for the hidden checks of exercise 05, imported by the student's processes
(the check puts this folder on the run's path and passes ``{"$ref":
"traced_numbers:NUMBERS"}`` as the list of numbers).

Each number is an int whose squaring (``n * n``, ``n ** 2``, ``pow(n, 2)``) takes a
moment and reports, as a ``square`` event, which process did it. The first number
is slow: the child that squares it finishes last, so a program that returns the
squares in the order they come off the queue returns them out of input order.
A program that converts the numbers with int() first escapes both effects; the
checks then judge it on its result alone.
"""

import time

_sleep = time.sleep  # bound now: the student's code cannot make squaring quicker


class _Traced(int):
    __slots__ = ()
    delay = 0.0

    def _squared(self):
        try:
            import _grader_probe

            _grader_probe.emit("square")
        except Exception:
            pass
        _sleep(self.delay)

    def __mul__(self, other):
        if isinstance(other, int) and int(other) == int(self):
            self._squared()
        return int.__mul__(int(self), other)

    __rmul__ = __mul__

    def __pow__(self, exponent, modulo=None):
        if exponent == 2:
            self._squared()
        return int.__pow__(int(self), exponent, modulo)


class Slow(_Traced):
    __slots__ = ()
    delay = 0.5


class Quick(_Traced):
    __slots__ = ()
    delay = 0.03


VALUES = [12, -7, 31, 5, 0, 18, -22, 9, 44, 3, -15, 27, 8]
NUMBERS = [Slow(VALUES[0])] + [Quick(v) for v in VALUES[1:]]
