"""Instrumentation inside the student's processes: life-cycle events as JSON lines.

Everything written here is the student process's *claim*. The trusted side only
believes a claimed child process when the supervisor saw that pid itself, and takes
all times that decide points from its own clock; see grader/harness/observation.py.
"""

import json
import os
import sys
import threading
import time

# Bound now, before student code runs: patching time.monotonic later does not move us.
_clock = time.monotonic
_getpid = os.getpid
_path = os.environ.get("GRADER_EVENTS", "")
_traced = frozenset(filter(None, os.environ.get("GRADER_TRACE", "").split(",")))
_ack_dir = os.environ.get("GRADER_ACK_DIR", "")
try:
    _schedule = json.loads(os.environ.get("GRADER_SCHEDULE") or "{}")
except ValueError:
    _schedule = {}
_sleep = time.sleep
_exists = os.path.exists


def await_ack(limit=0.5, pid=None):
    """Wait until the supervisor has seen this process, or PID (see
    supervisor.acknowledge)."""
    if not _ack_dir:
        return
    path = os.path.join(_ack_dir, str(pid or _getpid()))
    deadline = _clock() + limit
    while not _exists(path) and _clock() < deadline:
        _sleep(0.001)


# Threads the standard library starts for itself (a Queue's feeder, a pool's
# handlers): never delayed, never counted. The same list as the trusted side's
# observation.LIBRARY_THREADS; this module cannot import the grader.
_LIBRARY_THREADS = ("multiprocessing.", "concurrent.", "threading.", "queue.")


# Made by the program's first join() when the schedule holds children until
# then; only the student's own processes read it.
_joining = _path + ".joining"


def _forced_late_start(process):
    """The schedule's delays for this child: _identity is (n,) for the n-th child
    the program created, whatever the start method."""
    identity = getattr(process, "_identity", ())
    if len(identity) != 1:
        return
    hold = float(_schedule.get("hold_until_join") or 0)
    if hold:
        deadline = _clock() + hold
        while not _exists(_joining) and _clock() < deadline:
            _sleep(0.002)
        _sleep(float(_schedule.get("after_release") or 0))
        emit("forced", what="hold_until_join")
    delay = (_schedule.get("late_start") or {}).get(str(identity[0]))
    if delay:
        emit("forced", what="late_start", seconds=delay)
        _sleep(float(delay))


