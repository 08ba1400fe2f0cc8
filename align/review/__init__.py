"""Review: walk through a report's findings and record a verdict on each. :mod:`align.review.model` holds the
decisions (no user interface); :mod:`align.review.app` is the full-screen Textual application.
"""
