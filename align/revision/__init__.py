"""Revision: the previous and the new version of a pair in, what changed on which side out.

Takes two aligned pairs (the previous release and the new one: their documents and alignments) and gives a
:class:`~align.revision.compare.Revision`: every row of the new pair's alignment with what happened to each side
since the previous release (unchanged, changed, added, moved), every previous row a side deleted, each side's word
diff, and findings for what changed on one side only (the counterpart is stale). Each language is matched old to
new on its own first (:mod:`align.revision.versions`), and that is composed with the two bilingual alignments.
"""
