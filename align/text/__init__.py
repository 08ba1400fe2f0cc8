"""Shared text primitives, one copy each: matching keys (:mod:`align.text.normalize`: Arabic letters and marks,
digits, invisible characters) and small statistics (:mod:`align.text.stats`). Nothing here knows about
documents or clauses.
"""
