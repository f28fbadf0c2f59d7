"""The web editor's configuration (Sveltia CMS at /admin/), generated from the release schema.

``model.ReleaseMeta`` decides the fields, their order, their types and which are required; this
module only adds what a form needs on top (a label and a hint in Korean from the message
catalogue, and whether a field is written once for both languages or per language). The build
writes the result to ``/admin/config.yml`` (``editor/admin_page.py``) and ``newsroom cms-config``
prints it, so the form and the schema cannot drift: a new model field without a line in ``FIELD_UI``
stops the build.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from newsroom.messages import N_, gettext_in
from newsroom.model import pages
from newsroom.model.release import DEFAULT_LANG, LANGUAGES, TOPICS, ContactRole, PageMeta, ReleaseMeta, slug_pattern

# The release date is a day in Seoul; times are entered and stored with +09:00.
TIMEZONE = "Asia/Seoul"
DATE_FORMAT = "YYYY-MM-DD"
DATETIME_FORMAT = "YYYY-MM-DDTHH:mm:ssZ"
# Sveltia's multiple_folders structure puts the locale right after the folder: docs/<lang>/news/<year>/<slug>.md.
NEWS_PATH = "news/{{fields.date | date('YYYY')}}/{{slug}}"

I18n = Literal["translate", "duplicate"]


class CmsConfigError(RuntimeError):
    """The schema has a field the editor does not know how to show."""


@dataclass(frozen=True)
class FieldUi:
    label: str
    hint: str = ""
    # "duplicate": one value for both languages (date, topics…); "translate": each language its own.
    i18n: I18n = "translate"
    widget: str | None = None  # overrides the widget the type gives (e.g. "text" for a paragraph)
    hidden: bool = False  # kept as it is on save, never shown (hashes the converter and check maintain)


FIELD_UI: dict[str, FieldUi] = {
    "title": FieldUi(N_("Headline"), N_("The release's headline, plain text.")),
    "subtitle": FieldUi(N_("Subtitles"), N_("Lines under the headline, one per item.")),
    "date": FieldUi(N_("Release date"), N_("The day the release is dated (KST)."), "duplicate"),
    "distributed_at": FieldUi(
        N_("Distributed at"),
        N_("When the release was distributed (배포), in Korea Standard Time (+09:00)."),
        "duplicate",
    ),
    "embargo_until": FieldUi(
        N_("Embargo until"),
        N_("When it may be reported (보도시점), in Korea Standard Time (+09:00). Until then it stays off the site."),
        "duplicate",
    ),
    "embargo_held": FieldUi(
        N_("Held until a moment is set"),
        N_(
            "The 보도시점 as the release words a condition (e.g. 국회 본회의 통과 시). While this is filled "
            "the release never appears on the site: when the moment is announced, "
            "enter it in 'Embargo until' and empty this."
        ),
        "duplicate",
    ),
    "department": FieldUi(N_("Department"), N_("The issuing department.")),
    "contacts": FieldUi(N_("Contacts"), N_("People to contact about this release.")),
    "topics": FieldUi(N_("Topics"), N_("One or more topics; each has its own listing and feed."), "duplicate"),
    "summary": FieldUi(N_("Summary"), N_("Lead paragraph for listings, feeds and search results."), widget="text"),
    "lang": FieldUi(N_("Language"), "", hidden=True),
    "slug": FieldUi(
        N_("Page name (slug)"),
        N_("Lowercase English words joined by hyphens, e.g. mayor-visits-cloud-firms. Shared by both languages."),
        "duplicate",
    ),
    "translation_key": FieldUi(
        N_("Translation key"),
        N_("Links the language versions of one release: the date and the page name, e.g. 2025-02-03-mayor-visits."),
        "duplicate",
    ),
    "translation": FieldUi(
        N_("How this language version was made"), N_("original, full (human) translation or machine translation.")
    ),
    "kind": FieldUi(N_("Kind of release"), "", "duplicate"),
    "languages": FieldUi(
        N_("Published in"),
        N_("Languages this release is published in; leave English out for a Korean-only release."),
        "duplicate",
    ),
    "source": FieldUi(N_("Source file"), N_("The file this release was converted from (filled by the converter).")),
    "licence": FieldUi(N_("Licence (KOGL type)"), "", "duplicate"),
    "changes": FieldUi(N_("Corrections"), N_("A note for every correction after publication; never delete one.")),
    "date_source": FieldUi(
        N_("Where the date came from"), N_("Filled by the converter when the header gave no date."), "duplicate"
    ),
    "withdrawn": FieldUi(
        N_("Withdrawal"),
        N_("Only to withdraw a published release: when and why. It stays at its address with this notice."),
    ),
    "redirect_from": FieldUi(
        N_("Former addresses"),
        N_("Addresses this release had before its date or page name changed, e.g. news/2025/old-name/."),
        "duplicate",
    ),
    "body_sha256": FieldUi(N_("Body hash"), hidden=True),
    "translated_from_sha256": FieldUi(N_("Original's body hash"), hidden=True),
}

NESTED_LABELS: dict[str, str] = {
    "role": N_("Role"),
    "name": N_("Name"),
    "rank": N_("Rank"),
    "phone": N_("Phone"),
    "organisation": N_("Organisation"),
    "file": N_("File"),
    "sha256": N_("SHA-256"),
    "at": N_("Corrected at"),
    "note": N_("Note"),
    "email": N_("E-mail"),
    "explanation": N_("Explanation"),
    # A name that means something else in another model is looked up as "<Model>.<name>" first.
    "Withdrawal.at": N_("Withdrawn at"),
}

ENUM_LABELS: dict[str, str] = {
    "ko": N_("Korean"),
    "en": N_("English"),
    "original": N_("Original"),
    "full": N_("Full human translation"),
    "machine": N_("Machine translation"),
    "release": N_("News release (보도자료)"),
    "explanation": N_("Explanatory release (보도설명자료)"),
    "reference": N_("Reference material (참고자료)"),
    "correction": N_("Correction (정정보도자료)"),
    "notice": N_("Embargo notice"),
    "metadata": N_("Date field (Date, 등록일)"),
    "reprint": N_("Reprint's date line (기사입력)"),
    "cover": N_("Cover page date"),
    "KOGL-1": N_("KOGL Type 1: attribution"),
    "KOGL-2": N_("KOGL Type 2: attribution, non-commercial"),
    "KOGL-3": N_("KOGL Type 3: attribution, no derivatives"),
    "KOGL-4": N_("KOGL Type 4: attribution, non-commercial, no derivatives"),
}


def _ko(message: str) -> str:
    return gettext_in(DEFAULT_LANG, message)


def _unwrap_optional(annotation: Any) -> Any:
    """``X | None`` → ``X``; anything else unchanged."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def _options(values: list[str]) -> list[dict[str, str]]:
    return [{"label": _ko(ENUM_LABELS.get(v, v)), "value": v} for v in values]


