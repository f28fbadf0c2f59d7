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


def test_each_link_gets_the_line_it_is_written_on() -> None:
    body = "\n".join(
        [
            "첫 줄 [정책](policy.md) 그리고 [소개](about.md)",  # line 10
            "",
            "[정책](policy.md) 다시, [참고][ref]",  # line 12: the same target again, then a reference link
            "",
            " ".join(f"[{n}](p{n}.md)" for n in range(300)) + " [정책](policy.md)",  # line 14
            "",
            "[ref]: reference.md",  # line 16
        ]
    )
    links = [(link.href, link.line) for link in analyse(body, 10).links]
    assert links[:4] == [("policy.md", 10), ("about.md", 10), ("policy.md", 12), ("reference.md", 16)]
    assert links[4:] == [(f"p{n}.md", 14) for n in range(300)] + [("policy.md", 14)]
