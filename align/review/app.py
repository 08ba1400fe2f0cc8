"""``align review``: a full-screen terminal application to walk through the findings of a report and record a
verdict on each (Textual). The decisions themselves live in :mod:`align.review.model`; this is only the screen.

Layout: the findings list on top (status, severity, check, paragraph and line on both sides), filterable by
severity and by check; below it the selected finding: its message, both clauses in full with the offending
spans marked (Arabic through the same display path as ``--bidi``), and the rows above and below for
context. Keys: ``c`` confirm (a note for the translator), ``d`` dismiss (why it is a false alarm), ``u``
undo, ``n`` next open finding, ``f``/``k`` cycle the severity/check filter, ``?`` the keys, ``q`` quit.
Every decision is saved at once.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from align.report.formats.terminal import display_line, marked_text, message_text
from align.report.model import SEVERITIES, SEVERITY_RANK, Report
from align.report.tables import finding_rows
from align.review.model import CONFIRMED, DISMISSED, ReviewSession

_STATUS_STYLE = {"open": "bold", CONFIRMED: "bold red", DISMISSED: "dim"}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK = "bold reverse"
_ARABIC_WIDTH = 96  # characters per displayed line of Arabic
KEYS = (("c", "confirm: a real problem, with a note for the translator"),
        ("d", "dismiss: a false alarm, with the reason (it goes to the baseline)"),
        ("u", "undo the last decision"),
        ("n", "next open finding"),
        ("f", "filter by severity (all, error, warning, info)"),
        ("k", "filter by check (all, then each check)"),
        ("↑ ↓", "move through the findings"),
        ("?", "these keys"),
        ("q", "quit (every decision is already saved)"))


class NoteScreen(ModalScreen[str | None]):
    """Ask for the note of a decision; Enter accepts (an empty note is fine), Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]
    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical { width: 80; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    """

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.prompt)
            yield Input(placeholder="Enter to save, Escape to cancel", id="note")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeysScreen(ModalScreen[None]):
    """The keys of the review, on ``?``."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "close")]
    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > Static { width: 76; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        text = Text("Keys\n\n", style="bold")
        for key, what in KEYS:
            text.append(f"{key:>5}  ", style="bold")
            text.append(what + "\n")
        text.append("\nEscape closes this.", style="dim")
        yield Static(text)

    def action_close(self) -> None:
        self.dismiss(None)


class ReviewApp(App):
    """The review of one report's findings."""

    TITLE = "align review"
    CSS = """
    #findings { height: auto; max-height: 40%; }
    #detail { height: 1fr; border-top: solid $accent; padding: 0 1; }
    """
    BINDINGS = [Binding("c", "confirm", "confirm"), Binding("d", "dismiss", "dismiss"), Binding("u", "undo", "undo"),
                Binding("n", "next_open", "next open"), Binding("f", "filter_severity", "severity"),
                Binding("k", "filter_check", "check"), Binding("question_mark", "keys", "keys"),
                Binding("q", "quit", "quit")]

    def __init__(self, session: ReviewSession, bidi: bool = False) -> None:
        super().__init__()
        self.session, self.bidi = session, bidi
        self.severity: str | None = None
        self.check: str | None = None
        self.shown: list[int] = []

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="findings", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="detail"):
            yield Static(id="finding")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in ("#", "status", "severity", "check", "Arabic", "English", "message"):
            table.add_column(name, key=name)
        self._fill()
        first = self.session.next_open(-1, self.shown)
        if first is not None:
            table.move_cursor(row=self.shown.index(first))
        self._show_selected()

    @property
    def selected(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def _fill(self) -> None:
        """The findings list under the current filters, worst first, then in document order."""
        table = self.query_one(DataTable)
        keep = self.selected
        table.clear()
        report = self.session.report
        order = sorted(range(len(self.session)), key=lambda k: (-SEVERITY_RANK[report.findings[k].severity], k))
        self.shown = [k for k in order if (self.severity is None or report.findings[k].severity == self.severity)
                      and (self.check is None or report.findings[k].check == self.check)]
        for k in self.shown:
            finding = report.findings[k]
            status = self.session.status(k)
            table.add_row(str(k + 1), Text(status, style=_STATUS_STYLE[status]),
                          Text(finding.severity, style=_SEVERITY_STYLE[finding.severity]), finding.check,
                          _where(report.ar, finding.ar), _where(report.en, finding.en),
                          _short(finding.message), key=str(k))
        if keep in self.shown:
            table.move_cursor(row=self.shown.index(keep))
        counts = self.session.counts()
        filters = ", ".join(f for f in (self.severity, self.check) if f) or "all findings"
        hidden = self.session.report.suppressed
        self.sub_title = (f"{counts['open']} open, {counts[CONFIRMED]} confirmed, {counts[DISMISSED]} dismissed"
                          f"{f', {hidden} hidden by the baseline' if hidden else ''} · showing {filters}")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        k = self.selected
        empty = "No findings to review." if not len(self.session) else "No finding under these filters."
        self.query_one("#finding", Static).update(Text(empty) if k is None else finding_text(self.session, k, self.bidi))

    # -- actions ----------------------------------------------------------------

    def _decide(self, status: str, prompt: str) -> None:
        k = self.selected
        if k is None:
            return

        def done(note: str | None) -> None:
            if note is None:
                return
            self.session.decide(k, status, note)
            self._fill()
            self.action_next_open()

        self.push_screen(NoteScreen(prompt), done)

    def action_confirm(self) -> None:
        self._decide(CONFIRMED, "Confirmed: a note for the translator (optional)")

    def action_dismiss(self) -> None:
        self._decide(DISMISSED, "Dismissed: why is it a false alarm? (optional; kept in the baseline)")

    def action_undo(self) -> None:
        fp = self.session.undo()
        if fp is None:
            self.notify("nothing to undo")
            return
        self._fill()
        k = self.session.report.fingerprints.index(fp)
        if k in self.shown:
            self.query_one(DataTable).move_cursor(row=self.shown.index(k))
        self._show_selected()

    def action_next_open(self) -> None:
        k = self.selected
        nxt = self.session.next_open(k if k is not None else -1, self.shown)
        if nxt is None:
            self.notify("every finding shown has a decision")
            self._show_selected()
            return
        self.query_one(DataTable).move_cursor(row=self.shown.index(nxt))
        self._show_selected()

    def action_filter_severity(self) -> None:
        choices = [None, *SEVERITIES]
        self.severity = choices[(choices.index(self.severity) + 1) % len(choices)]
        self._fill()
        self._show_selected()

    def action_filter_check(self) -> None:
        choices = [None, *sorted({f.check for f in self.session.report.findings})]
        self.check = choices[(choices.index(self.check) + 1) % len(choices)]
        self._fill()
        self._show_selected()

    def action_keys(self) -> None:
        self.push_screen(KeysScreen())


def _where(document, indices: tuple[int, ...]) -> str:
    if not indices:
        return "—"
    label, line = document.extent(indices)
    return f"¶{label} :{line.split('–')[0]}"


def _short(message: str, limit: int = 70) -> str:
    return message if len(message) <= limit else message[:limit - 1] + "…"


def finding_text(session: ReviewSession, k: int, bidi: bool) -> Text:
    """The detail of finding ``k``: status and note, message, the row above, both clauses with the offending
    spans marked, the row below."""
    report: Report = session.report
    finding = report.findings[k]
    decided = session.decision(k)
    out = Text()
    out.append(f"{finding.severity} ", style=_SEVERITY_STYLE[finding.severity])
    out.append(f"{finding.check}  ", style="bold")
    out.append(report.where(finding) + "\n", style="dim")
    if decided:
        out.append(f"{decided.status}", style=_STATUS_STYLE[decided.status])
        out.append(f"{': ' + decided.note if decided.note else ''}"
                   f"{' (' + decided.reviewer + ')' if decided.reviewer else ''}\n")
    out.append_text(message_text(finding, bidi))
    out.append("\n\n")
    row = next(r for r, found in finding_rows(report).items() if any(f is finding for f in found))
    for label, r, style in (("above", row - 1, "dim"), (None, row, ""), ("below", row + 1, "dim")):
        if not 0 <= r < len(report.alignment):
            continue
        pair = report.alignment[r]
        for side, document, indices in (("AR", report.ar, pair.ar), ("EN", report.en, pair.en)):
            head = f"{side} {_where(document, indices)}{'  (' + label + ')' if label else ''}\n"
            out.append(head, style="bold" if label is None else "dim")
            spans = (finding.ar_spans if side == "AR" else finding.en_spans) if label is None else ()
            out.append_text(_clause_text(document, indices, spans, bidi, style))
            out.append("\n")
        out.append("\n")
    return out


def _clause_text(document, indices: tuple[int, ...], spans, bidi: bool, style: str) -> Text:
    """The clauses of one side in full, the offending spans marked; Arabic reordered line by line with
    ``bidi`` (marks found in their displayed form)."""
    if not indices:
        return Text("—", style=style)
    text, marks = marked_text(document, indices, spans)
    if document.lang == "ar" and bidi:
        import textwrap

        lines = textwrap.wrap(" ".join(text.split()), _ARABIC_WIDTH) or [""]
        out = Text(style=style)
        for line in lines:
            shown = Text(display_line(line, True), style=style)
            shown.pad_left(max(0, _ARABIC_WIDTH - shown.cell_len))  # right to left: flush right
            for start, end in marks:
                marked = text[start:end]
                at = shown.plain.find(display_line(marked, True))
                if marked in line and at >= 0:
                    shown.stylize(_MARK, at, at + len(display_line(marked, True)))
            out.append_text(shown)
            out.append("\n")
        return out
    out = Text(text, style=style)
    for start, end in marks:
        out.stylize(_MARK, start, end)
    out.append("\n")
    return out
