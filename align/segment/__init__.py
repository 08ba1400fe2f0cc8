"""Segment: a document's text in, its clauses out.

:mod:`align.segment.clauses` splits each version into framing, preambular and operative clauses with their
paragraph numbers, and detects hard-wrapped text; :mod:`align.segment.verbs` maps the verbs that open clauses
to one English class lemma per meaning.
"""
