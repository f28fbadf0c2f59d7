"""Any front matter gives a finding with the file, the line and what to do; never a traceback."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsroom.model import pages
from newsroom.site.catalogue import PageError, ReleaseError, check_plain_page, load_release, read_release
from newsroom.site.views import unreadable_page

from tests.check.helpers import KO_BODY, check, make_docs, messages, release_meta, write_page

KO_RELEASE = "ko/news/2025/mayor-visits-ai-cloud-firms.md"
GOOD = pages.join(release_meta("ko"), KO_BODY)
EXAMPLES = int(os.environ.get("NEWSROOM_FUZZ_EXAMPLES", "40"))


def _with(line: str) -> tuple[str, int]:
    """The release with ``line`` added after its title; the file line where it sits."""
    lines = GOOD.split("\n")
    at = next(i for i, text in enumerate(lines) if text.startswith("title:")) + 1
    return "\n".join([*lines[:at], line, *lines[at:]]), at + 1


HOSTILE = [
    ("embargo_until: 2025-13-45", "impossible date or time '2025-13-45' (month must be in 1..12)"),
    ("distributed_at: 2025-02-30T25:00:00+09:00", "impossible date or time '2025-02-30T25:00:00+09:00'"),
    ("title: 다른 제목", "the field 'title' is given twice"),
    ("subtitle: &a [x, x, x, x, x, x, x, x]", "YAML anchor or alias (& or *)"),
    ("contacts:\n\t- name: 홍길동", "YAML cannot indent with tabs: use spaces"),
    ("summary: " + "가" * 10_000_000, "front matter line is 10,000,009 characters long (limit 16,384)"),
    ("subtitle: " + "[" * 50 + "]" * 50, "nests lists or fields deeper than 16 levels"),
]


@pytest.mark.parametrize(("line", "expected"), HOSTILE)
def test_hostile_front_matter_is_a_finding_on_its_line(docs: Path, line: str, expected: str) -> None:
    text, number = _with(line)
    write_page(docs / KO_RELEASE, text)
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE)]
    # The finding is on the line that holds the problem (the second one for the tab).
    assert [(f.line, f.severity) for f in found] == [(number + line.count("\n"), "error")], messages(found)
    assert expected in found[0].message and "\n" not in found[0].message
    assert found[0].message.endswith("fix the front matter between the two '---' lines")


@pytest.mark.parametrize("line", [case[0] for case in HOSTILE])
def test_the_site_build_names_the_file_and_line_of_hostile_front_matter(tmp_path: Path, line: str) -> None:
    # What `make build` and `make serve` report: the plugin turns this ReleaseError into a one-line build error.
    text, number = _with(line)
    with pytest.raises(ReleaseError) as raised:
        read_release(KO_RELEASE, text)
    assert str(raised.value).startswith(f"{KO_RELEASE}:{number + line.count(chr(10))}: ")
    assert "\n" not in str(raised.value)
    page = write_page(tmp_path / KO_RELEASE, GOOD)
    page.write_bytes(page.read_bytes().replace("천안시는".encode(), b"\xc3\x28"))
    with pytest.raises(ReleaseError, match=rf"^{KO_RELEASE}:\d+: file is not UTF-8 \(.*\); save it as UTF-8$"):
        load_release(tmp_path, KO_RELEASE)


def test_the_issue_typo_in_the_date_is_a_finding(docs: Path) -> None:
    text = GOOD.replace("date: 2025-02-03", "date: 2025-13-45")
    write_page(docs / KO_RELEASE, text)
    assert messages([f for f in check(docs) if f.path.endswith(KO_RELEASE)]) == [
        f"{(docs / KO_RELEASE).as_posix()}:{text.split(chr(10)).index('date: 2025-13-45') + 1}: error: front matter "
        "holds an impossible date or time '2025-13-45' (month must be in 1..12); write it as a real date, YYYY-MM-DD, "
        "or a time such as 2025-02-03T09:00:00+09:00; fix the front matter between the two '---' lines"
    ]


def test_exponential_aliases_are_refused_at_once(docs: Path) -> None:
    laughs = ["a: &a ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol']"]
    for index in range(1, 12):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        laughs.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    write_page(docs / KO_RELEASE, "---\n" + "\n".join(laughs) + "\n---\n\n본문\n")
    started = time.monotonic()
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE)]
    assert time.monotonic() - started < 30
    assert [(f.line, "anchor or alias" in f.message) for f in found] == [(2, True)]


def test_bare_fence_wrong_types_and_non_utf8_bytes(docs: Path) -> None:
    write_page(docs / "ko/policy/index.md", "---\n")
    write_page(docs / KO_RELEASE, GOOD.replace("topics:", "topics: 3\nx_topics:").replace("lang: ko", "lang: [ko]"))
    english = docs / "en/news/2025/mayor-visits-ai-cloud-firms.md"
    english.write_bytes(english.read_bytes().replace(b"Cheonan City visited", b"Cheonan \xff visited"))
    text = messages(check(docs))
    assert any(
        "ko/policy/index.md:1: error: front matter opened with '---' on line 1 is never closed" in m for m in text
    )
    release = [m for m in text if KO_RELEASE in m]
    assert any("field 'topics'" in m for m in release) and any("field 'lang'" in m for m in release), release
    body_line = (
        english.read_bytes().split(b"\n").index(next(b for b in english.read_bytes().split(b"\n") if b"\xff" in b))
    )
    assert any(
        f"en/news/2025/mayor-visits-ai-cloud-firms.md:{body_line + 1}: error: file is not UTF-8" in m for m in text
    )


# Pieces of front matter a hand, a paste or a broken editor produces.
FRAGMENTS = st.sampled_from(
    [
        "title: 제목",
        "date: 2025-02-03",
        "date: 2025-13-45",
        "date: 2025-02-30",
        "date: 0000-00-00",
        "date: 99999-01-01",
        "embargo_until: 2025-02-03T24:61:00+09:00",
        "distributed_at: 2025-02-03 09:00",
        "lang: ko",
        "lang: [ko, en]",
        "slug: ../../etc",
        "topics:",
        "- ai",
        "  - nested",
        "\t- tab",
        "contacts:",
        "- {role: 담당자, name: 홍길동}",
        "- role: [1, 2]",
        "&a x",
        "*a",
        "b: *a",
        "a: &a [x, x]",
        "? complex key",
        ": no key",
        "---",
        "...",
        "%YAML 1.1",
        "!!python/object:os.system x",
        "title: !!binary aGVsbG8=",
        "summary: |",
        "  block",
        "title: 'unclosed",
        'title: "\\xff"',
        "title: 1e999",
        "date: .inf",
        "languages: null",
        "changes: [{at: 2025-02-03, note: x}]",
        "translation: original",
        "licence: KOGL-9",
        "title: title",
        "",
    ]
)
FRONT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=12).map("\n".join)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELDS = st.sampled_from([*release_meta("ko"), "contacts", "changes", "subtitle", "embargo_until", "source", "x"])
GENERATED = st.dictionaries(FIELDS, VALUES, max_size=8).map(
    lambda meta: yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).rstrip("\n")
)


OUTCOMES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    if OUTCOMES:
        counts = " ".join(f"{key}={value}" for key, value in sorted(OUTCOMES.items()))
        print(f"\nfront matter: examples={sum(OUTCOMES.values())} {counts} tracebacks=0")


@pytest.fixture(scope="module")
def shared_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_docs(tmp_path_factory.mktemp("generated") / "docs")


GOOD_FRONT = GOOD.split("\n---\n")[0].removeprefix("---\n").split("\n")
# A valid release's front matter with one line replaced, added or removed.


def _edit(edit: tuple[int, str, bool]) -> str:
    at, line, replace = edit
    return "\n".join([*GOOD_FRONT[:at], line, *GOOD_FRONT[at + (1 if replace else 0) :]])


EDITED = st.tuples(st.integers(0, len(GOOD_FRONT)), st.one_of(FRAGMENTS, st.text(max_size=30)), st.booleans()).map(
    _edit
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    front=st.one_of(FRONT, GENERATED, EDITED), body=st.sampled_from([KO_BODY, "", "---", "# 제목\n\n" + "가" * 5000])
)
def test_generated_front_matter_never_raises(shared_docs: Path, front: str, body: str) -> None:
    write_page(shared_docs / KO_RELEASE, f"---\n{front}\n---\n\n{body}")
    findings = [f for f in check(shared_docs) if f.path.endswith(KO_RELEASE)]
    for finding in findings:
        assert finding.line >= 1 and finding.message and "\n" not in finding.as_text()
    OUTCOMES["refused" if any(f.severity == "error" for f in findings) else "accepted"] += 1


MARKUP = st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</div><p>", "`x`", "&amp;"])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=st.one_of(FRONT, GENERATED, EDITED), markup=MARKUP)
def test_generated_front_matter_reaches_the_site_as_a_value_or_one_page_error(front: str, markup: str) -> None:
    """What the build and `make serve` do with any front matter: read it, or one PageError whose page is text."""
    text = f"---\n{front}\ntitle: {markup}\n---\n\n# 제목\n"
    readers = {KO_RELEASE: read_release, "ko/about/page.md": check_plain_page}
    for source, read in readers.items():
        try:
            read(source, text)
        except PageError as error:
            assert str(error).startswith(source) and (error.line is None or error.line >= 1)
            page = unreadable_page(error, "ko")
            shown = page.split('<div class="nr-unreadable" role="alert">', 1)[1]
            assert "<script" not in shown and "<img" not in shown and shown.count("<div") == 0


def test_a_key_holding_a_line_break_gives_a_one_line_finding(docs: Path) -> None:
    # Found by make fuzz: the unknown-field message quoted the key with its line break.
    write_page(docs / KO_RELEASE, GOOD.replace("lang: ko", "lang: ko\n? 'source.\n\n  '\n: null", 1))
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE)]
    assert any("unknown field 'source.\n'" in f.message for f in found), messages(found)
    assert all("\n" not in f.as_text() for f in found)
    assert any("unknown field 'source.\\n'" in f.as_text() for f in found)
