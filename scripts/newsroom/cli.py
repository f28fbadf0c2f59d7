"""``newsroom``: the press office's command line. Thin: each command calls one module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="newsroom",
    help="Cheonan smart-city newsroom: convert news releases into ko/en pages and check them.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@app.callback()
def main() -> None:
    """Convert releases, check pages, preview the site."""


@app.command()
def check(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Pages or folders to report on (default: all of docs/).")
    ] = None,
    docs: Annotated[Path, typer.Option("--docs", help="The docs folder holding ko/ and en/.")] = Path("docs"),
    now: Annotated[
        str | None,
        typer.Option("--now", help="Check embargoes as of this ISO 8601 time, KST if no offset (default: now)."),
    ] = None,
) -> None:
    """Check pages: front matter, translations, structure, links, images, folders, embargoes."""
    import datetime as dt
    import os

    from newsroom.check import has_errors, run
    from newsroom.model import KST

    if not (docs / "ko").is_dir():
        typer.echo(f"newsroom check: {docs}/ko not found; run it from the project folder or pass --docs", err=True)
        raise typer.Exit(2)
    try:
        moment = dt.datetime.fromisoformat(now) if now else None
    except ValueError:
        typer.echo(f"newsroom check: --now '{now}' is not ISO 8601, e.g. 2025-02-03T06:00:00+09:00", err=True)
        raise typer.Exit(2) from None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=KST)  # the press office's clock
    findings = run(docs, paths or [], moment)
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in findings:
        typer.echo(finding.as_text())
        if github:
            typer.echo(finding.as_github())
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in ("error", "warning", "info")}
    typer.echo(
        f"newsroom check: {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info", err=True
    )
    if has_errors(findings):
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
