"""A three-page site and its build events, run one by one through ``config.plugins.run_event`` (as
static-i18n's own tests drive the plugin): real MkDocs, Material and static-i18n, no output written
except by the events that write (post_build)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from newsroom.mkdocs_adapter.internals import build_one_language
from newsroom.model.pages import join
from newsroom.model.release import KST, ReleaseMeta, Translation

from tests.conftest import ROOT

EMBARGO = dt.datetime(2025, 3, 4, 9, 0, tzinfo=KST)
RELEASE = "ko/news/2025/test-release.md"

CONFIG = """\
site_name: 시험 사이트
site_url: https://example.test/site/
docs_dir: docs
# Only the home in the navigation: the release and the generated pages are outside it, as on the real site.
nav:
  - 홈: index.md
theme:
  name: material
  custom_dir: {overrides}
  language: ko
  font: false
  favicon: assets/images/favicon.svg
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      reconfigure_search: false
      languages:
        - locale: ko
          default: true
          name: 한국어
          build: true
        - locale: en
          name: English
          build: true
  - newsroom:
      now: {now}
      render_cache: {render_cache}
      csp_paths:
        admin/: ""
"""


def write_three_pages(root: Path) -> None:
    """Korean and English home pages, and one Korean-only release (embargoed until EMBARGO)."""
    docs = root / "docs"
    (docs / "ko" / "news" / "2025").mkdir(parents=True)
    (docs / "en").mkdir(parents=True)
    (docs / "ko" / "index.md").write_text("# 홈\n\n<!-- newsroom:latest -->\n", encoding="utf-8")
    (docs / "en" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    meta = ReleaseMeta(
        title="시험 보도자료",
        date=EMBARGO.date(),
        embargo_until=EMBARGO,
        lang="ko",
        slug="test-release",
        translation_key="test-release",
        translation=Translation.ORIGINAL,
        languages=["ko"],
        topics=["smart-city"],
        summary="시험 요약입니다.",
    )
    (docs / RELEASE).write_text(join(meta.to_front_matter(), "천안시는 시험 문단을 씁니다."), encoding="utf-8")


@dataclass
class Build:
    """One language build of the three-page site, advanced event by event."""

    config: MkDocsConfig
    files: Files = field(default_factory=lambda: Files([]))
    nav: Navigation | None = None
    env: Any = None
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def plugin(self) -> Any:
        return self.config.plugins["newsroom"]

    def feature(self, name: str) -> Any:
        return next(feature for feature in self.plugin.features if type(feature).__name__ == name)

    def to_files(self) -> Build:
        self.config = self.config.plugins.run_event("config", self.config)
        files = get_files(self.config)
        env = self.config.theme.get_env()
        files.add_files_from_theme(env, self.config)
        self.files = self.config.plugins.run_event("files", files, config=self.config)
        return self

    def to_env(self) -> Build:
        self.to_files()
        Path(self.config.site_dir).mkdir(parents=True, exist_ok=True)  # MkDocs' static-file copy makes it
        self.nav = self.config.plugins.run_event(
            "nav", get_navigation(self.files, self.config), config=self.config, files=self.files
        )
        for file in self.files.documentation_pages():
            page = file.page or Page(None, file, self.config)
            page.read_source(self.config)
            page.markdown = self.config.plugins.run_event(
                "page_markdown", page.markdown, page=page, config=self.config, files=self.files
            )
            page.render(self.config, self.files)
        self.env = self.config.plugins.run_event(
            "env", self.config.theme.get_env(), config=self.config, files=self.files
        )
        return self

    def page(self, url: str) -> Page:
        file = next((file for file in self.files.documentation_pages() if file.url == url), None)
        assert file is not None and file.page is not None, f"no page at {url}"
        return file.page

    def context(self, url: str) -> dict[str, Any]:
        if url not in self.contexts:
            page = self.page(url)
            context = get_context(self.nav, self.files, self.config, page)  # type: ignore[arg-type]
            self.contexts[url] = self.config.plugins.run_event(
                "page_context", context, page=page, config=self.config, nav=self.nav
            )
        return self.contexts[url]

    def html(self, url: str) -> str:
        """The page rendered by its template, then through the post_page event."""
        page = self.page(url)
        context = self.context(url)
        template = self.env.get_template(page.meta.get("template", "main.html"))
        output = template.render(context)
        return self.config.plugins.run_event("post_page", output, page=page, config=self.config)

    def finish(self) -> None:
        self.config.plugins.run_event("post_build", config=self.config)


def load(
    root: Path, *, now: str = "null", render_cache: bool = True, language: str = "ko", command: str = "build"
) -> Build:
    config_file = root / "mkdocs.yml"
    config_file.write_text(
        CONFIG.format(overrides=ROOT / "overrides", now=now, render_cache=str(render_cache).lower()), encoding="utf-8"
    )
    config = load_config(str(config_file), site_dir=str(root / "site"))
    # One language per build, as the parallel build does: static-i18n starts no nested build of the other.
    build_one_language(config, language)
    # MkDocs keeps plugin instances from one config load to the next (as `mkdocs serve` reloads): each build
    # starts as MkDocs starts one, so no test inherits another's command.
    config.plugins.run_event("startup", command=command, dirty=False)
    return Build(config)


@pytest.fixture
def three_pages(tmp_path: Path) -> Iterator[Path]:
    write_three_pages(tmp_path)
    yield tmp_path
