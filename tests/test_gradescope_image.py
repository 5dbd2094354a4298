"""Gradescope's harness as it really runs, in a fresh root of its default base image
(Ubuntu 22.04, built with debootstrap): the bundle unpacked into
/autograder/source, ``setup.sh`` run there as root, then ``/autograder/run_autograder``
for each upload, all without CAP_SYS_ADMIN (Docker's default) and in a PID
namespace of its own, as a container has.

The base root is cached under /var/tmp/grader-test-roots; the root after
``setup.sh`` is cached by the bundle's digest, so a change to the course or the
grader runs ``setup.sh`` again. Each upload runs on an overlay of that root and
leaves nothing in it. Needs root, capsh and unshare; installs debootstrap from
Debian's packages when it is missing, as CI needs."""

import csv
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import urllib.request
import zipfile
from pathlib import Path

import jsonschema
import pytest

from grader.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "gradescope-results.schema.json").read_text())
CACHE = Path("/var/tmp/grader-test-roots")
RELEASE, MIRROR = "jammy", "http://archive.ubuntu.com/ubuntu"
HOST_CA = "/etc/ssl/certs/ca-certificates.crt"
SOLUTION = ROOT / "solutions" / "03" / "sleepy.py"

pytestmark = [
    pytest.mark.skipif(
        os.geteuid() != 0 or not all(shutil.which(x) for x in ("capsh", "unshare")),
        reason="needs root, capsh and unshare",
    ),
    # A changed bundle builds a new image (setup.sh on a fresh root, pip from the
    # registry) in the first test that asks for it, and the CAP_SYS_ADMIN test
    # runs setup.sh once more: minutes on a loaded 2-core machine.
    pytest.mark.timeout(1500),
]
TOOLS = ("debootstrap", "unzip")


def ensure_tools():
    """debootstrap (and unzip) from Debian's packages when missing, as CI needs."""
    if all(shutil.which(x) for x in TOOLS):
        return
    if shutil.which("apt-get"):
        # Another test may be installing its own package: wait for dpkg's lock.
        wait = ["-o", "DPkg::Lock::Timeout=600"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", *wait, "update", "-qq"], timeout=600, env=env)
        subprocess.run(
            ["apt-get", *wait, "install", "-y", "-qq", *TOOLS], timeout=900, env=env
        )
    missing = [x for x in TOOLS if not shutil.which(x)]
    if missing:
        why = f"not installed: {', '.join(missing)} (apt-get install {' '.join(TOOLS)})"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)


