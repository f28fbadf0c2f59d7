"""``newsroom preview``: a small site holding one release, to check it before committing it.

The preview is the real site (theme, header, footer, language switch, news feature) built from
a copy of ``docs/`` without the release archive: the site's own pages, plus the release in each
language it exists in. Its size does not depend on the archive's, so it builds in a few seconds.

``FILE`` is a release page (``docs/ko/news/2025/<slug>.md`` or its English counterpart; the other
language is found by ``translation_key``), or a release source (``.txt``, ``.hwpx``, ``.hwp``,
``.docx``), converted on the fly like ``newsroom convert --dry-run``: nothing in ``docs/`` changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from newsroom.compose.options import Options
from newsroom.messages import _
from newsroom.model.release import LANGUAGES, Lang, ReleaseMeta
from newsroom.site.catalogue import NOW_ENV, ReleaseError, read_release, release_with_key

YEAR_FOLDER = re.compile(r"^\d{4}$")


class PreviewError(ValueError):
    """A preview that cannot be built; the message names the file and what to do."""


@dataclass(frozen=True)
class ReleasePage:
    lang: Lang
    relative: Path  # below docs/, e.g. ko/news/2025/<slug>.md
    text: str


@dataclass(frozen=True)
class Preview:
    site: Path
    pages: dict[str, Path]  # language -> the release's index.html in the preview
    seconds: float


def _language_folder(path: Path, docs_dir: Path) -> Lang | None:
    try:
        head = path.resolve().relative_to(docs_dir.resolve()).parts[0]
    except (ValueError, IndexError):
        return None
    return head if head in LANGUAGES else None  # type: ignore[return-value]


def _release_meta(text: str, path: Path, docs_dir: Path) -> ReleaseMeta:
    """The page's front matter read by the model, as the site build reads it."""
    source = path.resolve().relative_to(docs_dir.resolve()).as_posix()
    try:
        return read_release(source, text).meta
    except ReleaseError as error:
        # The error names the file below docs/ and its line.
        raise PreviewError(
            _("{docs}/{error}; fix it, then preview again").format(docs=docs_dir.as_posix(), error=error)
        ) from error


def _counterpart(page: Path, docs_dir: Path, lang: Lang, other: Lang, key: str) -> Path | None:
    """The other language's version: same path under the other language folder, else the same translation_key."""
    relative = page.resolve().relative_to((docs_dir / lang).resolve())
    same_path = docs_dir / other / relative
    if (
        same_path.is_file()
        and _release_meta(same_path.read_text(encoding="utf-8"), same_path, docs_dir).translation_key == key
    ):
        return same_path
    # A different slug per language is allowed: look the key up through the site's one page reader.
    try:
        found = release_with_key(docs_dir, other, key)
    except ReleaseError as error:
        raise PreviewError(
            _("{docs}/{error}; fix it, then preview again").format(docs=docs_dir.as_posix(), error=error)
        ) from error
    return docs_dir / found.source if found is not None else None


def pages_from_markdown(page: Path, docs_dir: Path) -> list[ReleasePage]:
    lang = _language_folder(page, docs_dir)
    if lang is None:
        raise PreviewError(
            _("{page}: not below {docs}/ko or {docs}/en; give a page of the site or a release file").format(
                page=page, docs=docs_dir
            )
        )
    text = page.read_text(encoding="utf-8")
    key = _release_meta(text, page, docs_dir).translation_key
    found = [ReleasePage(lang, page.resolve().relative_to(docs_dir.resolve()), text)]
    for other in LANGUAGES:
        if other == lang:
            continue
        counterpart = _counterpart(page, docs_dir, lang, other, key)
        if counterpart is not None:
            relative = counterpart.resolve().relative_to(docs_dir.resolve())
            found.append(ReleasePage(other, relative, counterpart.read_text(encoding="utf-8")))
    return found


def pages_from_source(source: Path, docs_dir: Path, options: Options) -> list[ReleasePage]:
    """Convert a release file as ``newsroom convert --dry-run`` would; nothing is written to docs/."""
    from newsroom.converter.convert import convert_source

    # Read in a worker with the converter's limits, as `newsroom convert` does: a hostile file fails, no more.
    outcome = convert_source(source, replace(options, docs_dir=docs_dir, dry_run=True))
    if outcome.status == "failed" or not outcome.planned:
        raise PreviewError(outcome.error or _("{source}: nothing to preview").format(source=source))
    return [
        ReleasePage(lang, planned.path.resolve().relative_to(docs_dir.resolve()), planned.text)  # type: ignore[arg-type]
        for planned in outcome.planned
        if (lang := _language_folder(planned.path, docs_dir)) is not None
    ]


