"""Tests of align/batch/."""
