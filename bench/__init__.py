"""Benchmarks of align on the team's dev and held-out data (see bench/run.py)."""
