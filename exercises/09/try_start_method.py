"""Run portable.py with another start method as the default, as another platform would.

    python exercises/09/try_start_method.py spawn        # macOS, Windows
    python exercises/09/try_start_method.py forkserver   # Linux from Python 3.14
    python exercises/09/try_start_method.py fork         # Linux up to Python 3.13

Nothing to edit here: it sets the default start method, then runs portable.py
exactly as `python portable.py` would.
"""

import multiprocessing
import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    method = sys.argv[1] if len(sys.argv) > 1 else "spawn"
    if method not in multiprocessing.get_all_start_methods():
        sys.exit(f"unknown or unavailable start method {method!r}")
    multiprocessing.set_start_method(method)
    print(
        f"--- portable.py with {method!r} as the default start method ---", flush=True
    )
    runpy.run_path(str(Path(__file__).with_name("portable.py")), run_name="__main__")
