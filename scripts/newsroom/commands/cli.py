"""``newsroom``: the press office's command line. Thin: each command calls one module."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Annotated, Any, get_type_hints

import typer

from newsroom.compose.options import Options, Setting, option_settings
from newsroom.messages import _

KEYWORD_ONLY = inspect.Parameter.KEYWORD_ONLY

app = typer.Typer(
    name="newsroom",
    help="Cheonan smart-city newsroom: convert news releases into ko/en pages and check them.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def _typer_parameter(name: str, setting: Setting, default: object) -> inspect.Parameter:
    """One convert option as a Typer parameter; a value not given stays None, so Options keeps its default."""
    if setting.read is None:  # a switch
        help_text = f"{setting.help} Example: {setting.flag}"
        option = typer.Option(setting.flag, help=help_text)
        return inspect.Parameter(name, KEYWORD_ONLY, annotation=Annotated[bool, option], default=default)
    reader = setting.read

    def read(text: str) -> object:
        try:
            return reader(text)
        except ValueError as error:  # click's "Invalid value for '--flag'", exit status 2
            raise typer.BadParameter(str(error)) from None

    given = None if default in (None, ()) else str(default)  # shown in --help, read like any given text
    help_text = f"{setting.help} Example: {setting.flag} {setting.example}"
    option = typer.Option(
        setting.flag, help=help_text, parser=read, show_default=given is not None, metavar=setting.metavar
    )
    return inspect.Parameter(name, KEYWORD_ONLY, annotation=Annotated[str | None, option], default=given)


def with_convert_options(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the convert options (all, or those named) as flags, declared once in ``Options``.

    The command takes one ``options: Options`` parameter instead of a flag per option.
    """

    unknown = set(names) - {option.name for option in fields(Options)}
    if unknown:
        raise ValueError(f"with_convert_options: no convert option named {sorted(unknown)}")

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        chosen = [option for option in fields(Options) if not names or option.name in names]
        settings = option_settings()
        hints = get_type_hints(command, include_extras=True)
        own = [
            parameter.replace(kind=KEYWORD_ONLY, annotation=hints[parameter.name])
            for parameter in inspect.signature(command).parameters.values()
            if parameter.name != "options"
        ]
        generated = [_typer_parameter(o.name, settings[o.name], o.default) for o in chosen]
        required = [parameter for parameter in own if parameter.default is inspect.Parameter.empty]
        optional = [parameter for parameter in own if parameter.default is not inspect.Parameter.empty]
        parameters = [*required, *generated, *optional]

        @functools.wraps(command)
        def run(**given: Any) -> None:
            values = {option.name: given.pop(option.name) for option in chosen}
            command(options=Options(**{name: value for name, value in values.items() if value is not None}), **given)

        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
        return run

    return decorate


@app.callback()
def newsroom_commands() -> None:
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
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            help="Git ref to compare with (e.g. origin/main): fail when a release published there is deleted, "
            "moved without redirect_from, or has its date, slug or translation_key changed without a change note.",
        ),
    ] = None,
) -> None:
    """Check pages: front matter, translations, structure, links, images, folders, embargoes."""
    import os

    from newsroom.check import BaseRefError, check_docs, has_errors
    from newsroom.model.release import parse_moment

    if not (docs / "ko").is_dir():
        typer.echo(
            _("newsroom check: {folder} not found; run it from the project folder or pass --docs").format(
                folder=docs / "ko"
            ),
            err=True,
        )
        raise typer.Exit(2)
    try:
        moment = parse_moment(now) if now else None
    except ValueError:
        typer.echo(
            _("newsroom check: --now '{value}' is not ISO 8601, e.g. 2025-02-03T06:00:00+09:00").format(value=now),
            err=True,
        )
        raise typer.Exit(2) from None
    try:
        findings = check_docs(docs, paths or [], moment, base)
    except BaseRefError as error:
        typer.echo(f"newsroom check: {error}", err=True)
        raise typer.Exit(2) from None
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in findings:
        typer.echo(finding.as_text())
        if github:
            typer.echo(finding.as_github())
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in ("error", "warning", "info")}
    typer.echo(
        _("newsroom check: {errors} error(s), {warnings} warning(s), {infos} info").format(
            errors=counts["error"], warnings=counts["warning"], infos=counts["info"]
        ),
        err=True,
    )
    if has_errors(findings):
        raise typer.Exit(1)


@app.command(no_args_is_help=True)
@with_convert_options()
def convert(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Release files (.txt .md .hwpx .hwp .docx) or folders (every supported file inside). "
            "Example: [bold]newsroom convert inbox/2025-02/[/bold]",
            show_default=False,
        ),
    ],
    options: Options,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help='One JSON object per source on its own line: {"source", "status", "error", "pages", "meta", '
            '"unplaced", "privacy"}. Example: --json | jq .status',
        ),
    ] = False,
) -> None:
    """Convert news releases into paired pages docs/ko/news/YYYY/<slug>.md and docs/en/news/YYYY/<slug>.md.

    Example: [bold]newsroom convert seed/ --date 2025-02-03 --title-ko '…' --topics smart-city,ai[/bold]

    Exit status: 0 when every source converted or was unchanged/skipped, 1 when any failed, 2 for bad options.
    """
    from newsroom.converter.convert import run_convert

    raise typer.Exit(run_convert(sources, options, as_json=as_json))


