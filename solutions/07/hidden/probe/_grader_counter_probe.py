"""Loaded into the student's main process by a hidden check of exercise 07, through
an argument ``{"$ref": "_grader_counter_probe:INT_3"}`` (which is just the int 3).

Importing it wraps ``multiprocessing.sharedctypes._new_value``, which every
``Value``, ``RawValue``, ``Array`` and ``RawArray`` is made by (however the student
imported them, from whatever context), to remember the shared ctypes objects the
main process creates from now on; those made earlier (at the top of the student's
module) are found at exit among the objects the garbage collector tracks. At exit,
before multiprocessing's own exit handler, it reports their values as a
``shared_values`` event. Like every event, that report
is the student process's claim; it only ever counts against a program whose
returned total is not what its own counter holds.
"""

import atexit
import ctypes
import gc
import os
from multiprocessing import heap, sharedctypes

import _grader_probe

_MAIN = os.getpid()
_made = []
_new_value = sharedctypes._new_value


def _recording_new_value(type_):
    obj = _new_value(type_)
    if os.getpid() == _MAIN:
        _made.append(obj)
    return obj


sharedctypes._new_value = _recording_new_value


def _numbers(obj):
    value = getattr(obj, "value", None)
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    try:
        items = list(obj)[:64]
    except TypeError:
        return []
    return [x for x in items if isinstance(x, int) and not isinstance(x, bool)]


def _shared_objects():
    """Every shared ctypes object of this process: recorded, or found by the gc.
    Only the type is looked at before ``vars()``: an arbitrary object's attributes
    may run code (a manager's proxy would call its server)."""
    found = {id(obj): obj for obj in _made}
    kinds = (ctypes._SimpleCData, ctypes.Array)
    for obj in gc.get_objects():
        if len(found) >= 64:
            break
        if issubclass(type(obj), kinds) and isinstance(
            vars(obj).get("_wrapper"), heap.BufferWrapper
        ):
            found.setdefault(id(obj), obj)
    return list(found.values())[:64]


def _report():
    if os.getpid() != _MAIN:
        return
    values = []
    try:
        objects = _shared_objects()
    except Exception:
        objects = list(_made)
    for obj in objects:
        try:
            values.extend(_numbers(obj))
        except Exception:
            pass
    _grader_probe.emit("shared_values", values=values[:256], objects=len(objects))


# Registered after multiprocessing.util's exit handler (imported above through
# sharedctypes), so it runs before that handler joins forgotten children.
atexit.register(_report)


def __getattr__(name):
    """INT_3 is 3: a plain argument for the function, and a reason to import us."""
    if name.startswith("INT_") and name[4:].isdigit():
        return int(name[4:])
    raise AttributeError(name)
