"""Align: two clause sequences (their embeddings and similarity matrices) in, beads out.

:mod:`align.alignment.aligner` holds the parameters and the monotonic search over matrices; it sees no text.
"""
