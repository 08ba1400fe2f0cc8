"""Read: bytes in, text out.

Takes a path (or standard input) and gives an :class:`~align.read.inputs.InputText`: the decoded text of a
plain-text file in any of the encodings Arabic documents travel in, a Word document (with its automatic
numbering), a PDF (glyph geometry, running heads and feet, right-to-left rows) or an HTML page, and warnings
about what in it may mislead a reviser. :mod:`align.read.sanity` tells whether each side is the language it
claims to be and whether the two sides are the same document.
"""
