"""How many BLAS threads a forward pass may use now: no more than the cores other processes leave free.

OpenBLAS threads wait for work by spinning. On a shared machine (a CI runner, a laptop compiling beside a
check), a second thread that spins on a core another process holds makes a forward pass slower than one thread
would: measured on the bundled resolution with one competing CPU-bound process on this 2-core machine, 2 threads
took 6.6–7.1 s and 1 thread 4.1–4.3 s (quiet: 2.7–3.0 s and 3.3–3.5 s).

So before each pass the backend asks :data:`threads_now`. It reads, at most every quarter second, how much CPU
time the machine spent idle (``/proc/stat``) and how much this process used (its BLAS threads included) since the
last reading; what neither accounts for, other processes used. The cores they took on average over that
interval are not offered. Where the system does not say (no ``/proc``), the requested number.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Sample:
    """A moment's counters: wall clock, the machine's idle CPU seconds, this process's CPU seconds."""

    wall: float
    idle: float
    own: float


def sample(stat: str | None = None) -> Sample | None:
    """The counters now; None without ``/proc/stat``. ``stat`` stands in for the file's text (tests)."""
    if stat is None:
        try:
            stat = Path("/proc/stat").read_text()
        except OSError:
            return None
    try:
        fields = stat.split("\n", 1)[0].split()
        idle_ticks = int(fields[4]) + int(fields[5])  # idle + iowait
    except (IndexError, ValueError):
        return None
    times = os.times()
    return Sample(time.monotonic(), idle_ticks / os.sysconf("SC_CLK_TCK"), times.user + times.system)


def cores_taken(before: Sample, after: Sample, cores: int) -> float:
    """The cores other processes used on average between two samples."""
    wall = after.wall - before.wall
    if wall <= 0:
        return 0.0
    return max(0.0, cores * wall - (after.idle - before.idle) - (after.own - before.own)) / wall


class _Chooser:
    interval = 0.25

    def __init__(self) -> None:
        self.last = sample()
        self.free: int | None = None

    def __call__(self, requested: int) -> int:
        if self.last is not None and time.monotonic() - self.last.wall >= self.interval:
            now = sample()
            if now is not None:
                cores = _cores()
                self.free = max(1, cores - round(cores_taken(self.last, now, cores)))
                self.last = now
        return requested if self.free is None else max(1, min(requested, self.free))


threads_now = _Chooser()  # threads_now(requested): the BLAS threads a forward pass may use now
