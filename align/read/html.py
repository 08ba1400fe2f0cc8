"""HTML pages: the text of block elements, one paragraph each, in the page's declared or sniffed charset."""

from __future__ import annotations

import codecs
import functools
import re

from align.errors import InputError
from align.read.common import failure_reason
from align.read.decode import BOMS, decode_text, encoding_label
from align.read.hazards import LINE_BREAK

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", re.I)
_BLOCK_TAGS = frozenset("p div li h1 h2 h3 h4 h5 h6 tr br hr section article header footer blockquote "
                        "pre table ul ol dd dt dl main aside nav figure figcaption caption address".split())
_SKIP_TAGS = frozenset("script style head template noscript svg math".split())


def html_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of an HTML page, one line per block, ordered lists numbered; and its encoding."""
    text, encoding = None, None
    if not any(data.startswith(bom) for bom, _ in BOMS):
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            try:
                codec = codecs.lookup(declared.group(1).decode("ascii")).name
                text, encoding = data.decode(codec), encoding_label(codec)
            except (LookupError, UnicodeDecodeError):
                text = None
    if text is None:
        text, encoding = decode_text(data, name)
    parser = _html_text_parser()()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient; anything else is damage
        raise InputError(f"{name}: not readable HTML ({failure_reason(exc)})") from exc
    return "\n".join(parser.lines), encoding


@functools.lru_cache(maxsize=1)
def _html_text_parser() -> type:
    """The HTML-to-lines parser class, built on first use: ``html.parser`` stays out of every other run."""
    from html.parser import HTMLParser

    class _HtmlText(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.lines: list[str] = []
            self.current: list[str] = []
            self.skip = 0
            self.lists: list[int | None] = []  # counter of each open <ol>, None for <ul>
            self.pre = 0

        def flush(self) -> None:
            text = "".join(self.current)
            text = text if self.pre else re.sub(r"\s+", " ", text)
            for line in LINE_BREAK.split(text.strip()) if self.pre else [text.strip()]:
                if line.strip():
                    self.lines.append(line)
            self.current = []

        def handle_starttag(self, tag: str, attrs) -> None:
            if tag in _SKIP_TAGS:
                self.skip += 1
                return
            if tag in _BLOCK_TAGS:
                self.flush()
            if tag == "pre":
                self.pre += 1
            if tag == "ol":
                start = dict(attrs).get("start") or "1"
                self.lists.append(int(start) - 1 if start.strip().lstrip("-").isdigit() else 0)
            elif tag == "ul":
                self.lists.append(None)
            elif tag == "li" and self.lists and self.lists[-1] is not None:
                self.lists[-1] += 1
                self.current.append(f"{self.lists[-1]}. ")
            elif tag in ("td", "th"):
                self.current.append(" ")

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIP_TAGS:
                self.skip = max(self.skip - 1, 0)
                return
            if tag in _BLOCK_TAGS:
                self.flush()
            if tag == "pre":
                self.pre = max(self.pre - 1, 0)
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.current.append(data)

        def close(self) -> None:
            super().close()
            self.flush()

    return _HtmlText
