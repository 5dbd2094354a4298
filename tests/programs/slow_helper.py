"""Leaves behind a process whose command line reads like multiprocessing's
resource tracker and that ends 1.5 s after the program: a real helper slow to
leave on a loaded machine looks like this."""

import subprocess
import sys

code = "import time; 'multiprocessing.resource_tracker slow-helper'; time.sleep(1.5)"
subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL)
