"""Embed: clause texts in, L2-normalised vectors out.

:mod:`align.embed.backends` holds the backend interface and the backends (USE, the default, shipped with its
weights; sentence-transformers; e5); :mod:`align.embed.use_runs` embeds joined runs of clauses from USE's
token features; :mod:`align.embed.cache` keeps embeddings on disk; :mod:`align.calibration` maps each
backend's cosine scale onto USE's.
"""
