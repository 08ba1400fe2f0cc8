"""Tests of align/cli/."""
