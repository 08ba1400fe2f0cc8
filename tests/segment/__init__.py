"""Tests of align/segment/."""
