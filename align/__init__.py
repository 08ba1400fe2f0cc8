"""align: check the Arabic and English versions of a resolution against each other."""

__version__ = "0.1.0"
