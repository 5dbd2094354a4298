"""Grade a class on a Slurm cluster: start Dask workers as Slurm jobs, grade through
them, give the nodes back.

    python examples/grade_on_slurm.py SUBMISSIONS RESULTS [--jobs 10]

Edit the settings below for your cluster (docs/cluster.md explains each). Needs the
dask extra (pip install 'mp-course-grader[dask]') on the login node and on the
compute nodes, and the course checked out where the workers can read it.
"""

import argparse
import subprocess

from dask_jobqueue import SLURMCluster

COURSE = "/path/to/course"  # the course's folder, as the compute nodes see it


def make_cluster(course: str = COURSE) -> SLURMCluster:
    return SLURMCluster(
        job_cpu=8,  # CPUs asked of Slurm per job; one worker process per job
        processes=1,
        # Students graded at once per worker: 4 per CPU (their checks mostly sleep).
        cores=32,
        memory="16GB",  # each student run is capped at 1 GiB (docs/security.md)
        walltime="01:00:00",
        job_script_prologue=[
            f"source {course}/.venv/bin/activate",
            f"export GRADER_COURSE={course}/course.yml",
        ],
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("submissions")
    parser.add_argument("results")
    parser.add_argument("--jobs", type=int, default=10, help="Slurm jobs (workers)")
    args = parser.parse_args()
    cluster = make_cluster()
    cluster.scale(jobs=args.jobs)
    try:
        subprocess.run(
            [
                "grader",
                "grade",
                args.submissions,
                "--out",
                args.results,
                "--dask",
                cluster.scheduler_address,
            ],
            check=True,
        )
    finally:
        cluster.close()


if __name__ == "__main__":
    main()
