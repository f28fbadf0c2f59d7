"""``newsroom``: the press office's command line. Thin: each command calls one module."""

from __future__ import annotations

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


if __name__ == "__main__":
    app()
