"""Synthetic release archives for benchmarks and scale tests.

Two kinds of text: ``realistic=True`` (the benchmarks) writes bodies from the frequency table in
``benchmarks/vocabulary.json``, learned from real releases by ``benchmarks/vocabulary.py``: words
drawn by their real frequency, sentence and paragraph lengths, block kinds (paragraphs, ※ notes,
numbered headings, lists, tables) and table sizes as real releases have them, and a share of new
compound words (the rare words of real text) so that vocabulary keeps growing with the archive.
No sentence of a real release is copied; the words come out in random order. The default, short
templated text below, is what the tests use.

The text is made from varied sentence templates about city policy so that Markdown, search
and listings see realistic shapes (headings, lists, tables, Korean and English prose), but it
states nothing about the real city: no person names, figures are random and the pages only
ever land in temporary folders. Quotes are attributed to generic roles, never to people.

Usage::

    python benchmarks/synthetic.py OUT_DOCS --n 1000          # adds 2 x 1000 releases to OUT_DOCS
    python benchmarks/synthetic.py OUT_SITE --n 1000 --site    # copy of the project's site + releases

From Python::

    from benchmarks.synthetic import generate, make_site
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import datetime as dt
import functools
import itertools
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT / "scripts"))

from newsroom.commands.preview import relocated_config  # noqa: E402
from newsroom.model.pages import body_hash, join  # noqa: E402
from newsroom.model.release import KST, TOPICS, Contact, ContactRole, Lang, ReleaseMeta, Translation  # noqa: E402

VOCABULARY = Path(__file__).with_name("vocabulary.json")
# Share of words in a realistic body that repeat one already used in the same release (tuned with
# benchmarks/bench_realism.py so that distinct words per release match real releases).
# English is learned from one release only, whose once-seen words overstate how many are new.
REPEAT_SHARE = {"ko": 0.2, "en": 0.35}
FIRST_YEAR = 2019
LAST_YEAR = 2026

# Per topic: Korean and English nouns that the templates slot in, and slug words.
_SUBJECTS: dict[str, list[tuple[str, str, str]]] = {
    "smart-city": [
        ("스마트 교차로", "smart intersections", "smart-intersections"),
        ("도시 데이터 플랫폼", "the urban data platform", "urban-data-platform"),
        ("스마트 가로등", "smart street lights", "smart-street-lights"),
        ("통합 관제센터", "the integrated control centre", "control-centre"),
    ],
    "ai": [
        ("AI 민원 상담", "AI-assisted civil petitions", "ai-petitions"),
        ("AI 영상 분석", "AI video analysis", "ai-video-analysis"),
        ("AI 교육 과정", "an AI training course", "ai-training-course"),
    ],
    "cloud": [
        ("공공 클라우드 전환", "the public cloud migration", "cloud-migration"),
        ("클라우드 기반 행정 시스템", "cloud-based administrative systems", "cloud-admin-systems"),
        ("데이터센터 이중화", "data centre redundancy", "data-centre-redundancy"),
    ],
    "partnerships": [
        ("지역 기업 협력", "cooperation with local firms", "local-firm-cooperation"),
        ("업무 협약", "a memorandum of understanding", "memorandum"),
        ("산학 협력 사업", "an industry-university programme", "industry-university-programme"),
    ],
    "digital-government": [
        ("온라인 민원 서비스", "online civil services", "online-civil-services"),
        ("모바일 전자증명서", "mobile e-certificates", "mobile-e-certificates"),
        ("행정 정보 공개", "open administrative data", "open-administrative-data"),
    ],
    "economy": [
        ("청년 창업 지원", "support for young founders", "young-founders-support"),
        ("전통시장 디지털 전환", "digital traditional markets", "digital-markets"),
        ("지역 일자리 사업", "local job programmes", "local-jobs"),
    ],
    "education": [
        ("디지털 역량 교육", "digital skills classes", "digital-skills-classes"),
        ("코딩 교실", "coding classes", "coding-classes"),
        ("평생학습 프로그램", "lifelong learning programmes", "lifelong-learning"),
    ],
    "transport": [
        ("수요응답형 버스", "demand-responsive buses", "demand-responsive-buses"),
        ("스마트 주차", "smart parking", "smart-parking"),
        ("공유 자전거", "shared bicycles", "shared-bicycles"),
    ],
    "environment": [
        ("미세먼지 측정망", "the fine-dust sensor network", "fine-dust-sensors"),
        ("탄소중립 실천", "carbon-neutral practice", "carbon-neutral-practice"),
        ("도시 숲 조성", "urban forests", "urban-forests"),
    ],
    "welfare": [
        ("독거 어르신 돌봄", "care for older people living alone", "elderly-care"),
        ("스마트 경로당", "smart senior centres", "smart-senior-centres"),
        ("긴급 복지 지원", "emergency welfare support", "emergency-welfare"),
    ],
    "culture": [
        ("디지털 도서관", "the digital library", "digital-library"),
        ("지역 축제", "the local festival", "local-festival"),
        ("문화 예술 교육", "arts education", "arts-education"),
    ],
    "safety": [
        ("지능형 CCTV", "intelligent CCTV", "intelligent-cctv"),
        ("재난 안전 알림", "disaster alerts", "disaster-alerts"),
        ("어린이 보호구역", "school safety zones", "school-safety-zones"),
    ],
}

# Titles: (Korean, English, slug verb). {s} is the subject.
_TITLES: list[tuple[str, str, str]] = [
    ("천안시, {s} 본격 추진", "Cheonan moves ahead with {s}", "moves-ahead-with"),
    ("천안시, {s} 확대 운영", "Cheonan expands {s}", "expands"),
    ("천안시, {s} 시범 사업 착수", "Cheonan starts a pilot of {s}", "pilots"),
    ("천안시, {s} 성과 공유회 개최", "Cheonan shares results of {s}", "shares-results-of"),
    ("천안시, {s} 참여자 모집", "Cheonan invites residents to join {s}", "invites-residents-to"),
    ("천안시, {s} 개선 계획 발표", "Cheonan announces plans to improve {s}", "plans-to-improve"),
    ("천안시, {s} 우수 사례 선정", "{s} in Cheonan chosen as good practice", "good-practice"),
]

_SUBTITLES_KO = [
    "시민 편의 높이고 행정 효율 개선 기대",
    "{y}년까지 단계적으로 확대 예정",
    "관계 기관과 협력해 현장 의견 반영",
    "시민 누구나 참여할 수 있도록 안내",
]
_SUBTITLES_EN = [
    "Residents should find services easier to use and administration more efficient",
    "The programme will be extended in stages until {y}",
    "Related agencies will work together and reflect views from the field",
    "Every resident is welcome to take part",
]

_PARAS_KO = [
    "천안시는 {s_eul} 통해 시민 생활의 불편을 줄이고 도시 문제를 데이터로 해결하겠다고 {d}일 밝혔다.",
    "이번 사업은 총 {n}억 원 규모로 추진되며, 시는 {m}개 읍면동을 대상으로 우선 적용할 계획이다.",
    "시는 지난해 실시한 시민 설문에서 응답자의 {p}%가 {s}의 필요성에 공감한 결과를 반영했다.",
    "담당 부서는 관련 기관, 지역 기업과 협의체를 구성해 운영 과정에서 나오는 의견을 정기적으로 점검한다.",
    "또한 시는 {s_gwa} 관련한 개인정보 보호 대책을 마련하고, 수집한 데이터는 목적 외로 쓰지 않기로 했다.",
    "사업 대상 지역 주민들은 {m}월부터 안내 문자와 누리집을 통해 세부 일정을 확인할 수 있다.",
    "시는 사업 효과를 분석한 뒤 결과를 공개하고, 성과가 확인되면 다른 지역으로 확대할 방침이다.",
    "아울러 디지털 기기 사용이 익숙하지 않은 시민을 위해 행정복지센터에서 대면 안내도 병행한다.",
]
_PARAS_EN = [
    "Cheonan City said on {day} that {s} would ease everyday inconvenience and help solve urban problems with data.",
    "The project has a budget of {n} hundred million won and will first cover {m} neighbourhoods.",
    "In a survey last year, {p}% of respondents agreed that {s} was needed, and the city took that into account.",
    "The department in charge will form a council with related agencies and local firms and review feedback regularly.",
    "The city has also prepared privacy safeguards for {s}, and data collected will not be used for other purposes.",
    "Residents of the areas covered can check the detailed schedule by text message and on the city website"
    " from month {m}.",
    "After analysing the effects, the city will publish the results and extend the scheme if it proves successful.",
    "For residents less used to digital devices, community service centres will also offer help in person.",
]
_QUOTES_KO = [
    "시 관계자는 “{s_eun} 시민이 체감하는 변화를 만드는 데 초점을 맞췄다”며"
    " “현장의 목소리를 꾸준히 반영하겠다”고 말했다.",
    "담당 부서장은 “관계 기관과 긴밀히 협력해 사업이 차질 없이 진행되도록 하겠다”고 밝혔다.",
]
_QUOTES_EN = [
    "“{s} is about changes that residents can feel,” a city official said."
    " “We will keep listening to people on the ground.”",
    "“We will work closely with related agencies so that the project runs smoothly,” the head of the department said.",
]
_DEPARTMENTS = [
    ("스마트도시과", "Smart City Division"),
    ("정보통신과", "Information and Communications Division"),
    ("기획예산과", "Planning and Budget Division"),
    ("일자리경제과", "Jobs and Economy Division"),
]


@dataclass(frozen=True)
class _Draft:
    index: int
    topics: list[str]
    subject: tuple[str, str, str]
    title: tuple[str, str, str]
    date: dt.date
    numbers: dict[str, int]
    paragraphs: list[int]
    quote: int
    subtitles: list[int]
    department: int
    with_table: bool
    with_list: bool


def _random_date(rng: random.Random, latest: dt.date) -> dt.date:
    first = dt.date(FIRST_YEAR, 1, 1)
    last = min(dt.date(LAST_YEAR, 12, 31), latest)
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _draft(rng: random.Random, index: int, latest: dt.date) -> _Draft:
    topic_ids = list(TOPICS)
    main = topic_ids[index % len(topic_ids)]
    extra = rng.sample([t for t in topic_ids if t != main], k=rng.choice((0, 0, 1, 2)))
    # The lead paragraph first, as in a real release; the rest in a random subset.
    paragraphs = [0, *sorted(rng.sample(range(1, len(_PARAS_KO)), k=rng.randint(3, len(_PARAS_KO) - 1)))]
    return _Draft(
        index=index,
        topics=[main, *extra],
        subject=rng.choice(_SUBJECTS[main]),
        title=rng.choice(_TITLES),
        date=_random_date(rng, latest),
        numbers={"n": rng.randint(2, 90), "m": rng.randint(2, 12), "p": rng.randint(55, 92)},
        paragraphs=paragraphs,
        quote=rng.randrange(len(_QUOTES_KO)),
        subtitles=rng.sample(range(len(_SUBTITLES_KO)), k=rng.randint(1, 2)),
        department=rng.randrange(len(_DEPARTMENTS)),
        with_table=rng.random() < 0.3,
        with_list=rng.random() < 0.5,
    )


def _particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """Attach the Korean particle form that the word's last syllable calls for (은/는, 을/를, 과/와)."""
    last = word[-1]
    has_final = "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 != 0
    return word + (after_consonant if has_final else after_vowel)


