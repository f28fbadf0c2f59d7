"""Build every language of the site at once, one process per language, and merge the outputs.

static-i18n builds the languages one after the other in one process (the other languages as
nested builds inside the default language's ``on_post_build``), so a two-language site takes
the sum of both builds on one core. Each language build is a complete MkDocs build that sees
every file of every language (alternates, the language switcher and hreflang come from the
files, not from the other build), so each can run in its own process:

- the parent loads the config once and forks a worker per language; each tells static-i18n which
  language it builds and that it must not start the nested builds, and builds into its own
  staging folder;
- the parent then merges: each non-default language's folder (``en/``) comes from its own
  worker, everything at the root from the default language's worker (so ``/404.html`` is the
  Korean one), and ``sitemap.xml`` is rebuilt from both workers' entries;
- the finished tree replaces ``site_dir`` only when every worker succeeded (no half-built site); in an
  incremental build, whose workers do not write the outputs they keep, ``site_dir`` is brought up to date in
  place instead (``incremental.update_site``: only what changed is written or removed).

The merged site is the one the sequential build writes; tests/build/ compares both.
"""

from __future__ import annotations

import contextlib
import filecmp
import gc
import logging
import multiprocessing
import os
import pickle
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from newsroom.incremental import state as incremental
from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.incremental import IncrementalRun
from newsroom.mkdocs_adapter.plugin import NewsroomPlugin
from newsroom.site.catalogue import forget_parsed, parsed_releases, preload_releases, remember_parsed
from newsroom.site.i18n import gzip_bytes, merge_sitemaps

log = logging.getLogger("mkdocs.newsroom.parallel")

# Root files that every language build writes and that the parent assembles from all of them.
MERGED_FILES = ("sitemap.xml", "sitemap.xml.gz")
# A worker's exit status when the state cannot serve its language (incremental.LayoutChanged): built again, full.
REBUILD_WITHOUT_STATE = 75


@dataclass(frozen=True)
class ParallelBuild:
    site: Path
    sizes: dict[str, int] | None  # every file of the site with its size, when the build knows them (incremental)


class ParallelBuildError(RuntimeError):
    """A language build failed; its own messages were already logged."""


def _languages(config: MkDocsConfig) -> tuple[str, list[str]]:
    """The default language and every language static-i18n builds, default first."""
    settings = internals.i18n_plugin_settings(config)
    if settings is None:
        raise ParallelBuildError("the config has no i18n plugin: build it with `mkdocs build`")
    default = settings.default_language
    others = [lang for lang in settings.build_languages if lang != default]
    return default, [default, *others]


