"""Report: the result of a check, and its renderings.

:mod:`align.report.model` is the :class:`~align.report.model.Report` (alignment, findings, signature) and its
JSON, version 1; :mod:`align.report.baseline` records reviewed findings; :mod:`align.report.formats` renders a
report for people and tools (terminal, HTML, SARIF, JUnit, GitHub annotations, TMX, CSV, XLSX).
"""