def _capitalised(sentence: str) -> str:
    opening = 1 if sentence.startswith("“") else 0
    return sentence[:opening] + sentence[opening].upper() + sentence[opening + 1 :]


def _slug(draft: _Draft) -> str:
    # The index keeps slugs unique however many releases share a title pattern.
    return f"{draft.title[2]}-{draft.subject[2]}-{draft.index:05d}"


def _body(draft: _Draft, lang: Lang) -> str:
    ko = lang == "ko"
    subject = draft.subject[0] if ko else draft.subject[1]
    values = {
        **draft.numbers,
        "s": subject,
        "s_eun": _particle(subject, "은", "는"),
        "s_eul": _particle(subject, "을", "를"),
        "s_gwa": _particle(subject, "과", "와"),
        "d": draft.date.day,
        "day": f"{draft.date.day} {draft.date:%B}",
        "y": draft.date.year + 2,
    }
    paras = _PARAS_KO if ko else _PARAS_EN
    blocks = [_capitalised(paras[i].format(**values)) for i in draft.paragraphs]
    quote = _capitalised((_QUOTES_KO if ko else _QUOTES_EN)[draft.quote].format(**values))
    blocks.insert(min(3, len(blocks)), quote)
    if draft.with_list:
        heading = "## 주요 내용" if ko else "## Main points"
        items = [f"- {paras[i].format(**values).split('.')[0]}" for i in draft.paragraphs[:3]]
        blocks.append("\n".join([heading, "", *items]))
    if draft.with_table:
        head = "| 구분 | 내용 |\n| --- | --- |" if ko else "| Item | Detail |\n| --- | --- |"
        rows = (
            [f"| 대상 | {draft.numbers['m']}개 읍면동 |", f"| 사업비 | {draft.numbers['n']}억 원 |"]
            if ko
            else [
                f"| Coverage | {draft.numbers['m']} neighbourhoods |",
                f"| Budget | {draft.numbers['n']} hundred million won |",
            ]
        )
        blocks.append("\n".join([head, *rows]))
    return "\n\n".join(blocks)