def emit(kind, **fields):
    record = {"ev": kind, "t": _clock(), "pid": _getpid(), "ppid": os.getppid()}
    record.update(fields)
    try:
        data = (json.dumps(record, default=repr) + "\n").encode()
        # Opened per event so that fork, spawn and forkserver children all append
        # whole records to one file without sharing a file offset. Never blocks:
        # the program may have put a FIFO there.
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK
        fd = os.open(_path, flags, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    except Exception:
        pass


def _name(func):
    if func is None:
        return None
    module = getattr(func, "__module__", None) or ""
    qual = getattr(func, "__qualname__", None) or getattr(func, "__name__", repr(func))
    return f"{module}.{qual}" if module else qual


def _target(obj):
    target = getattr(obj, "_target", None)
    if target is not None:
        return _name(target)
    return f"{type(obj).__module__}.{type(obj).__qualname__}.run"


def _short(value, limit=300):
    try:
        text = repr(value)
    except Exception:
        text = "<unrepresentable>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _patch_processes():
    from multiprocessing import process as mp

    base = mp.BaseProcess
    start, join, bootstrap = base.start, base.join, base._bootstrap
    terminate, kill = base.terminate, base.kill

    def patched_start(self):
        # Read before start(), which deletes _target and _args (bpo-30775).
        target, args = _target(self), _short(getattr(self, "_args", ()))
        start(self)
        method = getattr(self, "_start_method", None)
        if method is None:
            import multiprocessing

            method = multiprocessing.get_start_method(allow_none=True)
        emit(
            "proc_start",
            child=self.pid,
            target=target,
            args=args,
            daemon=self.daemon,
            method=method,
        )

    def patched_join(self, timeout=None):
        child = self.pid if getattr(self, "_popen", None) is not None else None
        # multiprocessing joins forgotten children itself when the program exits;
        # that join is not the student's.
        auto = sys._getframe(1).f_code.co_name == "_exit_function"
        emit("join_begin", child=child, timeout=timeout, auto=auto)
        if _schedule.get("hold_until_join") and not _exists(_joining):
            try:
                os.close(os.open(_joining, os.O_WRONLY | os.O_CREAT, 0o600))
            except OSError:
                pass
        try:
            return join(self, timeout)
        finally:
            popen = getattr(self, "_popen", None)
            code = popen.poll() if popen is not None else None
            emit("join_end", child=child, timeout=timeout, exitcode=code, auto=auto)

    def patched_bootstrap(self, *args, **kwargs):
        await_ack()
        _forced_late_start(self)
        emit("proc_run", target=_target(self), args=_short(getattr(self, "_args", ())))
        _patch_queues()
        # A forked child starts with its parent's counts: its own begin here.
        _queue_ops.update(queue_puts=0, queue_gets=0)
        code = bootstrap(self, *args, **kwargs)
        # The child's own CPU time: evidence only where the supervisor has none
        # (no /proc), see claims.claimed_processes.
        times = os.times()
        emit("proc_exit", exitcode=code, cpu=times[0] + times[1], **queue_counts())
        return code

    def patched_terminate(self):
        emit("terminate", child=self.pid)
        return terminate(self)

    def patched_kill(self):
        emit("kill", child=self.pid)
        return kill(self)

    # A child stopped before the supervisor's first look at it would be nobody's
    # worker, on some runs and not others: terminate(), kill() and the terminate
    # multiprocessing sends daemons at exit all wait until it has been seen.
    from multiprocessing import popen_fork

    send_signal = popen_fork.Popen._send_signal

    def patched_send_signal(self, sig):
        # Only where the supervisor sees processes at all: it has seen us then.
        if self.returncode is None and _exists(os.path.join(_ack_dir, str(_getpid()))):
            await_ack(pid=self.pid)
        return send_signal(self, sig)

    popen_fork.Popen._send_signal = patched_send_signal
    base.start = patched_start
    base.join = patched_join
    base._bootstrap = patched_bootstrap
    base.terminate = patched_terminate
    base.kill = patched_kill


def _patch_threads():
    thread = threading.Thread
    start, join, inner = thread.start, thread.join, thread._bootstrap_inner

    started = [0]  # the program's own threads, in the order they were started

    def patched_start(self):
        if not (_target(self) or "").startswith(_LIBRARY_THREADS):
            started[0] += 1
            self._grader_index = started[0]
        start(self)
        emit("thread_start", thread=self.native_id, target=_target(self))

    def patched_join(self, timeout=None):
        emit("thread_join_begin", thread=self.native_id, timeout=timeout)
        try:
            return join(self, timeout)
        finally:
            emit(
                "thread_join_end",
                thread=self.native_id,
                timeout=timeout,
                alive=self.is_alive(),
            )

    def patched_inner(self):
        delay = (_schedule.get("late_thread") or {}).get(
            str(getattr(self, "_grader_index", 0))
        )
        if delay:
            emit("forced", what="late_thread", seconds=delay)
            _sleep(float(delay))
        emit("thread_run", thread=threading.get_native_id(), target=_target(self))
        try:
            inner(self)
        finally:
            emit("thread_exit", thread=threading.get_native_id())

    thread.start = patched_start
    thread.join = patched_join
    thread._bootstrap_inner = patched_inner


def _profile(frame, event, arg):
    # Only calls of the functions a check asked about, by name, in any module of the
    # student's: a Process subclass, a wrapper or a pool task all count.
    if event == "call" and frame.f_code.co_name in _traced:
        emit("call", func=frame.f_code.co_name, thread=threading.get_native_id())
    elif event == "return" and frame.f_code.co_name in _traced:
        emit("return", func=frame.f_code.co_name, thread=threading.get_native_id())


def _install_tracing():
    if not _traced:
        return
    sys.setprofile(_profile)
    threading.setprofile(_profile)


def _set_start_method():
    method = os.environ.get("GRADER_START_METHOD")
    if not method:
        return
    from multiprocessing import context

    # Change the default without "setting" it, so a program that calls
    # set_start_method itself still can, and an explicit choice still wins.
    context._default_context._default_context = context._concrete_contexts[method]


# put() and get() calls on a multiprocessing Queue (or a Manager's queue) in this
# process, reported once, at its end: whether results crossed a queue (exercise 05).
_queue_ops = {"queue_puts": 0, "queue_gets": 0}
_patched_queues = set()


def queue_counts():
    _patch_queues()  # a queue may have come in by unpickling since
    return dict(_queue_ops)


def _counting(original, key):
    def counted(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        _queue_ops[key] += 1
        return result

    return counted


def _patch_queues():
    """Count the queue operations of whichever queue modules are loaded (called
    when the program makes a queue or a Manager, and before a child's target, by
    which time a spawned child has unpickled its queues). Never imports them."""
    queues = sys.modules.get("multiprocessing.queues")
    if queues is not None and "queues" not in _patched_queues:
        _patched_queues.add("queues")
        for cls in (queues.Queue, queues.JoinableQueue, queues.SimpleQueue):
            for name, key in (("put", "queue_puts"), ("get", "queue_gets")):
                if name in cls.__dict__:
                    setattr(cls, name, _counting(cls.__dict__[name], key))
    managers = sys.modules.get("multiprocessing.managers")
    if managers is not None and "managers" not in _patched_queues:
        _patched_queues.add("managers")
        call = managers.BaseProxy._callmethod

        def counted_call(self, methodname, args=(), kwds={}):
            result = call(self, methodname, args, kwds)
            kind = getattr(getattr(self, "_token", None), "typeid", "")
            if methodname in ("put", "get") and "Queue" in str(kind):
                _queue_ops["queue_" + methodname + "s"] += 1
            return result

        managers.BaseProxy._callmethod = counted_call


def _patch_queue_factories():
    import multiprocessing
    from multiprocessing import context

    for name in ("Queue", "JoinableQueue", "SimpleQueue", "Manager"):
        original = getattr(context.BaseContext, name)

        def made(self, *args, _original=original, **kwargs):
            result = _original(self, *args, **kwargs)
            _patch_queues()
            return result

        setattr(context.BaseContext, name, made)
        # multiprocessing.Queue and the rest are the default context's methods,
        # bound when the package was imported.
        setattr(multiprocessing, name, getattr(context._default_context, name))


def _patch_shared_values():
    """The schedule's pause after a child reads a shared Value (see
    schedule.increments_collide). Only multiprocessing's synchronized wrappers
    (Value with its lock, the default) can be reached: a RawValue is a ctypes
    object whose attribute cannot be patched."""
    reads, pause = (_schedule.get("slow_shared_reads") or [0, 0])[:2]
    if not reads:
        return
    from multiprocessing import current_process, sharedctypes

    cls = sharedctypes.Synchronized
    prop = cls.value
    left = [int(reads)]

    def get(self):
        value = prop.fget(self)
        if left[0] > 0 and current_process()._identity:
            left[0] -= 1
            _sleep(float(pause))
            if self._obj.value != value:  # another process wrote meanwhile
                left[0] = 0
                emit("forced", what="slow_shared_reads")
        return value

    cls.value = property(get, prop.fset)


def install():
    if not _path:
        return
    _set_start_method()
    _patch_processes()
    _patch_queue_factories()
    _patch_shared_values()
    _patch_threads()
    _install_tracing()
    emit("python_start", argv=_short(sys.argv))
