"""Tests of align/embed/."""
