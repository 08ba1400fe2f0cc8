"""Tests of align/read/."""