def _widget_for(name: str, annotation: Any) -> dict[str, Any]:
    """The widget options a field's type asks for (nested models recurse)."""
    annotation = _unwrap_optional(annotation)
    origin = typing.get_origin(annotation)
    if name == "topics":
        return {
            "widget": "select",
            "multiple": True,
            "options": [{"label": t[DEFAULT_LANG], "value": k} for k, t in TOPICS.items()],
            # Checkboxes, not a dropdown: a press officer sees every topic at once.
            "dropdown_threshold": len(TOPICS),
        }
    if origin is list:
        (item,) = typing.get_args(annotation)
        if typing.get_origin(item) is Literal:
            values = [str(v) for v in typing.get_args(item)]
            return {"widget": "select", "multiple": True, "min": 1, "options": _options(values)}
        if isinstance(item, type) and issubclass(item, BaseModel):
            return {"widget": "list", "fields": _model_fields(item)}
        if item is str:
            return {"widget": "list", "field": {"name": "line", "label": _ko(FIELD_UI[name].label), "widget": "string"}}
    if annotation is dt.date:
        return {"widget": "datetime", "format": DATE_FORMAT, "time_format": False, "input_timezone": TIMEZONE}
    if annotation is dt.datetime:
        return {"widget": "datetime", "format": DATETIME_FORMAT, "input_timezone": TIMEZONE}
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        values = [m.value for m in annotation]
        return {"widget": "select", "options": _options(values)}
    if typing.get_origin(annotation) is Literal:
        return {"widget": "select", "options": _options([str(v) for v in typing.get_args(annotation)])}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"widget": "object", "collapsed": True, "fields": _model_fields(annotation)}
    if annotation is str:
        return {"widget": "string"}
    raise CmsConfigError(
        f"no editor widget for field '{name}' of type {annotation!r}: add one in newsroom/editor/cms_config.py"
    )


