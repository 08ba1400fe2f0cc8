"""Tests of align/alignment/."""