@dataclass(frozen=True)
class _Table:
    """One language's part of vocabulary.json, ready for sampling."""

    words: list[str]
    cumulative: list[int]
    rare_share: float
    histograms: dict[str, tuple[list[int], list[int]]]  # name → (values, cumulative counts)
    kinds: tuple[list[str], list[int]]


@functools.cache
def _table(lang: str) -> _Table:
    part = json.loads(VOCABULARY.read_text(encoding="utf-8"))[lang]
    words = [word for word, _ in part["words"]]
    histograms = {}
    names = ("sentence_words", "paragraph_sentences", "blocks_per_release", "table_rows", "table_cols", "cell_words")
    for name in names:
        values = [int(value) for value, _ in part[name]]
        histograms[name] = (values, list(itertools.accumulate(count for _, count in part[name])))
    kinds = list(part["kinds"])
    return _Table(
        words=words,
        cumulative=list(itertools.accumulate(count for _, count in part["words"])),
        rare_share=float(part["rare_share"]),
        histograms=histograms,
        kinds=(kinds, list(itertools.accumulate(part["kinds"][kind] for kind in kinds))),
    )


def _draw(rng: random.Random, values: list, cumulative: list[int]) -> object:  # type: ignore[type-arg]
    return values[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]


def _words(rng: random.Random, table: _Table, n: int, lang: Lang, used: list[str]) -> list[str]:
    """n words by their real frequency, with the repeats and rare words of real text.

    A real release keeps coming back to its own subject: a share of words repeats one already used
    in this release (``used``). The rare share becomes new words, spliced from two known ones at a
    random letter so that they are as long as real words.
    """
    drawn = rng.choices(table.words, cum_weights=table.cumulative, k=2 * n)
    # One random number decides each word (millions are drawn for a large archive): repeat, splice or keep.
    repeat = REPEAT_SHARE[lang] if used else 0.0
    splice = repeat + (1 - repeat) * table.rare_share
    draw = rng.random
    out = []
    for i in range(n):
        chance = draw()
        if chance < repeat:
            word = used[int(draw() * len(used))]
        elif chance < splice:
            first, second = drawn[2 * i], drawn[2 * i + 1]
            word = first[: 1 + int(draw() * len(first))] + second[int(draw() * (len(second) // 2 + 1)) :]
        else:
            word = drawn[2 * i]
        out.append(word)
    used.extend(out)
    return out


def _sentence(rng: random.Random, table: _Table, lang: Lang, used: list[str], length: int | None = None) -> str:
    n = length or int(_draw(rng, *table.histograms["sentence_words"]))  # type: ignore[call-overload]
    words = _words(rng, table, max(n, 1), lang, used)
    text = " ".join(words).rstrip(".,")
    return (text[0].upper() + text[1:] if lang == "en" else text) + "."


def _cell(rng: random.Random, table: _Table, lang: Lang, used: list[str]) -> str:
    n = int(_draw(rng, *table.histograms["cell_words"]))  # type: ignore[call-overload]
    return " ".join(_words(rng, table, n, lang, used)) if n else ""


def _realistic_body(rng: random.Random, lang: Lang) -> str:
    table = _table(lang)
    blocks: list[str] = []
    used: list[str] = []
    for _ in range(max(2, int(_draw(rng, *table.histograms["blocks_per_release"])))):  # type: ignore[call-overload]
        kind = _draw(rng, *table.kinds)
        if kind == "paragraph" or not blocks:
            count = int(_draw(rng, *table.histograms["paragraph_sentences"]))  # type: ignore[call-overload]
            blocks.append(" ".join(_sentence(rng, table, lang, used) for _ in range(max(count, 1))))
        elif kind == "heading":
            lines = [_sentence(rng, table, lang, used, rng.randint(2, 8))[:-1] for _ in range(rng.randint(1, 3))]
            blocks.append(f"{'①②③④⑤⑥⑦⑧⑨'[rng.randrange(9)]} " + "\\\n".join(lines))
        elif kind == "note":
            blocks.append(f"※ {_sentence(rng, table, lang, used)}\n{{: .news-note }}")
        elif kind == "list":
            blocks.append("\n".join(f"- {_sentence(rng, table, lang, used)}" for _ in range(rng.randint(2, 4))))
        else:
            rows = max(2, int(_draw(rng, *table.histograms["table_rows"])))  # type: ignore[call-overload]
            cols = max(2, int(_draw(rng, *table.histograms["table_cols"])))  # type: ignore[call-overload]
            cells = [[_cell(rng, table, lang, used) for _ in range(cols)] for _ in range(rows)]
            lines = [f"| {' | '.join(row)} |" for row in cells]
            lines.insert(1, "|" + " --- |" * cols)
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _meta(
    draft: _Draft, lang: Lang, languages: list[Lang], body: str, embargo: dt.datetime | None, counterpart_body: str
) -> ReleaseMeta:
    ko = lang == "ko"
    subject = draft.subject[0] if ko else draft.subject[1]
    title = (draft.title[0] if ko else draft.title[1]).format(s=subject)
    title = title[0].upper() + title[1:]
    subtitle_src = _SUBTITLES_KO if ko else _SUBTITLES_EN
    subtitles = [subtitle_src[i].format(y=draft.date.year + 2) for i in draft.subtitles]
    distributed = dt.datetime.combine(draft.date, dt.time(9, 0), tzinfo=KST)
    original: Lang = "ko" if "ko" in languages else "en"
    return ReleaseMeta(
        title=title,
        subtitle=subtitles,
        date=draft.date,
        distributed_at=distributed,
        embargo_until=embargo,
        department=_DEPARTMENTS[draft.department][0 if ko else 1],
        contacts=[Contact(role=ContactRole.OFFICER)],
        topics=draft.topics,
        summary=body.split("\n\n")[0],
        lang=lang,
        slug=_slug(draft),
        translation_key=f"synthetic-{draft.date.isoformat()}-{draft.index:05d}",
        translation=Translation.ORIGINAL if lang == original else Translation.MACHINE,
        languages=languages,
        body_sha256=body_hash(body),
        translated_from_sha256=body_hash(counterpart_body) if lang != original else None,
    )


def _write(docs_dir: Path, meta: ReleaseMeta, body: str) -> None:
    path = docs_dir / meta.lang / "news" / str(meta.date.year) / f"{meta.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(join(meta.to_front_matter(), body), encoding="utf-8")


def generate(
    docs_dir: Path,
    n_per_lang: int,
    *,
    seed: int = 0,
    ko_only: int = 0,
    en_only: int = 0,
    embargoed: int = 0,
    now: dt.datetime | None = None,
    realistic: bool = False,
) -> list[ReleaseMeta]:
    """Write synthetic releases under ``docs_dir/<lang>/news/<year>/<slug>.md``; return their metadata.

    ``n_per_lang`` releases are published in both languages (a ko/en pair sharing slug and
    translation_key); on top of those, ``ko_only`` and ``en_only`` exist in one language, and the
    last ``embargoed`` pairs carry an embargo that lifts after ``now``. Same seed, same bytes.
    ``realistic`` writes bodies from the real releases' frequency table instead of the templates.
    """
    now = now or dt.datetime.now(KST)
    rng = random.Random(seed)
    metas: list[ReleaseMeta] = []
    total = n_per_lang + ko_only + en_only
    for index in range(total):
        draft = _draft(rng, index, latest=now.date())
        if index < n_per_lang:
            languages: list[Lang] = ["ko", "en"]
        elif index < n_per_lang + ko_only:
            languages = ["ko"]
        else:
            languages = ["en"]
        embargo = None
        if n_per_lang - embargoed <= index < n_per_lang:
            embargo = (now + dt.timedelta(days=1 + index % 5)).astimezone(KST).replace(microsecond=0)
            draft = dataclasses.replace(draft, date=embargo.date())
        if realistic:
            # The lead paragraph stays templated (listings and feeds show it); the rest reads like a real release.
            bodies = {
                lang: _body(
                    dataclasses.replace(draft, paragraphs=draft.paragraphs[:1], with_list=False, with_table=False), lang
                )
                + "\n\n"
                + _realistic_body(rng, lang)
                for lang in ("ko", "en")
            }
        else:
            bodies = {lang: _body(draft, lang) for lang in ("ko", "en")}
        for lang in languages:
            other: Lang = "en" if lang == "ko" else "ko"
            meta = _meta(draft, lang, languages, bodies[lang], embargo, bodies[other])
            # Round-trip through the schema, as the site will read it.
            ReleaseMeta.from_front_matter(meta.to_front_matter())
            _write(docs_dir, meta, bodies[lang])
            metas.append(meta)
    return metas


def make_site(
    dest: Path,
    n_per_lang: int,
    *,
    config: Path = ROOT / "mkdocs.yml",
    docs: Path = ROOT / "docs",
    **options: object,
) -> Path:
    """Copy ``docs`` to ``dest/docs``, add synthetic releases, write ``dest/mkdocs.yml``; return that config.

    The config is the project's own text with ``docs_dir`` pointing at the copy and relative
    ``custom_dir``/``hooks`` paths made absolute, so every feature of the real site stays on.
    """
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(docs, dest / "docs", dirs_exist_ok=True)
    generate(dest / "docs", n_per_lang, **options)  # type: ignore[arg-type]
    return relocated_config(config, dest / "docs", dest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="docs folder to add releases to (or, with --site, a new site folder)")
    parser.add_argument("--n", type=int, default=1000, help="releases per language (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ko-only", type=int, default=0)
    parser.add_argument("--en-only", type=int, default=0)
    parser.add_argument("--embargoed", type=int, default=0)
    parser.add_argument("--site", action="store_true", help="copy the project's docs/ and mkdocs.yml first")
    parser.add_argument("--realistic", action="store_true", help="bodies from benchmarks/vocabulary.json")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    if out == ROOT / "docs" or ROOT / "docs" in out.parents:
        parser.error("refusing to write synthetic releases into the project's own docs/: pick a temporary folder")
    options = {
        "seed": args.seed,
        "ko_only": args.ko_only,
        "en_only": args.en_only,
        "embargoed": args.embargoed,
        "realistic": args.realistic,
    }
    if args.site:
        config = make_site(out, args.n, **options)
        print(f"site config: {config}")
    else:
        metas = generate(out, args.n, **options)
        print(f"wrote {len(metas)} pages under {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
