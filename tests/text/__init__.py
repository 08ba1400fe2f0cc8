"""Tests of align/text/."""
