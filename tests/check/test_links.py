from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.check.helpers import check, messages, write_page

KO_POLICY = "ko/policy/index.md"
EN_POLICY = "en/policy/index.md"


def _page(docs: Path, ko: str, en: str) -> None:
    write_page(docs / KO_POLICY, ko)
    write_page(docs / EN_POLICY, en)


def test_links_that_resolve_pass(docs: Path) -> None:
    _page(
        docs,
        "# 정책\n\n## 개요\n\n[홈](../index.md) [개요](#개요) "
        "[보도](../news/2025/mayor-visits-ai-cloud-firms.md#방문-기업) "
        "[연도](../news/2025/) [주제](/news/topics/ai/) [외부](https://www.cheonan.go.kr/) "
        "![지도](../../assets/images/map.svg)\n",
        "# Policy\n\n## Overview\n\n[Home](../index.md) [Overview](#overview) "
        "[News](../news/2025/mayor-visits-ai-cloud-firms.md#firms-visited) [Year](../news/2025/) "
        "[Topic](/en/news/topics/ai/) [Out](https://www.cheonan.go.kr/) ![Map](../../assets/images/map.svg)\n",
    )
    assert messages(check(docs)) == []


def test_missing_page_is_reported_on_its_line(docs: Path) -> None:
    _page(
        docs,
        "# 정책\n\n## 개요\n\n[소개](../about/index.md)\n",
        "# Policy\n\n## Overview\n\n[About](../about/index.md)\n",
    )
    found = [f for f in check(docs) if f.path.endswith(KO_POLICY)]
    assert len(found) == 1 and found[0].line == 5
    assert "'../about/index.md' points to a page that does not exist (ko/about/index.md)" in found[0].message


def test_missing_anchor_on_another_page_and_on_this_page(docs: Path) -> None:
    _page(
        docs,
        "# 정책\n\n## 개요\n\n[a](../news/2025/mayor-visits-ai-cloud-firms.md#없는-제목) [b](#개요-없음)\n",
        "# Policy\n\n## Overview\n\n[a](../news/2025/mayor-visits-ai-cloud-firms.md#firms-visited) [b](#overview)\n",
    )
    found = [f.message for f in check(docs) if f.path.endswith(KO_POLICY)]
    assert len(found) == 2
    assert any("anchor '#없는-제목' is not on" in m and "#방문-기업" in m for m in found), found
    assert any("anchor '#개요-없음' is not on this page" in m for m in found), found


def test_url_style_link_resolved_against_the_page_url(docs: Path) -> None:
    # policy/index.md is served at /policy/, so ../news/2026/ is /news/2026/: no release that year.
    _page(docs, "# 정책\n\n## 개요\n\n[연도](../news/2026/)\n", "# Policy\n\n## Overview\n\n[Year](../news/2025/)\n")
    found = [f.message for f in check(docs) if f.path.endswith(KO_POLICY)]
    assert found == [
        "link '../news/2026/' leads to /news/2026/, which the site does not have; "
        "link to the page's .md file relative to this one, e.g. '../about/index.md'"
    ]


def test_missing_image_file(docs: Path) -> None:
    _page(
        docs,
        "# 정책\n\n## 개요\n\n![지도](../../assets/images/nope.svg)\n",
        "# Policy\n\n## Overview\n\n![Map](../../assets/images/map.svg)\n",
    )
    found = [f.message for f in check(docs) if f.path.endswith(KO_POLICY)]
    assert len(found) == 1 and found[0].startswith("image '../../assets/images/nope.svg' leads to")


def test_image_without_alt_text(docs: Path) -> None:
    _page(
        docs,
        '# 정책\n\n## 개요\n\n![](../../assets/images/map.svg)\n\n<img src="../../assets/images/map.svg" alt=" ">\n',
        "# Policy\n\n## Overview\n\n![Map](../../assets/images/map.svg)\n\n![Map](../../assets/images/map.svg)\n",
    )
    found = [f for f in check(docs) if f.path.endswith(KO_POLICY)]
    assert [(f.line, f.severity) for f in found] == [(5, "error"), (7, "error")]
    assert all("has no alt text" in f.message for f in found)


def test_links_inside_admonitions_are_checked(docs: Path) -> None:
    _page(
        docs,
        '# 정책\n\n## 개요\n\n!!! note "안내"\n    [없음](missing.md)\n',
        '# Policy\n\n## Overview\n\n!!! note "Note"\n    [Home](../index.md)\n',
    )
    found = [f for f in check(docs) if f.path.endswith(KO_POLICY)]
    assert [f.line for f in found] == [6]


EN_FEEDS = (
    "# Policy\n\n## Overview\n\n[Feed](../news/atom.xml) [Topics](../news/topics/) [Topic](../news/topics/cloud/)\n"
)


def test_generated_news_paths_come_from_the_news_feature(docs: Path) -> None:
    _page(
        docs,
        "# 정책\n\n## 개요\n\n[피드](../news/rss.xml) [주제](../news/topics/) [피드](../news/topics/ai/atom.xml)\n",
        EN_FEEDS,
    )
    assert messages(check(docs)) == []
    _page(
        docs,
        "# 정책\n\n## 개요\n\n[피드](../news/rss.xml) [주제](../news/topics/) [없는 주제](../news/topics/welfare/)\n",
        EN_FEEDS,
    )
    found = [f.message for f in check(docs)]
    assert found == [
        "link '../news/topics/welfare/' leads to /news/topics/welfare/, which the site does not have; "
        "link to the page's .md file relative to this one, e.g. '../about/index.md'"
    ]


def test_link_to_an_embargoed_release(docs: Path) -> None:
    embargo = "embargo_until: 2025-02-03T06:00:00+09:00\ndate: "
    for lang in ("ko", "en"):
        release = docs / lang / "news/2025/mayor-visits-ai-cloud-firms.md"
        release.write_text(release.read_text(encoding="utf-8").replace("date: ", embargo, 1), encoding="utf-8")
    _page(
        docs,
        "# 정책\n\n## 개요\n\n[보도](../news/2025/mayor-visits-ai-cloud-firms.md)\n",
        "# Policy\n\n## Overview\n\n[News](../news/2025/mayor-visits-ai-cloud-firms.md)\n",
    )
    errors = [f for f in check(docs) if f.severity == "error"]
    assert len(errors) == 2 and all("still under embargo" in f.message for f in errors)
    after = dt.datetime(2025, 2, 3, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert messages(check(docs, now=after)) == []
