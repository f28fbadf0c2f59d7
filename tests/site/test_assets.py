"""Only what pages use is published: every file under assets/ is reached from some page.

References are followed as a browser (and its developer tools) would: src and href attributes of the
pages, url(…) in stylesheets, and sourceMappingURL comments of scripts and stylesheets.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

ASSETS = "assets"
# Quoted or not: published pages are minified (newsroom.site.minify), which drops quotes a value does not need.
_ATTRIBUTE = re.compile(r"""\s(?:src|href)=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
_SOURCE_MAP = re.compile(r"[#@]\s*sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", re.MULTILINE)


def _target(site: Path, referrer: Path, reference: str) -> Path | None:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path or reference.startswith("data:"):
        return None
    base = site if parts.path.startswith("/") else referrer.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def references(site: Path, file: Path) -> set[Path]:
    text = file.read_text(encoding="utf-8", errors="replace")
    found: list[str] = []
    if file.suffix == ".html":
        found += [double or single or bare for double, single, bare in _ATTRIBUTE.findall(text)]
    if file.suffix == ".css":
        found += _CSS_URL.findall(text)
    if file.suffix in (".css", ".js"):
        found += _SOURCE_MAP.findall(text)
    return {target for reference in found if (target := _target(site, file, reference)) is not None}


def reachable(site: Path) -> set[Path]:
    todo = [page.resolve() for page in site.rglob("*.html")]
    seen = set(todo)
    while todo:
        for target in references(site, todo.pop()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_every_published_asset_is_used_by_a_page(built_site: Path) -> None:
    used = reachable(built_site)
    published = {path.resolve() for path in (built_site / ASSETS).rglob("*") if path.is_file()}
    unused = sorted(path.relative_to(built_site.resolve()).as_posix() for path in published - used)
    assert unused == []


def test_materials_search_assets_are_not_published(built_site: Path) -> None:
    # Material search is off; its lunr files and worker are about 1 MB that no page loads.
    assert not list(built_site.glob("assets/javascripts/lunr/*"))
    assert not list(built_site.glob("assets/javascripts/workers/*"))


def test_an_unreferenced_asset_is_found(tmp_path: Path) -> None:
    (tmp_path / ASSETS).mkdir()
    css = "a { background: url('img.svg') }\n/*# sourceMappingURL=used.css.map */"
    (tmp_path / ASSETS / "used.css").write_text(css)
    for name in ("img.svg", "used.css.map", "stray.js"):
        (tmp_path / ASSETS / name).write_text("x")
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="assets/used.css">')
    used = reachable(tmp_path)
    assert {path.name for path in used} >= {"used.css", "img.svg", "used.css.map"}
    assert (tmp_path / ASSETS / "stray.js").resolve() not in used
