"""Tests of align/review/."""
