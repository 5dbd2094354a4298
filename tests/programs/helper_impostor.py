"""Leaves behind a process that poses as multiprocessing's resource tracker and
never ends."""

import subprocess
import sys

code = "import time; 'multiprocessing.resource_tracker impostor'; time.sleep(3600)"
subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL)
