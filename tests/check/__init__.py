"""Tests of align/check/."""
