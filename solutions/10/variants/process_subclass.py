# A Process subclass that calls the target in run(); the grace period is 0.2 s.
# expect: pass
import multiprocessing


class Job(multiprocessing.Process):
    def __init__(self, func, args):
        super().__init__()
        self.func = func
        self.func_args = tuple(args)

    def run(self):
        self.func(*self.func_args)


def run_with_deadline(target, args, seconds):
    job = Job(target, args)
    job.start()
    job.join(seconds)
    if job.is_alive():
        job.terminate()
        job.join(0.2)
        if job.is_alive():
            job.kill()
            job.join()
        return None
    return job.exitcode