@app.command()
def inbox(
    folder: Annotated[Path, typer.Option("--inbox", help="The folder press officers upload releases to.")] = Path(
        "inbox"
    ),
    docs: Annotated[Path, typer.Option("--docs", help="The docs folder holding ko/ and en/.")] = Path("docs"),
    description: Annotated[
        str,
        typer.Option(
            "--description",
            help="The pull request's description; its lines 'date: YYYY-MM-DD' and 'title-ko: …' are used "
            "when the converter asks for them.",
        ),
    ] = "",
    description_env: Annotated[
        str | None,
        typer.Option("--description-env", help="Read the description from this environment variable instead."),
    ] = None,
    summary: Annotated[
        Path | None, typer.Option("--summary", help="Write the summary table (Markdown) here, for the PR comment.")
    ] = None,
    commit: Annotated[bool, typer.Option("--commit/--no-commit", help="Commit the pages on this branch.")] = True,
    push: Annotated[bool, typer.Option("--push/--no-push", help="Push the commit to the branch's remote.")] = False,
) -> None:
    """Convert every release in inbox/ into pages, commit them in place of the inbox files, then check.

    Exit status: 0 when every file was converted and the check found no error, 1 otherwise.
    """
    import datetime as dt
    import os

    from newsroom.check.leaks import public_leaks
    from newsroom.commands.inbox import InboxError, process_inbox, read_description, summary_markdown
    from newsroom.commands.inbox import push as push_branch

    text = os.environ.get(description_env, "") if description_env else description
    repo = Path.cwd().resolve()
    started_from = _head(repo)
    leaks: list[str] = []
    try:
        report = process_inbox(repo, folder.resolve(), docs.resolve(), read_description(text), commit=commit)
        # On a public repository the pages of a release under embargo are not pushed: pushed, they are public.
        leaks = [finding.as_text() for finding in public_leaks(docs.resolve(), dt.datetime.now(dt.UTC), started_from)]
        if push and report.committed and not leaks:
            push_branch(repo)
    except InboxError as error:
        typer.echo(f"newsroom inbox: {error}", err=True)
        raise typer.Exit(2) from None
    table = summary_markdown(report)
    if leaks:
        table += "\n" + "\n".join(f"- {line}" for line in leaks) + "\n"
    typer.echo(table)
    if summary is not None:
        summary.write_text(table, encoding="utf-8")
    if leaks:
        typer.echo(_("newsroom inbox: the pages were not pushed; see the embargo lines above"), err=True)
        raise typer.Exit(1)
    if not report.ok:
        typer.echo(_("newsroom inbox: some files need attention; see the table above"), err=True)
        raise typer.Exit(1)


def _head(repo: Path) -> str | None:
    """The commit checked out in ``repo`` (None outside git): what the inbox's own commit adds to."""
    import subprocess

    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=False)
    return result.stdout.strip() or None if result.returncode == 0 else None