def copy_without_archive(docs_dir: Path, dest: Path) -> None:
    """Copy docs/ except the release archive (``<lang>/news/<year>/``): the site's own pages and assets."""
    for dirpath, dirnames, filenames in os.walk(docs_dir):
        here = Path(dirpath)
        relative = here.relative_to(docs_dir)
        if len(relative.parts) == 2 and relative.parts[1] == "news" and relative.parts[0] in LANGUAGES:
            dirnames[:] = [name for name in dirnames if not YEAR_FOLDER.match(name)]
        (dest / relative).mkdir(parents=True, exist_ok=True)
        for name in filenames:
            shutil.copy2(here / name, dest / relative / name)


def relocated_config(config: Path, docs_dir: Path, dest: Path) -> Path:
    """``dest/mkdocs.yml``: the project's config with ``docs_dir`` pointing elsewhere.

    Text edits rather than YAML round trip: the file holds ``!ENV`` and ``!!python`` tags. Paths
    that MkDocs resolves against the config's folder (``custom_dir``, hook files) become absolute.
    """
    text = config.read_text(encoding="utf-8")
    line = f"docs_dir: '{docs_dir.resolve()}'"
    text, count = re.subn(r"(?m)^docs_dir:.*$", line, text)
    if not count:
        text = f"{line}\n{text}"

    def absolute(match: re.Match[str]) -> str:
        value = match.group(2).strip().strip("'\"")
        path = Path(value) if Path(value).is_absolute() else config.resolve().parent / value
        return f"{match.group(1)}'{path}'"

    text = re.sub(r"(?m)^(\s+custom_dir:\s*)(.+)$", absolute, text)
    text = re.sub(r"(?m)^(\s+-\s+)(\S+\.py)\s*$", absolute, text)  # hooks: list entries
    out = dest / "mkdocs.yml"
    out.write_text(text, encoding="utf-8")
    return out


def _publication_time(release: list[ReleasePage]) -> str | None:
    """An embargoed release is previewed as it will look once published: the build's clock is set past it."""
    latest: dt.datetime | None = None
    for page in release:
        until = read_release(page.relative.as_posix(), page.text).meta.embargo_until
        if until is not None and (latest is None or until > latest):
            latest = until
    if latest is None or latest <= dt.datetime.now(dt.UTC):
        return None
    return (latest + dt.timedelta(seconds=1)).isoformat()


def _built_page(site: Path, relative: Path) -> Path:
    lang, *rest = relative.with_suffix("").parts
    prefix = [] if lang == LANGUAGES[0] else [lang]
    return site.joinpath(*prefix, *rest, "index.html")


def _build(config: Path, out: Path, now: str | None, file: Path) -> None:
    """The parallel production build, in this process: no second interpreter to start and import MkDocs."""
    from newsroom.mkdocs_adapter.parallel import ParallelBuildError, build_parallel

    saved = os.environ.get(NOW_ENV)
    if now:
        os.environ[NOW_ENV] = now
    try:
        build_parallel(config, out, strict=True)
    except ParallelBuildError as error:
        problem = _("{file}: the preview build failed ({error}); fix what it reports and try again")
        raise PreviewError(problem.format(file=file, error=error)) from error
    finally:
        if saved is None:
            os.environ.pop(NOW_ENV, None)
        else:
            os.environ[NOW_ENV] = saved


def build_preview(
    file: Path,
    *,
    config: Path = Path("mkdocs.yml"),
    out: Path = Path("site-preview"),
    convert_options: Options | None = None,
) -> Preview:
    start = time.perf_counter()
    if not file.is_file():
        problem = _("{file}: no such file; give a release page (docs/ko/news/<year>/<slug>.md) or release file")
        raise PreviewError(problem.format(file=file))
    if not config.is_file():
        raise PreviewError(_("{config}: no such file; run from the project folder").format(config=config))
    docs_dir = config.resolve().parent / "docs"
    if file.suffix == ".md" and _language_folder(file, docs_dir) is not None:
        release = pages_from_markdown(file, docs_dir)
    else:
        release = pages_from_source(file, docs_dir, convert_options or Options())

    out = out.resolve()
    work = Path(tempfile.mkdtemp(prefix="newsroom-preview-"))
    try:
        copy_without_archive(docs_dir, work / "docs")
        for page in release:
            target = work / "docs" / page.relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.text, encoding="utf-8")
        preview_config = relocated_config(config, work / "docs", work)
        built = work / "site"
        _build(preview_config, built, _publication_time(release), file)
        # Replace the previous preview only once the new one is complete.
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(built, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    built_pages = {page.lang: _built_page(out, page.relative) for page in release}
    return Preview(out, built_pages, time.perf_counter() - start)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path, address: str, on_ready: Callable[[str], None]) -> None:
    """Serve the preview on ``host:port`` until interrupted (Ctrl-C)."""
    host, _colon, port = address.rpartition(":")
    handler = functools.partial(_QuietHandler, directory=str(site))
    with http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler) as server:
        on_ready(f"http://{host or '127.0.0.1'}:{server.server_address[1]}/")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