def _set_up_logging(prefix: str, verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"%(levelname)-7s -  [{prefix}] %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    # The INFO list of "pages not in the nav" names every release: keep the console readable.
    handler.setLevel(logging.INFO if verbose else logging.WARNING)


def _build_one_language(
    config: MkDocsConfig, language: str, out: str, verbose: bool, run: IncrementalRun | None = None
) -> None:
    """Worker process: a full MkDocs build of one language into ``out``, from the parent's loaded config
    (with ``run``, pages whose key is unchanged keep their earlier output)."""
    _set_up_logging(language, verbose)
    config["site_dir"] = out
    internals.build_one_language(config, language)
    plugin = config.plugins.get("newsroom")
    if run is not None and isinstance(plugin, NewsroomPlugin):
        plugin.build_incrementally(run)
    if isinstance(plugin, NewsroomPlugin):
        plugin.build_in_worker(default_language=language == _languages(config)[0])
    try:
        build(config)
    except MkDocsException as error:
        log.error(str(error))
        raise SystemExit(1) from error
    except incremental.LayoutChanged as error:
        print(f"INFO    -  [{language}] incremental: {error}, built again without the state", flush=True)
        raise SystemExit(REBUILD_WITHOUT_STATE) from error


def _move_tree(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``, merging into folders that already exist there."""
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        source.rename(target)
        return
    for child in source.iterdir():
        _move_tree(child, target / child.name)


def _merge_root_files(staging: Path, merged: Path, language: str, languages: list[str]) -> list[str]:
    """Move a language worker's files that lie outside every language folder into the merged tree.

    Returns the files that differ from the default language's copy (that copy is kept).
    """
    kept: list[str] = []
    for dirpath, dirnames, filenames in os.walk(staging):
        here = Path(dirpath)
        if here == staging:
            dirnames[:] = [name for name in dirnames if name not in languages]
        for name in filenames:
            source = here / name
            relative = source.relative_to(staging)
            target = merged / relative
            if relative.as_posix() in MERGED_FILES:
                continue
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                source.rename(target)
            elif not filecmp.cmp(source, target, shallow=False):
                kept.append(relative.as_posix())
    return kept


def _preload_releases(docs_dir: Path, *, parsed_before: bool) -> None:
    """Parse every release's front matter once, before forking.

    Each language build reads both languages' releases (a page links its translation): the forked workers
    inherit what was read (``catalogue.preload_releases``) instead of each walking, stat-ing and parsing all of
    it again. A release that cannot be read is left to the workers, which stop the build naming the file. Nothing
    else runs yet, so a large archive parsed afresh is read by one process per core; after an earlier parse
    (``parsed_before``: an incremental build) most files are only checked, and sending the results between
    processes would cost more than it saves.
    """
    with contextlib.suppress(OSError):
        preload_releases(docs_dir, processes=1 if parsed_before else len(os.sched_getaffinity(0)))


def _theme_dirs(config: MkDocsConfig) -> list[Path]:
    custom_dir = config.theme.custom_dir
    return [Path(custom_dir)] if custom_dir else []


def load_site_config(config_file: Path, site_dir: Path | None = None, *, strict: bool = True) -> MkDocsConfig:
    """The config every language build starts from (read once: a worker inherits it)."""
    try:
        return load_config(config_file=str(config_file), site_dir=str(site_dir) if site_dir else None, strict=strict)
    except MkDocsException as error:
        raise ParallelBuildError(f"{config_file}: {error}") from error


def build_parallel(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    strict: bool = True,
    verbose: bool = False,
    state_dir: Path | None = None,
    use_state: bool = True,
    config: MkDocsConfig | None = None,
) -> ParallelBuild:
    """Build every language in its own process; returns the site folder (and its files' sizes, when known).

    ``config``: the site's config as ``load_site_config`` gives it, when the caller read it already. With
    ``state_dir``, the build keeps what an incremental build needs there (newsroom.incremental.state) and,
    when ``use_state``, reuses the outputs of pages whose inputs are unchanged since the build that left it.
    """
    _set_up_logging("build", verbose)
    if config is None:
        config = load_site_config(config_file, site_dir, strict=strict)
    default, languages = _languages(config)
    target = Path(config.site_dir).resolve()
    staging = target.parent / f".{target.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    start = time.monotonic()
    fingerprint = ""
    saved_parse = None
    if state_dir is not None:
        fingerprint = incremental.global_fingerprint(config_file, Path(config.docs_dir), _theme_dirs(config))
        if use_state:
            saved_parse = incremental.load_parsed_releases(state_dir, fingerprint)
            remember_parsed(saved_parse.releases)
    _preload_releases(Path(config.docs_dir), parsed_before=bool(saved_parse and saved_parse.releases))
    try:
        # fork: the workers inherit the loaded config and the imported MkDocs, Material and Markdown. Frozen, the
        # inherited objects are left out of the workers' cycle collections: none walks them or writes to their
        # pages (which would copy them), and a worker collects only what it makes itself.
        gc.freeze()
        context = multiprocessing.get_context("fork")

        def worker(language: str, with_state: bool) -> multiprocessing.process.BaseProcess:
            run = None
            if state_dir is not None:
                run = IncrementalRun(fingerprint, state_dir, staging / f"{language}.records", with_state)
            process = context.Process(
                target=_build_one_language,
                args=(config, language, str(staging / language), verbose, run),
                name=f"build-{language}",
            )
            process.start()
            return process

        workers = {language: worker(language, use_state) for language in languages}
        if state_dir is not None:
            # While the workers build: the parse cache checks every entry against its file, so it may be kept
            # whatever the build's outcome.
            try:
                incremental.save_parsed_releases(state_dir, fingerprint, parsed_releases(), saved_parse)
            except (OSError, ValueError, pickle.PicklingError) as error:
                log.warning(f"parsed releases not kept ({error}); the next build parses them again")
        # The workers have them; the parent reads no release again (a worker forked again parses its own).
        saved_parse = None
        forget_parsed()
        for language, process in workers.items():
            process.join()
            if process.exitcode == REBUILD_WITHOUT_STATE:
                workers[language] = process = worker(language, False)
                process.join()
        failed = [language for language, process in workers.items() if process.exitcode != 0]
        if failed:
            raise ParallelBuildError(f"the {', '.join(failed)} build failed (messages above); {target} is unchanged")

        merged = staging / default
        sitemaps = [
            (staging / language / "sitemap.xml").read_bytes()
            for language in languages
            if (staging / language / "sitemap.xml").exists()
        ]
        for language in languages[1:]:
            built = staging / language
            if (built / language).exists():
                _move_tree(built / language, merged / language)
            for path in _merge_root_files(built, merged, language, languages):
                log.debug(f"kept the {default} build's /{path}; the {language} build wrote a different one")
        if sitemaps:
            sitemap = merge_sitemaps(sitemaps, config.site_url or "/", languages, default)
            (merged / "sitemap.xml").write_bytes(sitemap)
            (merged / "sitemap.xml.gz").write_bytes(gzip_bytes(sitemap))

        states = {lang: staging / f"{lang}.records" for lang in languages} if state_dir is not None else {}
        loaded = incremental.load_staged(states)
        kept = {path for outputs in loaded.values() for path in outputs.kept}
        sizes = None
        if state_dir is not None and kept:
            # Kept outputs were not written again: the site is brought up to date in place, not replaced.
            sizes = incremental.update_site(target, merged, incremental.OutputStore(state_dir), kept)
        else:
            old = staging / "previous"
            if target.exists():
                target.rename(old)
            merged.rename(target)
        if state_dir is not None:
            try:
                incremental.save_state(state_dir, target, states, loaded)
            except (OSError, ValueError, EOFError) as error:
                log.warning(f"incremental state not kept ({error}); the next build is a full one")
                incremental.forget(state_dir)
    finally:
        gc.unfreeze()
        shutil.rmtree(staging, ignore_errors=True)
    log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds ({', '.join(languages)} in parallel)")
    return ParallelBuild(target, sizes)
