"""The BLAS thread count a forward pass takes: what other processes leave free (align.embed.threads)."""

from __future__ import annotations

import pytest

from align.embed.threads import Sample, _Chooser, cores_taken, sample


@pytest.mark.parametrize("idle, own, taken", [
    (2.0, 0.0, 0.0),   # a quiet machine: both cores idle the whole second
    (0.0, 2.0, 0.0),   # this process used both (its BLAS threads spinning count as its own)
    (1.0, 0.0, 1.0),   # one core idle, this process asleep: another process held the other
    (0.0, 1.0, 1.0),   # this process on one core, another on the other
    (0.1, 0.1, 1.8),
])
def test_the_cores_other_processes_took_are_what_neither_idle_nor_this_process_accounts_for(idle, own, taken):
    assert cores_taken(Sample(0.0, 0.0, 0.0), Sample(1.0, idle, own), cores=2) == pytest.approx(taken)


def test_a_sample_reads_idle_and_iowait_ticks():
    found = sample("cpu  4450606 411387 110001 1279886 8082 0 2175 9615 0 0\ncpu0 1 2 3 4 5\n")
    assert found is not None and found.idle > 0
    assert sample("not a stat file") is None


def test_the_chooser_offers_no_more_threads_than_the_free_cores(monkeypatch):
    import align.embed.threads as threads

    readings = iter([Sample(0.0, 0.0, 0.0), Sample(1.0, 0.0, 1.0), Sample(2.0, 1.0, 2.0)])
    monkeypatch.setattr(threads, "sample", lambda: next(readings))
    monkeypatch.setattr(threads, "_cores", lambda: 2)
    monkeypatch.setattr(threads.time, "monotonic", iter([1.0, 2.0, 2.1]).__next__)
    choose = _Chooser()
    assert choose(2) == 1   # another process held a core for the last second
    assert choose(2) == 2   # then it stopped
    assert choose(1) == 1   # never more than asked (a reading a moment later is not taken)
