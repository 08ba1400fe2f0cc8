"""Tests of align/report/."""
