"""Every word the site shows, per language: the news section, the interface around every page, the search box.

Templates show these and hold no wording of their own; Python that writes pages takes its words from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.model.release import ContactRole, Kind, Licence, Translation

LABELS: dict[str, dict[str, str]] = {
    "ko": {
        "unreadable_title": "이 페이지를 표시할 수 없습니다",
        "unreadable_lead": "파일의 머리 정보(front matter)에 고칠 곳이 있습니다. 미리 보기에서만 보이는 안내이며, "
        "게시용 빌드는 같은 오류로 멈춥니다.",
        "unreadable_next": "파일을 고쳐 저장하면 이 페이지가 다시 만들어집니다. 새로 고침하세요.",
        "held_title": "보도 보류: 게시되지 않는 보도자료",
        "held_lead": "보도시점이 시각이 아니라 조건({condition})이어서 사이트에 게시되지 않습니다. 미리 보기에서만 "
        "보이는 안내입니다. 보도시점이 정해지면 embargo_until에 그 시각을 적고 embargo_held를 지우세요.",
        "news": "보도자료",
        "breadcrumb": "현재 경로",
        "home": "홈",
        "year_crumb": "{year}년",
        "news_page": "보도자료 ({number}페이지)",
        "year": "{year}년 보도자료",
        "year_page": "{year}년 보도자료 ({number}페이지)",
        "topic": "주제: {name}",
        "topic_page": "주제: {name} ({number}페이지)",
        "topics": "주제별 보도자료",
        "years": "연도별",
        "by_topic": "주제별",
        "all_news": "전체 보도자료",
        "count": "{count}건",
        "pagination": "보도자료 목록 페이지",
        "page_n": "{number} 페이지",  # spaced: the link's name must hold the shown number as a word (WCAG 2.5.3)
        "newer_page": "더 최근 보도자료",
        "older_page": "더 지난 보도자료",
        "latest_page": "최신",
        "latest_page_name": "최신 보도자료",
        "page_range": "오래된 것부터 센 {number}페이지: {first}부터 {last}까지의 보도자료를 최신순으로 보여 줍니다.",
        "feeds": "구독",
        "atom": "Atom 피드",
        "rss": "RSS 피드",
        "feed_title": "{site} 보도자료",
        "topic_feed_title": "{site} 보도자료: {name}",
        "date": "배포일",
        "department": "담당 부서",
        "contacts": "문의",
        "embargo": "보도 시점: {moment} 이후 보도해 주십시오.",
        "updated": "최종 수정",
        "changes": "수정 내역",
        "topics_of_release": "주제",
        "previous_release": "이전 보도자료",
        "next_release": "다음 보도자료",
        "release_neighbours": "다른 보도자료",
        "other_language": "English version: {title}",
        "not_available": "이 보도자료는 영어로 제공되지 않습니다.",
        "not_available_other": "This release is not available in English.",
        "fallback": "이 보도자료는 한국어로만 제공됩니다.",
        "fallback_link": "원문 보기",
        "latest": "최근 보도자료",
        "more_news": "보도자료 전체 보기",
        "empty": "아직 보도자료가 없습니다.",
        "licence_link": "공공누리 이용 조건 보기",
        "organisation": "천안시",
        "kind": "종류: {name}",
        "kind_page": "종류: {name} ({number}페이지)",
        "by_kind": "종류별",
        "kind_of_release": "종류",
        "updated_mark": "정정",
        "withdrawn_mark": "철회",
        "withdrawn": "이 보도자료는 {date}에 철회되었습니다: {explanation}",
        "withdrawn_feed_title": "[철회] {title}",
        "updated_feed_note": "최종 수정 {moment}: {note}",
        "other_only": "이 목록에 해당하는 보도자료 중 영어로만 제공되는 것: {count}건",
        "other_only_heading": "영어로만 제공되는 보도자료",
        "translation_link": "영어 원문 보기",
        "moved": "이 보도자료는 새 주소로 옮겨졌습니다:",
    },
    "en": {
        "unreadable_title": "This page cannot be shown",
        "unreadable_lead": "Its front matter needs a fix. Only this preview shows this notice; a build for publishing "
        "stops on the same error.",
        "unreadable_next": "Fix the file and save it: this page is built again. Then reload.",
        "held_title": "Held: a release the site does not publish",
        "held_lead": "Its 보도시점 is a condition ({condition}), not a moment, so the site does not publish it. Only "
        "this preview shows it. When the moment is announced, set embargo_until to it and remove embargo_held.",
        "news": "News releases",
        "breadcrumb": "You are here",
        "home": "Home",
        "year_crumb": "{year}",
        "news_page": "News releases (page {number})",
        "year": "News releases from {year}",
        "year_page": "News releases from {year} (page {number})",
        "topic": "Topic: {name}",
        "topic_page": "Topic: {name} (page {number})",
        "topics": "News releases by topic",
        "years": "By year",
        "by_topic": "By topic",
        "all_news": "All news releases",
        "count": "{count}",
        "pagination": "Pages of news releases",
        "page_n": "Page {number}",
        "newer_page": "Newer releases",
        "older_page": "Older releases",
        "latest_page": "Latest",
        "latest_page_name": "Latest releases",
        "page_range": "Page {number}, counted from the oldest: releases from {first} to {last}, newest first.",
        "feeds": "Subscribe",
        "atom": "Atom feed",
        "rss": "RSS feed",
        "feed_title": "{site}: news releases",
        "topic_feed_title": "{site}: news releases on {name}",
        "date": "Date",
        "department": "Department",
        "contacts": "Contacts",
        "embargo": "Embargoed until {moment}.",
        "updated": "Last updated",
        "changes": "Changes",
        "topics_of_release": "Topics",
        "previous_release": "Previous release",
        "next_release": "Next release",
        "release_neighbours": "More releases",
        "other_language": "한국어 보도자료: {title}",
        "not_available": "This release is not available in Korean.",
        "not_available_other": "이 보도자료는 한국어로 제공되지 않습니다.",
        "fallback": "This release is not available in English. It is shown here in Korean.",
        "fallback_link": "Read the original in Korean",
        "latest": "Latest news releases",
        "more_news": "All news releases",
        "empty": "There are no news releases yet.",
        "licence_link": "Terms of the Korea Open Government License",
        "organisation": "Cheonan City",
        "kind": "Kind: {name}",
        "kind_page": "Kind: {name} (page {number})",
        "by_kind": "By kind",
        "kind_of_release": "Kind",
        "updated_mark": "Updated",
        "withdrawn_mark": "Withdrawn",
        "withdrawn": "This release was withdrawn on {date}: {explanation}",
        "withdrawn_feed_title": "Withdrawn: {title}",
        "updated_feed_note": "Last updated {moment}: {note}",
        "other_only": "Releases of this listing published only in Korean: {count}",
        "other_only_heading": "Available only in Korean",
        "translation_link": "Read the Korean original",
        "moved": "This release has moved to a new address:",
    },
}

OTHER_LANGUAGE = {"ko": "en", "en": "ko"}

# korea.kr keeps these kinds apart; the labels are shown on release pages, in listings and in feeds.
KIND_NAMES: dict[str, dict[Kind, str]] = {
    "ko": {
        Kind.RELEASE: "보도자료",
        Kind.EXPLANATION: "보도설명자료/해명자료",
        Kind.REFERENCE: "참고자료",
        Kind.CORRECTION: "정정",
    },
    "en": {
        Kind.RELEASE: "News release",
        Kind.EXPLANATION: "Clarification",
        Kind.REFERENCE: "Background material",
        Kind.CORRECTION: "Correction",
    },
}

# How the text of a translated page came to be, said on the page (keyed by the page's language).
TRANSLATION_NOTICES: dict[str, dict[Translation, str]] = {
    "ko": {
        Translation.MACHINE: "영어 원문을 기계 번역한 글입니다. 원문이 우선합니다.",
        Translation.FULL: "영어 원문을 번역한 글입니다.",
    },
    "en": {
        Translation.MACHINE: "Machine translation of the Korean original, which prevails.",
        Translation.FULL: "Translated from the Korean original.",
    },
}

CONTACT_ROLES: dict[str, dict[ContactRole, str]] = {
    "ko": {ContactRole.LEAD: "책임자", ContactRole.OFFICER: "담당자"},
    "en": {ContactRole.LEAD: "Responsible official", ContactRole.OFFICER: "Contact officer"},
}

LICENCE_NAMES: dict[str, dict[Licence, str]] = {
    "ko": {
        Licence.KOGL_1: "공공누리 제1유형(출처표시)",
        Licence.KOGL_2: "공공누리 제2유형(출처표시, 상업적 이용금지)",
        Licence.KOGL_3: "공공누리 제3유형(출처표시, 변경금지)",
        Licence.KOGL_4: "공공누리 제4유형(출처표시, 상업적 이용금지, 변경금지)",
    },
    "en": {
        Licence.KOGL_1: "KOGL Type 1: Attribution",
        Licence.KOGL_2: "KOGL Type 2: Attribution, non-commercial",
        Licence.KOGL_3: "KOGL Type 3: Attribution, no derivatives",
        Licence.KOGL_4: "KOGL Type 4: Attribution, non-commercial, no derivatives",
    },
}

# The licence texts on the Korea Copyright Commission's KOGL site.
LICENCE_URLS: dict[Licence, str] = {
    Licence.KOGL_1: "https://www.kogl.or.kr/info/licenseType1.do",
    Licence.KOGL_2: "https://www.kogl.or.kr/info/licenseType2.do",
    Licence.KOGL_3: "https://www.kogl.or.kr/info/licenseType3.do",
    Licence.KOGL_4: "https://www.kogl.or.kr/info/licenseType4.do",
}

# KOGL asks reusers to name the author, year and title; the sentence says so with this release's facts.
ATTRIBUTION: dict[str, str] = {
    "ko": (
        "이 보도자료는 천안시가 {year}년 작성하여 {licence} 조건에 따라 개방한 저작물입니다. "
        "이용할 때에는 출처를 밝혀 주십시오: 천안시, 「{title}」, {date}."
    ),
    "en": (
        "This release was written by Cheonan City in {year} and is published under the Korea Open Government "
        "License, {licence}. When you reuse it, please credit the source: Cheonan City, “{title}”, {date}."
    ),
}


def label(lang: str, key: str, **values: object) -> str:
    return LABELS[lang][key].format(**values)


# -- the interface around every page (KRDS masthead, operating-body identifier, fallback notice, 404, footer) --


@dataclass(frozen=True)
class UiText:
    """Interface text the templates display, one instance per language."""

    masthead: str  # KRDS official banner (공식 배너)
    skip_link: str  # KRDS skip link (건너뛰기 링크), first on every page
    operator: str  # KRDS operating-body identifier (운영기관 식별자), last in the footer
    address_label: str
    phone_label: str
    untranslated_notice: str
    untranslated_link: str
    not_found_title: str
    not_found_body: str
    not_found_links_heading: str
    footer_nav_label: str
    footer_note: str


UI_TEXT: dict[str, UiText] = {
    "ko": UiText(
        masthead="이 누리집은 대한민국 공식 전자정부 누리집입니다.",
        # KRDS's skip link component (krds-uiux html/code/skip_link.html); Material's own says "콘텐츠로 이동".
        skip_link="본문 바로가기",
        operator="이 누리집은 천안시 누리집입니다.",
        address_label="주소",
        phone_label="대표전화",
        untranslated_notice="이 문서는 아직 한국어로 번역되지 않았습니다. 아래 내용은 영어 원문입니다.",
        untranslated_link="영어 원문 보기",
        not_found_title="페이지를 찾을 수 없습니다",
        not_found_body=(
            "요청하신 주소의 페이지가 없거나 옮겨졌습니다. 주소를 다시 확인하시거나 아래 링크를 이용해 주십시오."
        ),
        not_found_links_heading="바로 가기",
        footer_nav_label="누리집 정책",
        footer_note=(
            "이 누리집은 쿠키와 방문 통계를 사용하지 않으며, 다른 누리집에서 글꼴이나 스크립트를 불러오지 않습니다."
        ),
    ),
    "en": UiText(
        # KRDS publishes the masthead in Korean only (krds-uiux 1.1.0): a plain English rendering of it.
        masthead="This is an official e-government website of the Republic of Korea.",
        # KRDS publishes no English skip link wording: the common English one (GOV.UK, the EU's design systems).
        skip_link="Skip to main content",
        operator="This is the website of Cheonan City.",
        address_label="Address",
        phone_label="Main phone",
        untranslated_notice=(
            "This page has not been translated into English yet. The text below is the Korean original."
        ),
        untranslated_link="Read the original Korean page",
        not_found_title="Page not found",
        not_found_body=(
            "There is no page at this address, or it has moved. Please check the address or use the links below."
        ),
        not_found_links_heading="Go to",
        footer_nav_label="Site policies",
        footer_note=(
            "This site sets no cookies, collects no visitor statistics and loads no fonts or scripts from other sites."
        ),
    ),
}


def ui_text(language: str) -> UiText:
    return UI_TEXT.get(language, UI_TEXT["en"])


# Words of the search box that Material's own translations do not have.
SEARCH_LABELS: dict[str, dict[str, str]] = {
    "ko": {
        "label": "사이트 검색",
        "results": "검색 결과",
        "more": "결과 더 보기",
        "no_script": "검색에는 자바스크립트가 필요합니다. 보도자료 목록에서 찾아보세요.",
        "news_link": "보도자료 목록",
        "error": "검색 색인을 불러오지 못했습니다. 보도자료 목록에서 찾아보세요.",
        "hint": "검색어를 입력하면 결과가 아래에 나타납니다. 위아래 화살표로 결과를 고릅니다.",
    },
    "en": {
        "label": "Search this site",
        "results": "Search results",
        "more": "Show more results",
        "no_script": "Search needs JavaScript. Browse the news listing instead.",
        "news_link": "News listing",
        "error": "The search index could not be loaded. Browse the news listing instead.",
        "hint": "Results appear below as you type. Use the up and down arrow keys to pick one.",
    },
}


def search_labels(language: str) -> dict[str, str]:
    return SEARCH_LABELS.get(language, SEARCH_LABELS["en"])
