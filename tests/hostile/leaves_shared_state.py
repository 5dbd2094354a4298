"""Leaves what outlives a process in the kernel's shared state, or reads what an
earlier run left: SysV shared memory and message queues, a POSIX message queue,
files in /run/lock, /var/lock and /dev/shm, and a new host name."""

import ctypes
import os
import socket

IPC_CREAT = 0o1000
libc = ctypes.CDLL(None, use_errno=True)


def main(megabytes, key):
    found = {}
    # What an earlier run (or the host) left for us to read.
    found["shm_seen"] = libc.shmget(key, 0, 0o666) != -1
    found["msg_seen"] = libc.msgget(key, 0o666) != -1
    found["lock_seen"] = os.path.exists(f"/run/lock/note-{key}.txt")
    shm = libc.shmget(key, megabytes << 20, IPC_CREAT | 0o666)
    if shm != -1:
        libc.shmat.restype = ctypes.c_void_p
        addr = libc.shmat(shm, None, 0)
        if addr not in (None, ctypes.c_void_p(-1).value):
            ctypes.memset(addr, 1, megabytes << 20)  # pin the pages
    found["shm"] = shm != -1
    found["msg"] = libc.msgget(key, IPC_CREAT | 0o666) != -1
    libc.mq_open.restype = ctypes.c_int
    found["mq"] = (
        libc.mq_open(b"/grader-note", os.O_CREAT | os.O_RDWR, 0o666, None) != -1
    )
    for folder in ("/run/lock", "/var/lock", "/dev/shm", "/dev/mqueue"):
        try:
            with open(os.path.join(folder, f"note-{key}.txt"), "w") as f:
                f.write("left by a student")
            found[folder] = True
        except OSError:
            found[folder] = False
    try:
        socket.sethostname("hijacked")
        found["hostname"] = True
    except OSError:
        found["hostname"] = False
    found["dev"] = sorted(os.listdir("/dev"))
    return found