def _default(info: FieldInfo) -> Any:
    if info.is_required() or info.default_factory is not None or info.default is None:
        return None
    value = info.default
    return value.value if isinstance(value, StrEnum) else value


def _model_fields(model: type[BaseModel]) -> list[dict[str, Any]]:
    """Fields of a nested model (contacts, source, changes): every one of them, required as the model says."""
    fields = []
    for name, info in model.model_fields.items():
        label = NESTED_LABELS.get(f"{model.__name__}.{name}") or NESTED_LABELS.get(name)
        if label is None:
            raise CmsConfigError(
                f"{model.__name__}.{name} has no label: add it to NESTED_LABELS in newsroom/editor/cms_config.py"
            )
        field = {"name": name, "label": _ko(label), "required": info.is_required()}
        field |= _widget_for(name, info.annotation)
        if model is not ReleaseMeta and name == "role":
            field["default"] = ContactRole.OFFICER.value
        fields.append(field)
    return fields


def _field_ui(model: type[BaseModel], name: str) -> FieldUi:
    ui = FIELD_UI.get(name)
    if ui is None:
        where = f"{model.__name__}.{name}"
        raise CmsConfigError(f"{where} is not in FIELD_UI (newsroom/editor/cms_config.py): say how the editor shows it")
    return ui


def _release_field(name: str, info: FieldInfo) -> dict[str, Any]:
    ui = _field_ui(ReleaseMeta, name)
    field: dict[str, Any] = {"name": name, "label": _ko(ui.label)}
    if ui.hidden:
        field["widget"] = "hidden"
        if name == "lang":
            field["default"] = "{{locale}}"
    else:
        field |= _widget_for(name, info.annotation)
        if ui.widget:
            field["widget"] = ui.widget
    if not ui.hidden:  # a hidden field is kept as it is; Sveltia has no `required` for it
        field["required"] = info.is_required()
    if ui.hint:
        field["hint"] = _ko(ui.hint)
    default = _default(info)
    if name == "languages":
        default = list(LANGUAGES)
    elif name == "translation":
        default = "original"
    if default is not None and not ui.hidden:
        field["default"] = default
    if name in ("slug", "translation_key"):
        field["pattern"] = [slug_pattern(), _ko(N_("Lowercase English letters, digits and hyphens only."))]
    field["i18n"] = "duplicate" if ui.i18n == "duplicate" else True
    return field


def release_fields() -> list[dict[str, Any]]:
    """Every field of ``ReleaseMeta``, in its order, then the page body."""
    fields = [_release_field(name, info) for name, info in ReleaseMeta.model_fields.items()]
    fields.append({"name": "body", "label": _ko(N_("Body")), "widget": "markdown", "required": False, "i18n": True})
    return fields


def page_fields() -> list[dict[str, Any]]:
    """A plain page: Material's title and description, then every key of ``model.PageMeta``, then the body."""
    fields: list[dict[str, Any]] = [
        {"name": "title", "label": _ko(N_("Title")), "widget": "string", "i18n": True},
        {"name": "description", "label": _ko(N_("Description")), "widget": "string", "required": False, "i18n": True},
    ]
    for name, info in PageMeta.model_fields.items():
        ui = _field_ui(PageMeta, name)
        field: dict[str, Any] = {"name": name, "label": _ko(ui.label)}
        if ui.hidden:
            field["widget"] = "hidden"
        else:
            # Optional on a plain page: without it the page is in every language.
            field |= _widget_for(name, info.annotation) | {"required": False}
            if ui.hint:
                field["hint"] = _ko(ui.hint)
        field["i18n"] = "duplicate" if ui.i18n == "duplicate" else True
        fields.append(field)
    fields.append({"name": "body", "label": _ko(N_("Body")), "widget": "markdown", "i18n": True})
    return fields


