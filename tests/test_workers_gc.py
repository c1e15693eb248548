"""A worker process collects cyclic garbage less often than CPython's default, the main process as it was."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import gc, os
from checker.run import workers
from checker.run.pipeline import load_pack_and_lexicon
pack, lexicon = load_pack_and_lexicon([])
before = gc.get_threshold()
workers.init_worker(workers.Setup(pack, lexicon))  # the main process of a small run: nothing changes
assert gc.get_threshold() == before and gc.get_freeze_count() == 0, (gc.get_threshold(), gc.get_freeze_count())
workers.init_worker(workers.Setup(pack, lexicon), os.getppid())  # a pool's worker, tied to its parent
assert gc.get_threshold() == (workers.GC_YOUNG, *before[1:]), gc.get_threshold()
assert gc.get_freeze_count() > 0  # the loaded pack and lexicon are out of the collector's walks
print("ok")
"""


def test_worker_collects_less_often() -> None:
    """In a worker, young collections come every GC_YOUNG allocations and what was loaded before is frozen."""
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
