"""/admin/ (Sveltia CMS) in Debian's Chromium: loaded with every other host blocked, then used end to end.

No GitHub account: "Work with Local Repository" calls ``window.showDirectoryPicker()``, which an init
script replaces (before the page's own scripts run) with the browser's origin-private file system,
filled with a copy of the project's ``docs/`` and a ``.git`` folder. What the CMS saves is read back
from there, checked with ``newsroom check`` and built with the real ``mkdocs build --strict``.
Both record every Content-Security-Policy violation (the ``securitypolicyviolation`` event, reported to
the test as it happens, and Chromium's console message) and find none.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from newsroom.model.pages import read_page_file, split
from newsroom.model.release import ReleaseMeta

from tests.conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.browser

# The press office's guide (PRESS-OFFICE.ko.md) shows these; `NEWSROOM_SCREENSHOTS=1 pytest tests/browser` renews them.
SCREENSHOTS = ROOT / "press-office"
CITY_RELEASE = "news/2025/mayor-park-sang-don-of-cheonan-seeks-ways-to-integrate-ai.md"

FILL_DIRECTORY = """
window.showDirectoryPicker = async () => {
  const root = await navigator.storage.getDirectory();
  for (const [path, text] of Object.entries(%s)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const file = await dir.getFileHandle(parts.at(-1), {create: true});
    const writable = await file.createWritable();
    await writable.write(text);
    await writable.close();
  }
  return root;
};
"""

READ_DIRECTORY = """
async () => {
  const files = {};
  const walk = async (dir, prefix) => {
    for await (const [name, handle] of dir.entries()) {
      try {
        if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
        else if (!name.endsWith('.crswap')) files[prefix + name] = await (await handle.getFile()).text();
      } catch (error) {
        // A save in progress replaces files (through a .crswap file): what vanishes is read next time.
        if (error.name !== 'NotFoundError' && error.name !== 'NotReadableError') throw error;
      }
    }
  };
  await walk(await navigator.storage.getDirectory(), '');
  return files;
}
"""

LOCAL_REPOSITORY = re.compile("Work with Local Repository|로컬 저장소로 작업")

# Registered before the page's own scripts; the binding outlives navigations within the context.
REPORT_CSP = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.__reportCsp(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def repository_files() -> dict[str, str]:
    """docs/ as the CMS sees it in a clone of the repository, plus the .git folder it looks for."""
    files = {
        f"docs/{p.relative_to(ROOT / 'docs').as_posix()}": p.read_text(encoding="utf-8")
        for p in (ROOT / "docs").rglob("*.md")
    }
    files[".git/HEAD"] = "ref: refs/heads/main\n"
    return files


@dataclasses.dataclass
class Admin:
    """/admin/ open in the browser, and what it did that it must not."""

    page: Any
    other_hosts: list[str] = dataclasses.field(default_factory=list)  # requests to any host but the site
    failed: list[str] = dataclasses.field(default_factory=list)  # failed requests and error responses
    csp: list[str] = dataclasses.field(default_factory=list)  # policy violations: events and console errors


@pytest.fixture()
def admin(browser: Any, site_url: str) -> Iterator[Admin]:
    """A page on /admin/ in Korean and Seoul time, every other host blocked."""
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", viewport={"width": 1400, "height": 1000})
    context.add_init_script(FILL_DIRECTORY % json.dumps(repository_files(), ensure_ascii=False))
    context.add_init_script(REPORT_CSP)
    violations: list[str] = []
    context.expose_binding("__reportCsp", lambda _source, text: violations.append(text))
    admin = Admin(context.new_page(), csp=violations)

    def only_the_site(route: Any) -> None:
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            admin.other_hosts.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    page = admin.page
    page.set_default_timeout(10_000)
    page.on("requestfailed", lambda request: admin.failed.append(f"{request.url} {request.failure}"))
    page.on(
        "response", lambda response: response.status >= 400 and admin.failed.append(f"{response.status} {response.url}")
    )
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and admin.csp.append(f"console: {message.text}"),
    )
    page.goto(site_url + "admin/")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    yield admin
    context.close()


def test_admin_lists_the_sites_releases_with_every_other_host_blocked(admin: Admin) -> None:
    page = admin.page
    page.get_by_role("button", name=LOCAL_REPOSITORY).wait_for()
    screenshot(page, "admin-login.png")
    page.get_by_role("button", name=LOCAL_REPOSITORY).click()
    ko = read_page_file(ROOT / "docs" / "ko" / CITY_RELEASE).meta["title"]
    page.get_by_text(ko).first.wait_for()
    screenshot(page, "admin-list.png")
    page.get_by_text(ko).first.click()
    # Paired by language: the English version opens beside the Korean one.
    en = read_page_file(ROOT / "docs" / "en" / CITY_RELEASE).meta["title"]
    page.locator('#first-pane-body section[data-key-path="title"] input').wait_for()
    assert page.locator('#first-pane-body section[data-key-path="title"] input').input_value() == ko
    page.locator("#second-pane-header [role=radio][value=en]").click()
    second = page.locator('#second-pane-body section[data-key-path="title"] input')
    assert second.input_value() == en
    page.wait_for_timeout(200)  # a violation is reported after the fact
    assert admin.other_hosts == []
    assert admin.failed == []
    assert admin.csp == []
    # The control: what the bundle would load from a CDN for features this site does not use (PDF.js for PDF
    # thumbnails, a HEIC decoder) is refused by the policy before any request, and the refusal is seen.
    page.evaluate("import('https://unpkg.com/pdfjs-dist/build/pdf.min.mjs').catch(() => null)")
    page.wait_for_timeout(200)
    assert any(found.startswith("script-src-elem https://unpkg.com/") for found in admin.csp), admin.csp
    assert admin.other_hosts == []


def screenshot(page: Any, name: str) -> None:
    if os.environ.get("NEWSROOM_SCREENSHOTS") == "1":
        page.screenshot(path=str(SCREENSHOTS / name))


def field(page: Any, pane: str, key: str, control: str = "input") -> Any:
    """A field's control in one pane ('first' is the Korean side, 'second' the English one).

    The CMS renders fields as they scroll into view, so the pane is scrolled until the field is there.
    """
    body = page.locator(f"#{pane}-pane-body:visible")  # the previous editor may linger, hidden
    section = body.locator(f'section[data-key-path="{key}"]')
    for _ in range(30):
        if section.count():
            break
        body.hover()
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    section.first.scroll_into_view_if_needed()
    return section.locator(control).first


def type_body(page: Any, pane: str, text: str) -> None:
    editor = field(page, pane, "body", "[contenteditable=true]")
    editor.click()
    page.keyboard.type(text)


def fill_release(page: Any, pane: str, *, title: str, summary: str, body: str) -> None:
    field(page, pane, "title").fill(title)
    field(page, pane, "summary", "textarea").fill(summary)
    type_body(page, pane, body)


def saved_file(page: Any, path: str) -> str | None:
    return page.evaluate(READ_DIRECTORY).get(path)


def save(page: Any, path: str, expected: str) -> None:
    """Click save and wait until ``path`` in the picked folder holds ``expected``."""
    page.get_by_role("button", name="저장", exact=True).click()
    for _ in range(50):
        if expected in (saved_file(page, path) or ""):
            break
        page.wait_for_timeout(200)
    page.get_by_role("button", name=re.compile("저장 중")).wait_for(state="detached")


def new_release(page: Any, base: str) -> None:
    page.goto(base + "#/collections/news/new")
    page.locator('#first-pane-body:visible section[data-key-path="title"] input').wait_for()
    page.wait_for_timeout(300)  # the form settles (default values) before it is typed into


def choose(page: Any, pane: str, key: str, value: str) -> None:
    """Click the radio button or checkbox of ``value`` in a select field shown as buttons."""
    field(page, pane, key, f'[value="{value}"]').click()


def body_of(text: str) -> str:
    return split(text).body


def test_a_press_officer_edits_and_creates_releases_without_github(admin: Admin, tmp_path: Path) -> None:
    page = admin.page
    before = repository_files()
    page.get_by_role("button", name=LOCAL_REPOSITORY).click()
    city_title = read_page_file(ROOT / "docs" / "ko" / CITY_RELEASE).meta["title"]
    page.get_by_text(city_title).first.wait_for()
    base = page.url.split("#")[0]

    # 1. Edit an existing release: one front-matter field of the Korean version, nothing else.
    page.get_by_text(city_title).first.click()
    field(page, "first", "department").fill("스마트도시과")
    save(page, f"docs/ko/{CITY_RELEASE}", "스마트도시과")

    # 2. A new bilingual release.
    new_release(page, base)
    fill_release(
        page,
        "first",
        title="시험용 보도자료 제목",
        summary="시험용 요약 문단입니다.",
        body="시험용 본문 첫 문단입니다.",
    )
    field(page, "first", "date").fill("2025-03-10")
    field(page, "first", "slug").fill("test-bilingual-release")
    field(page, "first", "translation_key").fill("2025-03-10-test-bilingual-release")
    choose(page, "first", "topics", "smart-city")
    page.locator("#second-pane-header [role=radio][value=en]").click()
    page.get_by_role("button", name=re.compile("영어.? 활성화")).click()
    fill_release(page, "second", title="Test release headline", summary="A test summary.", body="First paragraph.")
    choose(page, "second", "translation", "full")
    screenshot(page, "admin-new-bilingual.png")
    save(page, "docs/en/news/2025/test-bilingual-release.md", "First paragraph.")

    # 3. A Korean-only release: English stays off, and the release says it is published in Korean only.
    new_release(page, base)
    fill_release(
        page, "first", title="한국어로만 낸 시험용 보도자료", summary="한국어 요약입니다.", body="한국어 본문입니다."
    )
    field(page, "first", "date").fill("2025-03-11")
    field(page, "first", "slug").fill("test-korean-only-release")
    field(page, "first", "translation_key").fill("2025-03-11-test-korean-only-release")
    choose(page, "first", "languages", "en")
    save(page, "docs/ko/news/2025/test-korean-only-release.md", "한국어 본문입니다.")

    # 4. A policy page: its Korean description.
    page.goto(base + "#/collections/policy/entries/ai-cloud")
    field(page, "first", "description").fill("시험용 설명입니다.")
    save(page, "docs/ko/policy/ai-cloud.md", "시험용 설명입니다.")

    after = page.evaluate(READ_DIRECTORY)
    changed = {path: text for path, text in after.items() if before.get(path) != text}
    assert sorted(changed) == [
        f"docs/en/{CITY_RELEASE}",
        "docs/en/news/2025/test-bilingual-release.md",
        f"docs/ko/{CITY_RELEASE}",
        "docs/ko/news/2025/test-bilingual-release.md",
        "docs/ko/news/2025/test-korean-only-release.md",
        "docs/ko/policy/ai-cloud.md",
    ]
    policy_before, policy_after = (
        split(before["docs/ko/policy/ai-cloud.md"]),
        split(changed["docs/ko/policy/ai-cloud.md"]),
    )
    assert policy_after.body == policy_before.body
    assert policy_after.meta == {**policy_before.meta, "description": "시험용 설명입니다."}
    # Saving an entry writes both languages: the bodies stay byte for byte, and the front matter says
    # the same (the date may lose its quotes) except for the one field edited.
    for lang in ("ko", "en"):
        path = f"docs/{lang}/{CITY_RELEASE}"
        assert body_of(changed[path]) == body_of(before[path])
        old, new = (ReleaseMeta.from_front_matter(split(text).meta) for text in (before[path], changed[path]))
        assert new.model_dump(exclude={"department"}) == old.model_dump(exclude={"department"})
    assert split(changed[f"docs/ko/{CITY_RELEASE}"]).meta["department"] == "스마트도시과"
    bilingual_ko = split(changed["docs/ko/news/2025/test-bilingual-release.md"]).meta
    bilingual_en = split(changed["docs/en/news/2025/test-bilingual-release.md"]).meta
    assert (bilingual_ko["lang"], bilingual_en["lang"]) == ("ko", "en")
    assert bilingual_ko["translation_key"] == bilingual_en["translation_key"]
    assert bilingual_en["translation"] == "full"
    assert bilingual_ko["topics"] == bilingual_en["topics"] == ["smart-city"]
    korean_only = split(changed["docs/ko/news/2025/test-korean-only-release.md"]).meta
    assert korean_only["languages"] == ["ko"]

    # The saved pages pass `newsroom check` and build with the real site.
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    for path, text in changed.items():
        (project / path).write_text(text, encoding="utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.cli", "check", "--docs", str(project / "docs")],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for linked in ("overrides", "node_modules"):
        (project / linked).symlink_to(ROOT / linked)
    site = tmp_path / "site"
    mkdocs_build(project / "mkdocs.yml", site)
    assert (site / "news" / "2025" / "test-korean-only-release" / "index.html").is_file()
    assert (site / "en" / "news" / "2025" / "test-bilingual-release" / "index.html").is_file()
    assert admin.other_hosts == []
    assert admin.failed == []
    assert admin.csp == []
