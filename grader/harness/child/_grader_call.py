"""Driver that calls one function of a student module in the child process.

argv: MODULE_DIR MODULE_NAME FUNCTION CALL_JSON RESULT_JSON
CALL_JSON holds {"args": [...], "kwargs": {...}}; an argument {"$ref": "mod:name"}
is replaced by that importable object (targets for exercise 10, for instance).
The module is imported under its own name, never from a path under another name,
so that spawn and forkserver children can import it again.
"""

import importlib
import json
import sys
import traceback


def _resolve(value):
    if isinstance(value, dict) and set(value) == {"$ref"}:
        module, _, name = value["$ref"].partition(":")
        obj = importlib.import_module(module)
        for part in name.split("."):
            obj = getattr(obj, part)
        return obj
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


def _write(path, record):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(record, f)


def _error(exc, tb):
    return {"type": type(exc).__name__, "message": str(exc), "traceback": tb}


def main():
    module_dir, module_name, function, call_path, result_path = sys.argv[1:6]
    import _grader_probe

    with open(call_path, encoding="utf-8") as f:
        call = json.load(f)
    sys.path.insert(0, module_dir)
    try:
        module = importlib.import_module(module_name)
    except BaseException as exc:
        _write(
            result_path,
            {"status": "import_error", **_error(exc, traceback.format_exc())},
        )
        raise SystemExit(1)
    func = getattr(module, function, None)
    if not callable(func):
        _write(result_path, {"status": "missing", "function": function})
        raise SystemExit(1)
    args = [_resolve(a) for a in call.get("args", [])]
    kwargs = {k: _resolve(v) for k, v in call.get("kwargs", {}).items()}
    _grader_probe.emit("call_begin", func=function)
    try:
        value = func(*args, **kwargs)
    except BaseException as exc:
        _grader_probe.emit("call_end", func=function, raised=True)
        _write(result_path, {"status": "raised", **_error(exc, traceback.format_exc())})
        raise SystemExit(1)
    _grader_probe.emit(
        "call_end", func=function, raised=False, **_grader_probe.queue_counts()
    )
    try:
        _write(result_path, {"status": "returned", "value": value})
    except (TypeError, ValueError):
        # Not plain data (a Manager's proxy, a Value, a set): what it was, so the
        # check can say so instead of seeing None.
        try:
            shown = repr(value)[:200]
        except Exception:
            shown = "<unrepresentable>"
        record = {
            "value": None,
            "value_type": type(value).__name__,
            "value_repr": shown,
        }
        _write(result_path, {"status": "returned", **record})


if __name__ == "__main__":
    main()
