"""``align lexicon`` and ``align cache``: the word-translation table learned from your own text, and the
embedding cache on disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.options import check_output_path, run_job


@app.command(name="lexicon", help="Learn partial-omission's word-translation table from your own line-aligned "
                                   "parallel text (IBM model 1), for `--lexicon`: a domain's words the bundled "
                                   "table, learned from official UN text, does not know.")
def learn_lexicon(
    arabic: Path = typer.Argument(..., help="Arabic text, one sentence or paragraph per line (UTF-8)"),
    english: Path = typer.Argument(..., help="English text, line i translating Arabic line i"),
    output: Path = typer.Option(..., "--output", "-o", help="Write the table here (atomically)."),
    name: Optional[str] = typer.Option(None, "--name", help="What the report signature calls the table "
                                                            "(default: after the two files)."),
) -> None:
    """``align lexicon``: one call of :func:`align.check.lexicon.learn_lexicon`, saved atomically."""
    from align.check.lexicon import learn_lexicon as learn

    check_output_path(output)
    lexicon = run_job(lambda: learn(arabic, english, name))
    run_job(lambda: lexicon.save(output))
    typer.echo(f"align: wrote {output}: {len(lexicon.counterparts)} stems ({lexicon.name})", err=True)


cache_app = typer.Typer(no_args_is_help=True, help="The embedding cache on disk ($ALIGN_CACHE_DIR or the "
                                                     "user cache directory).")
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info() -> None:
    """Where the cache is, how many entries it holds (embeddings, and partial-omission results) and their size."""
    from align.embed.cache import cache_info as info_of

    info = run_job(info_of)
    typer.echo(f"directory: {info.directory}\nentries:   {info.entries}\nsize:      {info.bytes / 2**20:.1f} MB")


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached embedding."""
    from align.embed.cache import cache_directory, clear_cache

    removed = run_job(clear_cache)
    typer.echo(f"removed {removed} entries from {cache_directory()}")