def _page_collection(name: str, label: str, folder: str, files: list[tuple[str, str]]) -> dict[str, Any]:
    """A file collection for policy / about pages: each page is one file per language."""
    return {
        "name": name,
        "label": label,
        "i18n": True,
        "files": [
            {
                "name": stem.replace("/", "-"),
                "label": page_label,
                "file": f"docs/{{{{locale}}}}/{folder}/{stem}.md",
                "i18n": True,
                "fields": page_fields(),
            }
            for stem, page_label in files
        ],
    }


# Plain pages the editor offers, by folder under docs/<lang>/; the pages themselves are read from docs/.
PAGE_FOLDERS: dict[str, str] = {"policy": N_("Policy pages"), "about": N_("About pages")}


def plain_pages(docs: Path, folder: str) -> list[tuple[str, str]]:
    """(file stem, Korean title) of each Korean page in ``docs/ko/<folder>/``, index first."""
    found = []
    for path in sorted((docs / DEFAULT_LANG / folder).glob("*.md"), key=lambda p: (p.stem != "index", p.stem)):
        try:
            title = str(pages.read_page_file(path).meta.get("title") or path.stem)
        except pages.FrontMatterError:
            title = path.stem  # `newsroom check` reports the page; the editor still lists it
        found.append((path.stem, title))
    return found


def cms_config(
    repo: str, branch: str = "main", auth_url: str | None = None, docs: Path = Path("docs")
) -> dict[str, Any]:
    """The whole Sveltia CMS configuration for the site's repository ``owner/name``.

    ``auth_url`` is the OAuth helper that "Sign In with GitHub" needs (e.g. a deployed sveltia-cms-auth);
    without one, press officers sign in with a fine-grained access token (handbook/publishing.md, PRESS-OFFICE.ko.md).
    """
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch}
    if auth_url:
        backend["base_url"] = auth_url
    return {
        "backend": backend,
        # Drafts are pull requests; `newsroom check` runs on each (.github/workflows/check.yml).
        "publish_mode": "editorial_workflow",
        "media_folder": "docs/assets/images/news",
        "public_folder": "/assets/images/news",
        # Like the converter's front matter: no empty optional field (an empty date is not a date), and
        # PyYAML's list style.
        "output": {"omit_empty_optional_fields": True, "yaml": {"indent_sequences": False}},
        "i18n": {"structure": "multiple_folders", "locales": list(LANGUAGES), "default_locale": DEFAULT_LANG},
        "collections": [
            {
                "name": "news",
                "label": _ko(N_("News releases")),
                "label_singular": _ko(N_("News release")),
                "folder": "docs",
                "path": NEWS_PATH,
                # Only releases: the policy and about pages under docs/<lang>/ have no translation_key.
                "filter": {"field": "translation_key", "pattern": "."},
                "extension": "md",
                "format": "yaml-frontmatter",
                "slug": {"template": "{{fields.slug}}", "editable": False},
                "identifier_field": "title",
                "summary": "{{fields.date | date('YYYY-MM-DD')}} {{title}}",
                "sortable_fields": ["date", "title"],
                "create": True,
                "delete": False,
                # A Korean-only release is allowed: English starts switched off and can be added.
                "i18n": {"initial_locales": [DEFAULT_LANG]},
                "fields": release_fields(),
            },
            *(
                _page_collection(folder, _ko(label), folder, plain_pages(docs, folder))
                for folder, label in PAGE_FOLDERS.items()
            ),
        ],
    }


def cms_config_yaml(repo: str, branch: str = "main", auth_url: str | None = None, docs: Path = Path("docs")) -> str:
    header = (
        "# Generated from newsroom.model.release.ReleaseMeta by `newsroom cms-config` (newsroom/editor/cms_config.py) "
        "at build time.\n"
        "# Edit the schema or newsroom/editor/cms_config.py, never this file.\n"
    )
    body = yaml.safe_dump(cms_config(repo, branch, auth_url, docs), allow_unicode=True, sort_keys=False, width=120)
    return header + body
