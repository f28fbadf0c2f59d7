"""What a person or a workflow runs: the `newsroom` Typer app and the `python -m newsroom.commands.…` entry points."""