@app.command("cms-config")
def cms_config_command(
    repo: Annotated[
        str | None,
        typer.Option("--repo", help="GitHub repository owner/name (default: the site config's cms_repo)."),
    ] = None,
    config: Annotated[Path, typer.Option("--config", help="The site's MkDocs config.")] = Path("mkdocs.yml"),
) -> None:
    """Print the web editor's configuration (/admin/config.yml), generated from the release schema.

    The build writes the same text to site/admin/config.yml; there is no copy to keep in step.
    """
    from newsroom.editor.cms_config import cms_config_yaml
    from newsroom.mkdocs_adapter.config import site_options

    try:
        options, docs = site_options(config)
    except ValueError as error:
        typer.echo(f"newsroom cms-config: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(cms_config_yaml(repo or options.cms_repo, auth_url=options.cms_auth_url, docs=docs), nl=False)


@app.command("schema-doc")
def schema_doc(
    write: Annotated[
        Path | None,
        typer.Option("--write", help="Replace the table between the markers of this file (handbook/schema.md)."),
    ] = None,
) -> None:
    """Print the release schema as a Markdown table, generated from the model's field descriptions."""
    from newsroom.commands.schema_doc import schema_table, write_schema_doc

    if write is None:
        typer.echo(schema_table(), nl=False)
        return
    try:
        changed = write_schema_doc(write)
    except (OSError, ValueError) as error:
        typer.echo(_("newsroom schema-doc: {file}: {error}").format(file=write, error=error), err=True)
        raise typer.Exit(2) from None
    message = _("schema table updated in {file}") if changed else _("schema table already up to date in {file}")
    typer.echo(message.format(file=write))


@app.command("font-plan")
def font_plan_command(
    site: Annotated[Path, typer.Option("--site", help="A built site (`make build` writes site/).")] = Path("site"),
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Plan every chunk again (readers download them anew).")
    ] = False,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="A folder of real releases (HWPX, HWP, DOCX) whose characters come next."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; exit 1 when the site shows characters no chunk holds (a refresh is due)."
        ),
    ] = False,
) -> None:
    """Refresh font-plan.json from a built site: chunks for the characters its pages show that no chunk holds."""
    from newsroom.site.font_plan import PLAN_FILE, FontPlanError, read_plan, site_plan, write_plan
    from newsroom.site.fonts import WEIGHTS, FontPackageError, font_characters

    path = Path(PLAN_FILE)
    if not (site / "index.html").is_file():
        typer.echo(
            _("newsroom font-plan: {site} holds no built site; run `make build` first").format(site=site), err=True
        )
        raise typer.Exit(2)
    if check and (fresh or corpus is not None):
        typer.echo(_("newsroom font-plan: --check writes nothing; leave out --fresh and --corpus"), err=True)
        raise typer.Exit(2)
    try:
        if check and not path.is_file():
            raise FontPlanError(f"{path}: no plan to check; run `newsroom font-plan --site {site}`")
        known = None if fresh or not path.is_file() else read_plan(path)
        covered = {weight: font_characters(Path.cwd(), weight) for weight in WEIGHTS}
    except (FontPlanError, FontPackageError, OSError) as error:
        typer.echo(_("newsroom font-plan: {error}").format(error=error), err=True)
        raise typer.Exit(2) from None
    if corpus is not None and not corpus.is_dir():
        typer.echo(_("newsroom font-plan: {error}").format(error=f"{corpus}: not a folder"), err=True)
        raise typer.Exit(2)
    prior: list[frozenset[str]] = []
    if corpus is not None:
        from newsroom.read import ReadError, read, supported

        for source in sorted(corpus.iterdir()):
            if source.is_file() and supported(source):
                try:
                    prior.append(frozenset(repr(read(source).blocks)))
                except ReadError as error:
                    typer.echo(_("newsroom font-plan: {error}").format(error=f"{source}: {error}"), err=True)
    plan = site_plan(site, covered, known, prior)
    if check:
        assert known is not None
        missing = sorted(set().union(*(plan.planned(weight) - known.planned(weight) for weight in plan.chunks)))
        if missing:
            typer.echo(
                _(
                    "{file} lacks characters the site shows ({count}: {sample}): a page showing one loads a coarse "
                    "fallback chunk of the font (about 30 KB) for it. Run `newsroom font-plan --site {site}` and "
                    "commit {file}."
                ).format(file=path, count=len(missing), sample="".join(missing[:20]), site=site),
                err=True,
            )
            raise typer.Exit(1)
        typer.echo(_("{file} holds every character the site shows").format(file=path))
        return
    write_plan(path, plan)
    counts = ", ".join(f"{weight}: {len(chunks)}" for weight, chunks in sorted(plan.chunks.items()))
    typer.echo(_("{file} written; chunks per weight {counts}").format(file=path, counts=counts))


@app.command("preview", no_args_is_help=True)
@with_convert_options("date", "title_ko", "title_en", "slug", "topics")
def preview_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="A release page (docs/ko/news/<year>/<slug>.md, or the English one) or a release file to convert "
            "on the fly (.txt .hwpx .hwp .docx). Example: [bold]newsroom preview docs/ko/news/2025/x.md[/bold]",
            show_default=False,
        ),
    ],
    options: Options,
    out: Annotated[Path, typer.Option("--out", help="Where the preview site goes.")] = Path("site-preview"),
    config: Annotated[Path, typer.Option("--config", help="The site's MkDocs config.")] = Path("mkdocs.yml"),
    serve: Annotated[bool, typer.Option("--serve", help="Also serve the preview until Ctrl-C.")] = False,
    addr: Annotated[str, typer.Option("--addr", help="host:port to serve on.")] = "127.0.0.1:8000",
) -> None:
    """Build a small site holding one release in both languages (real theme, header, footer, switcher).

    Nothing in docs/ changes. The preview goes to site-preview/; --serve also serves it.
    """
    from newsroom.commands.preview import PreviewError, build_preview
    from newsroom.commands.preview import serve as serve_site

    try:
        result = build_preview(file, config=config, out=out, convert_options=options)
    except PreviewError as error:
        typer.echo(_("newsroom preview: {error}").format(error=error), err=True)
        raise typer.Exit(1) from None
    typer.echo(_("preview built in {seconds} s: {site}").format(seconds=f"{result.seconds:.1f}", site=result.site))
    for lang, page in sorted(result.pages.items()):
        typer.echo(f"  {lang}: {page}")
    if serve:
        relative = {lang: page.parent.relative_to(result.site).as_posix() for lang, page in result.pages.items()}

        def ready(base: str) -> None:
            for lang, path in sorted(relative.items()):
                typer.echo(f"  {lang}: {base}{path}/")
            typer.echo(_("serving; Ctrl-C to stop"))

        serve_site(result.site, addr, ready)


if __name__ == "__main__":
    app()
