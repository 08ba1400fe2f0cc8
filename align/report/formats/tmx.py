"""TMX 1.4b: the aligned clauses as a translation memory for CAT tools.

One ``<tu>`` per aligned pair, an Arabic and an English ``<tuv>``, in
alignment order. Gap rows are left out, or, with ``tmx_include_gaps``, kept as
a one-sided ``<tu>`` carrying a ``<note>`` (the DTD allows one ``<tuv>``). The
header has every attribute TMX 1.4b requires and no creation date, so the same
report gives the same file. Findings on a row become ``<note>``s of its
``<tu>``; the similarity score and clause indices are ``<prop>``s.
"""

from __future__ import annotations

from align.report.formats import FormatOptions
from align.report.formats.xmltext import xml_attr, xml_text
from align.report.model import Report
from align.report.tables import finding_line, finding_rows, row_texts


def render_tmx(report: Report, options: FormatOptions) -> str:
    """The report's alignment as a TMX 1.4b document."""
    rows_of = finding_rows(report)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
           '<tmx version="1.4">',
           f'  <header creationtool="align" creationtoolversion="{xml_attr(report.signature.tool)}" '
           'datatype="plaintext" segtype="sentence" adminlang="en" srclang="ar" o-tmf="align-report">',
           f'    <prop type="x-align-signature">{xml_text(str(report.signature))}</prop>',
           f'    <prop type="x-ar-file">{xml_text(report.ar.path or "-")}</prop>',
           f'    <prop type="x-en-file">{xml_text(report.en.path or "-")}</prop>',
           '  </header>',
           '  <body>']
    for k, pair in enumerate(report.alignment):
        if pair.is_gap and not options.tmx_include_gaps:
            continue
        ar_text, en_text = row_texts(report, pair)
        out.append(f'    <tu tuid="{k + 1}">')
        if pair.is_gap:
            lacking = "English" if pair.ar else "Arabic"
            out.append(f'      <note>gap: no {lacking} counterpart</note>')
        for finding in rows_of.get(k, []):
            out.append(f'      <note>{xml_text(finding_line(report, finding))}</note>')
        out.append(f'      <prop type="x-ar-clauses">{",".join(map(str, pair.ar))}</prop>')
        out.append(f'      <prop type="x-en-clauses">{",".join(map(str, pair.en))}</prop>')
        if pair.score is not None:
            out.append(f'      <prop type="x-similarity">{pair.score:.4f}</prop>')
        for lang, text in (("ar", ar_text), ("en", en_text)):
            if text:
                out.append(f'      <tuv xml:lang="{lang}"><seg>{xml_text(text)}</seg></tuv>')
        out.append('    </tu>')
    out += ['  </body>', '</tmx>', '']
    return "\n".join(out)
