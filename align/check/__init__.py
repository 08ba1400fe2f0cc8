"""Check: an aligned pair of documents in, findings out.

:mod:`align.check.registry` holds the registry (:class:`~align.check.registry.Check`, ``CHECKS``,
:class:`~align.check.registry.CheckConfig`, :func:`~align.check.registry.run_checks`) and the checks; the
other modules are what they extract from a clause: numbers, dates, markers (negation, scripts, symbols),
glossary terms and term bases, and the word-translation lexicon and phrase evidence of partial omissions.
"""
