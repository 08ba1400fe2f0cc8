"""One module per check: each is a function from a :class:`~align.check.base.CheckContext` to findings,
registered with its id, severity, category and rule in :mod:`align.check.registry`."""