def _locked(name):
    CACHE.mkdir(parents=True, exist_ok=True)
    lock = open(CACHE / f".{name}.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)  # another suite may be making it
    return lock


def ready(root: Path) -> Path:
    """The mark of a finished root: beside it, so that a copy never inherits it."""
    return root.parent / f".{root.name}.ready"


def mirror_reachable():
    """Skip, saying why, only when Ubuntu's archive cannot be reached."""
    try:
        urllib.request.urlopen(f"{MIRROR}/dists/{RELEASE}/Release", timeout=20).close()
    except OSError as exc:
        pytest.skip(f"Ubuntu's archive {MIRROR} is unreachable from here ({exc})")


def base_root() -> Path:
    """Ubuntu 22.04's minimal root, as `docker pull ubuntu:22.04` gives it."""
    root = CACHE / f"{RELEASE}-minbase"
    with _locked(root.name):
        if not ready(root).exists():
            mirror_reachable()
            shutil.rmtree(root, ignore_errors=True)
            # Ubuntu's keyring is not packaged for Debian; the archive is reached
            # over the registry mirror, and apt inside the root checks signatures.
            subprocess.run(
                ["debootstrap", "--no-check-gpg", "--variant=minbase", RELEASE]
                + [str(root), MIRROR],
                check=True,
                capture_output=True,
                timeout=900,
            )
            # The sources of the ubuntu:22.04 Docker image, which Gradescope's is
            # built from (python3-pip lies in universe, 3.10.12 in jammy-updates).
            (root / "etc" / "apt" / "sources.list").write_text(
                "".join(
                    f"deb {MIRROR} {suite} main restricted universe multiverse\n"
                    for suite in (RELEASE, f"{RELEASE}-updates", f"{RELEASE}-security")
                )
            )
            ready(root).touch()
    return root


def in_container(
    root: Path, script: str, *, upper: Path | None = None, timeout=900, admin=False
):
    """Run SCRIPT with bash inside ROOT as a container runs it: own mount and PID
    namespaces, /proc of its own, /sys read-only, /dev/shm a fresh tmpfs, root
    without CAP_SYS_ADMIN (with it if ADMIN). With UPPER, ROOT is the lower layer of an overlay and
    every change lands in UPPER."""
    target = root
    mounts = []
    if upper is not None:
        target = upper / "merged"
        for name in ("upper", "work", "merged"):
            (upper / name).mkdir(parents=True, exist_ok=True)
        mounts.append(
            f"mount -t overlay overlay -o lowerdir={root},upperdir={upper}/upper,"
            f"workdir={upper}/work {target}"
        )
    mounts += [
        f"mount -t proc proc {target}/proc",
        f"mount --rbind /dev {target}/dev",
        f"mount -t tmpfs -o mode=1777 shm {target}/dev/shm",
        f"mount -t sysfs -o ro sysfs {target}/sys",
        f"cp /etc/resolv.conf {target}/etc/resolv.conf",
        # This machine reaches the registries through a proxy of its own CA.
        f"cp {HOST_CA} {target}/etc/host-registry-ca.crt",
    ]
    caches = {
        CACHE / "apt-archives": "var/cache/apt/archives",
        CACHE / "pip": "root/.cache/pip",
    }
    for host, inside in caches.items():
        (host / "partial" if "apt" in str(host) else host).mkdir(
            parents=True, exist_ok=True
        )
        mounts += [
            f"mkdir -p {target}/{inside}",
            f"mount --bind {host} {target}/{inside}",
        ]
    inner = (
        "set -e\n"
        + "\n".join(mounts)
        + f"\nexec capsh {'' if admin else '--drop=cap_sys_admin'} -- -c "
        + f"'exec chroot {target} /bin/bash -c \"$0\"' "
        + '"$1"\n'
    )
    env = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "DEBIAN_FRONTEND": "noninteractive",
        "PIP_CERT": "/etc/host-registry-ca.crt",
    }
    return subprocess.run(
        [
            "unshare",
            "--mount",
            "--pid",
            "--fork",
            "--kill-child",
            "--propagation",
            "private",
        ]
        + ["bash", "-c", inner, "container", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def bundle(tmp_path: Path) -> Path:
    out = tmp_path / "autograder.zip"
    assert main(["gradescope", str(out), "--exercise", "03"]) == 0
    return out


# Gradescope's own steps, then the system-Python install. Ubuntu 22.04's pip 22.0
# builds the project as "UNKNOWN" with no `grader` command: a newer pip first.
BUILD = (
    "cd /autograder/source && apt-get update -qq && bash ./setup.sh"
    " && python3 -m pip install -q --upgrade pip"
    " && python3 -m pip install -q /autograder/source"
)


@pytest.fixture(scope="module")
def image(tmp_path_factory) -> Path:
    """The image Gradescope builds from our bundle: the zip's contents in
    /autograder/source, run_autograder copied beside it, setup.sh run as root.
    Also, as many autograder images do, the grader installed in the system Python
    (no virtual environment), for the class test below."""
    ensure_tools()
    zipped = bundle(tmp_path_factory.mktemp("bundle"))
    digest = hashlib.sha256(zipped.read_bytes() + BUILD.encode()).hexdigest()[:12]
    image = CACHE / f"{RELEASE}-autograder-{digest}"
    base = base_root()
    with _locked("autograder"):
        if not ready(image).exists():
            for old in CACHE.glob(f"*{RELEASE}-autograder-*"):
                # a bundle of an older checkout, or a setup that failed
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink()
            subprocess.run(["cp", "-a", str(base), str(image)], check=True)
            source = image / "autograder" / "source"
            source.mkdir(parents=True)
            subprocess.run(["unzip", "-q", str(zipped), "-d", str(source)], check=True)
            shutil.copy(
                source / "run_autograder", image / "autograder" / "run_autograder"
            )
            done = in_container(image, BUILD)
            assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
            ready(image).touch()
    return image


def in_a_layer(image: Path, tmp_path: Path, files: dict, then: str, admin=False):
    """FILES written into the container (absolute paths), then the shell lines THEN,
    on an overlay of IMAGE; returns the run and the overlay's upper folder."""
    layer = tmp_path / "layer"
    write = (
        "import json, pathlib\n"
        f"for name, text in json.loads({json.dumps(files)!r}).items():\n"
        "    pathlib.Path(name).parent.mkdir(parents=True, exist_ok=True)\n"
        "    pathlib.Path(name).write_text(text)\n"
    )
    script = f"python3 - <<'EOF'\n{write}EOF\n{then}"
    done = in_container(image, script, upper=layer, timeout=600, admin=admin)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done, layer / "upper"


# Run inside the container after the grading: every live process not root's, as
# the sandbox's would be (a daemon left behind, an escapee).
LEFT_RUNNING = """
python3 - <<'EOF'
import os
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            uid = os.stat(f"/proc/{pid}").st_uid
            state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if uid != 0 and state != "Z":
            print("left running:", pid, uid)
EOF
"""


def autograde(
    image: Path,
    tmp_path: Path,
    upload: dict,
    *,
    wait: float = 0,
    admin: bool = False,
    run_autograder: str | None = None,
):
    """One submission as Gradescope runs it: the upload in /autograder/submission,
    then /autograder/run_autograder; after WAIT seconds (for anything the upload
    left behind to act), what still runs. With RUN_AUTOGRADER, that script stands
    in for the bundle's. Returns results.json and the run."""
    files = {f"/autograder/submission/{k}": v for k, v in upload.items()}
    if run_autograder is not None:
        files["/autograder/run_autograder"] = run_autograder
    then = (
        "mkdir -p /autograder/results && chmod +x /autograder/run_autograder\n"
        "cd /autograder && /autograder/run_autograder\n"
        f"sleep {wait}\n" + LEFT_RUNNING
    )
    done, upper = in_a_layer(image, tmp_path, files, then, admin=admin)
    results = json.loads((upper / "autograder/results/results.json").read_text())
    jsonschema.validate(results, SCHEMA)
    return results, done


# The hidden checks, where the bundle puts them, and the course folder they sit
# in (the grader's own copy is public, but the sandbox keeps it out of reach too).
SECRETS = [
    "/autograder/source/solutions/03/hidden/test_hidden_03.py",
    "/autograder/source/course.yml",
    "/autograder/source/grader/batch.py",
]
HONEST = ["/nonexistent/test_hidden_03.py"]  # the same program, reading nothing
HIDDEN_CODE = "_parallel_and_joined(obs)"  # a line of exercise 03's hidden checks


def snoop(secrets):
    """A student who reads the hidden checks and rewrites the results, and leaves a
    daemon to forge them after the grader is done. Only if it read a secret does it
    do the exercise right (both sleeps at once); otherwise it sleeps one after the
    other, so its score shows whether anything was read."""
    return (
        "import multiprocessing\nimport os\nimport time\n\n\n"
        "def sleepy_man():\n"
        "    print('Starting to sleep')\n"
        "    time.sleep(1)\n"
        "    print('Done sleeping')\n\n\n"
        "def main():\n"
        "    read = False\n"
        f"    for path in {secrets!r}:\n"
        "        try:\n"
        "            print(open(path).read())\n"
        "            read = True\n"
        "        except OSError as exc:\n"
        "            print('no', path, exc.strerror)\n"
        "    for path in ('/autograder/results/results.json',\n"
        "                 '/autograder/source/course.yml'):\n"
        "        try:\n"
        "            open(path, 'w').write('forged')\n"
        "        except OSError as exc:\n"
        "            print('no', path, exc.strerror)\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(3)\n"
        "            try:\n"
        "                open('/autograder/results/results.json', 'w').write('forged')\n"
        "            except OSError:\n"
        "                pass\n"
        "        os._exit(0)\n"
        "    ps = [multiprocessing.Process(target=sleepy_man) for _ in range(2)]\n"
        "    for p in ps:\n"
        "        p.start()\n"
        "        if not read:\n"
        "            p.join()\n"
        "    for p in ps:\n"
        "        p.join()\n"
    )


SNOOP = snoop(SECRETS)


def max_score(results):
    return sum(t["max_score"] for t in results["tests"])


def test_setup_sh_also_works_with_cap_sys_admin(image, tmp_path):
    # The image above was built without it (Docker's default); a builder that
    # grants it runs the same steps on a fresh root.
    layer = tmp_path / "layer"
    source = layer / "upper" / "autograder" / "source"
    shutil.copytree(image / "autograder" / "source", source, symlinks=True)
    shutil.copy(source / "run_autograder", source.parent / "run_autograder")
    probe = "/autograder/venv/bin/python -c 'import grader; print(grader.__file__)'"
    done = in_container(
        base_root(), f"{BUILD} && cd / && {probe}", upper=layer, admin=True
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "/autograder/venv/" in done.stdout


def test_setup_sh_installs_the_course_in_gradescope_s_default_image(image):
    done = in_container(
        image,
        "/autograder/venv/bin/python -c 'import grader, sys; print(sys.version)'",
        upper=image.parent / f".probe-{os.getpid()}",
    )
    shutil.rmtree(image.parent / f".probe-{os.getpid()}", ignore_errors=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("3.10.")  # Ubuntu 22.04's python3


def test_a_correct_upload_gets_every_point_in_the_dropped_sandbox(image, tmp_path):
    results, done = autograde(image, tmp_path, {"sleepy.py": SOLUTION.read_text()})
    assert results["score"] == sum(t["max_score"] for t in results["tests"]) > 0
    assert all(t["status"] == "passed" for t in results["tests"])
    # Only instructors see run_autograder's stdout: it says how students ran.
    assert "sandbox: dropped" in done.stdout


def test_a_hostile_upload_reads_no_secret_and_leaves_nothing(image, tmp_path):
    results, done = autograde(image, tmp_path, {"sleepy.py": SNOOP}, wait=5)
    text = json.dumps(results)
    assert HIDDEN_CODE not in text and "forged" not in text
    assert "left running" not in done.stdout, done.stdout[-2000:]
    # It earns what the same program earns when it reads nothing: it read nothing.
    honest, _ = autograde(image, tmp_path / "honest", {"sleepy.py": snoop(HONEST)})
    assert results["score"] == honest["score"] < max_score(results)


def test_a_class_graded_by_the_grader_in_the_system_python_keeps_every_secret(
    image, tmp_path
):
    # The usual autograder image: the grader in the system Python (no virtual
    # environment), root without CAP_SYS_ADMIN, so `auto` picks the dropped mode.
    students = {"good-1": SOLUTION.read_text(), "good-2": SOLUTION.read_text()}
    students["snoop"] = SNOOP
    students["snoop-honest"] = snoop(HONEST)
    files = {
        f"/class/submissions/{name}/exercises/03/sleepy.py": code
        for name, code in students.items()
    }
    then = (
        "cd /autograder/source && /usr/local/bin/grader grade /class/submissions"
        " --out /class/results --exercise 03 --jobs 2\n"
        "sleep 5\n" + LEFT_RUNNING
    )
    done, upper = in_a_layer(image, tmp_path, files, then)
    assert "dropped" in done.stdout + done.stderr
    results = upper / "class" / "results"
    rows = {r[0]: r for r in csv.reader((results / "gradebook.csv").open())}
    assert rows["good-1"][-1] == rows["good-2"][-1] == "10"
    # What it earns is what it does without the secrets: nothing was read.
    assert float(rows["snoop"][-1]) < 10
    assert rows["snoop"][-1] == rows["snoop-honest"][-1]
    for path in results.rglob("*"):
        if path.is_file():
            assert HIDDEN_CODE not in path.read_text(errors="replace"), path
    assert "left running" not in done.stdout, done.stdout[-2000:]


def test_with_cap_sys_admin_the_isolated_sandbox_is_used(image, tmp_path):
    # A self-hosted runner, or Docker with --cap-add SYS_ADMIN: namespaces work.
    upload = {"sleepy.py": SOLUTION.read_text()}
    results, done = autograde(image, tmp_path, upload, admin=True)
    assert results["score"] == sum(t["max_score"] for t in results["tests"])
    assert "sandbox: isolated" in done.stdout


@pytest.mark.parametrize("admin", [False, True], ids=["dropped", "isolated"])
def test_a_wrong_upload_fails_the_checks_its_mistake_breaks(image, tmp_path, admin):
    upload = {"sleepy.py": (ROOT / "solutions/03/variants/no_join.py").read_text()}
    results, done = autograde(image, tmp_path, upload, admin=admin)
    assert ("sandbox: isolated" if admin else "sandbox: dropped") in done.stdout
    failed = [t for t in results["tests"] if t["status"] == "failed"]
    assert failed and results["score"] < sum(t["max_score"] for t in results["tests"])
    # What the student sees while the hidden checks are unpublished: no total.
    assert not re.search(r"\d", results.get("output", "")), results["output"]


def test_a_whole_course_assignment_grades_what_was_uploaded(image, tmp_path):
    # The bundle without --exercise differs from the image's only in the
    # run_autograder it carries (setup.sh and the course are the same bytes).
    whole = tmp_path / "whole.zip"
    assert main(["gradescope", str(whole)]) == 0
    with zipfile.ZipFile(whole) as zf:
        names = set(zf.namelist())
        script = zf.read("run_autograder").decode()
        source = image / "autograder" / "source"
        for name in names - {"run_autograder"}:
            if not name.endswith("/"):
                assert zf.read(name) == (source / name).read_bytes(), name
    assert "--exercise" not in script
    upload = {"sleepy.py": SOLUTION.read_text()}
    results, _ = autograde(image, tmp_path, upload, run_autograder=script)
    by_exercise = {}
    for t in results["tests"]:
        by_exercise.setdefault(t["number"].split(".")[0], []).append(t)
    assert len(by_exercise) == 10
    assert all(t["status"] == "passed" for t in by_exercise["03"])
    missing = by_exercise["05"][0]["output"]
    assert "was not in your upload (received: sleepy.py)" in " ".join(missing.split())
