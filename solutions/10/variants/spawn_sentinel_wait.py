# A spawn context, and multiprocessing.connection.wait() on the process's
# sentinel instead of join(timeout).
# expect: pass
import multiprocessing as mp
from multiprocessing.connection import wait


def run_with_deadline(target, args, seconds):
    ctx = mp.get_context("spawn")
    proc = ctx.Process(target=target, args=tuple(args), daemon=True)
    proc.start()
    if wait([proc.sentinel], timeout=seconds):
        proc.join()
        return proc.exitcode
    proc.terminate()
    if not wait([proc.sentinel], timeout=0.3):
        proc.kill()
    proc.join()
    return None
