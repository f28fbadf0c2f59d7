from __future__ import annotations

from pathlib import Path

import yaml
from newsroom.check.markup import EXTENSIONS, analyse

ROOT = Path(__file__).resolve().parents[2]


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV and !!python tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_checker_renders_with_the_sites_markdown_extensions() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    names = [next(iter(item)) if isinstance(item, dict) else item for item in config["markdown_extensions"]]
    assert sorted(names) == sorted(EXTENSIONS)


def test_korean_heading_anchors_match_the_site_slugify() -> None:
    structure = analyse("# 천안시 스마트도시 정책\n\n## AI·클라우드 행정\n\n## 개요 {#overview}\n", 1)
    assert structure.ids == {"천안시-스마트도시-정책", "ai클라우드-행정", "overview"}
    assert structure.headings == ("천안시 스마트도시 정책", "AI·클라우드 행정", "개요")
