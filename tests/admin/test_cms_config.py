"""The web editor's configuration is the release schema: every field, in order, required where the schema says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from newsroom.editor import cms_config as cms
from newsroom.editor.admin_page import REWRITES, AdminFilesError, page_policy, rewrite_bundle
from newsroom.mkdocs_adapter.config import default_options, site_options
from newsroom.model.release import TOPICS, Kind, Licence, PageMeta, ReleaseMeta, is_slug
from newsroom.site.csp import admin_policy, origin_of

from tests.conftest import ROOT


def _news(config: dict) -> dict:
    return next(c for c in config["collections"] if c["name"] == "news")


def test_every_release_field_is_in_the_form_in_schema_order() -> None:
    fields = _news(cms.cms_config("o/r"))["fields"]
    assert [f["name"] for f in fields] == [*ReleaseMeta.model_fields, "body"]


def test_required_exactly_where_the_schema_requires() -> None:
    fields = {f["name"]: f for f in _news(cms.cms_config("o/r"))["fields"]}
    for name, info in ReleaseMeta.model_fields.items():
        if fields[name]["widget"] == "hidden":
            continue
        assert fields[name]["required"] is info.is_required(), name
    assert {n for n, f in fields.items() if f.get("required")} == {
        "title",
        "date",
        "slug",
        "translation_key",
        "translation",
        "languages",
    }


def test_widgets_follow_the_types() -> None:
    fields = {f["name"]: f for f in _news(cms.cms_config("o/r"))["fields"]}
    assert [o["value"] for o in fields["topics"]["options"]] == list(TOPICS)
    assert fields["topics"]["multiple"] is True
    assert [o["value"] for o in fields["kind"]["options"]] == [k.value for k in Kind]
    assert [o["value"] for o in fields["licence"]["options"]] == [k.value for k in Licence]
    assert fields["licence"]["default"] == "KOGL-1"
    # A published page cannot say 'none' (model validator): the form does not offer it.
    assert [o["value"] for o in fields["translation"]["options"]] == ["original", "full", "machine"]
    # Dates in Korea Standard Time: a day for `date`, a time with +09:00 for the others.
    assert fields["date"]["time_format"] is False
    for name in ("date", "distributed_at", "embargo_until"):
        assert fields[name]["widget"] == "datetime"
        assert fields[name]["input_timezone"] == "Asia/Seoul"
    assert fields["distributed_at"]["format"].endswith("Z")
    contacts = {f["name"]: f for f in fields["contacts"]["fields"]}
    assert fields["contacts"]["widget"] == "list"
    assert contacts["role"]["required"] is True and contacts["name"]["required"] is False
    assert [o["value"] for o in contacts["role"]["options"]] == ["책임자", "담당자"]
    assert fields["lang"] == {
        "name": "lang",
        "label": fields["lang"]["label"],
        "widget": "hidden",
        "default": "{{locale}}",
        "i18n": True,
    }


def test_one_slug_and_key_for_both_languages_and_korean_only_allowed() -> None:
    config = cms.cms_config("o/r")
    news = _news(config)
    assert config["i18n"] == {"structure": "multiple_folders", "locales": ["ko", "en"], "default_locale": "ko"}
    assert news["folder"] == "docs"
    assert news["path"] == "news/{{fields.date | date('YYYY')}}/{{slug}}"
    assert news["i18n"] == {"initial_locales": ["ko"]}
    fields = {f["name"]: f for f in news["fields"]}
    for shared in ("slug", "translation_key", "date", "topics", "languages", "kind", "licence"):
        assert fields[shared]["i18n"] == "duplicate", shared
    for own in ("title", "summary", "translation", "lang", "body"):
        assert fields[own]["i18n"] is True, own


SLUG_SAMPLES = ["mayor-visits-cloud-firms", "2025", "index", "indexes", "index-of-x"]
SLUG_SAMPLES += ["Mayor-x", "a--b", "-a", "천안", "a/b"]


def test_the_editor_accepts_exactly_the_slugs_the_schema_accepts() -> None:
    """The editor tests its pattern on the whole value (an unanchored pattern let 'Mayor-x' through)."""
    fields = {f["name"]: f for f in _news(cms.cms_config("o/r"))["fields"]}
    pattern = re.compile(fields["slug"]["pattern"][0])
    for sample in SLUG_SAMPLES:
        assert (pattern.search(sample) is not None) == is_slug(sample), sample
    assert [s for s in SLUG_SAMPLES if is_slug(s)] == ["mayor-visits-cloud-firms", "2025", "indexes", "index-of-x"]


def test_a_new_schema_field_without_a_form_line_stops_the_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    ui = dict(cms.FIELD_UI)
    del ui["summary"]
    monkeypatch.setattr(cms, "FIELD_UI", ui)
    with pytest.raises(cms.CmsConfigError, match="summary"):
        cms.cms_config("o/r")


def test_the_built_site_serves_the_generators_config(built_site: Path) -> None:
    served = (built_site / "admin" / "config.yml").read_text(encoding="utf-8")
    options, docs = site_options(ROOT / "mkdocs.yml")
    assert served == cms.cms_config_yaml(options.cms_repo, auth_url=options.cms_auth_url, docs=docs)
    assert yaml.safe_load(served)["backend"]["repo"] == options.cms_repo


def test_newsroom_cms_config_prints_the_same_text() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.cli", "cms-config", "--repo", "city/site"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout == cms.cms_config_yaml("city/site", docs=ROOT / "docs")


def test_the_served_bundle_names_no_cdn_update_or_status_host(built_site: Path) -> None:
    bundle = (built_site / "admin" / "sveltia-cms.js").read_text(encoding="utf-8")
    for old, _new, _why in REWRITES:
        assert old not in bundle
    assert "cdn.jsdelivr.net" not in bundle
    assert "githubstatus.com/api" not in bundle
    for font in ("source-sans-3", "noto-mono", "material-symbols-outlined"):
        assert list((built_site / "admin" / "fonts").glob(f"{font}-*.woff2"))
    assert (built_site / "admin" / "locales" / "ko.json").is_file()


def test_a_changed_bundle_stops_the_build_instead_of_calling_another_host() -> None:
    bundle = (ROOT / "node_modules/@sveltia/cms/dist/sveltia-cms.js").read_text(encoding="utf-8")
    with pytest.raises(AdminFilesError, match="update REWRITES"):
        rewrite_bundle(bundle.replace(REWRITES[0][0], "https://example.invalid/font.woff2"))


def test_admin_is_outside_the_sitemap_and_the_search_index(built_site: Path) -> None:
    assert "/admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for index in (built_site / "search").rglob("*.json"):
        assert "/admin/" not in index.read_text(encoding="utf-8")


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def test_the_built_editor_page_carries_its_documented_policy_before_its_script(built_site: Path) -> None:
    page = (built_site / "admin" / "index.html").read_text(encoding="utf-8")
    metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    helper = site_options(ROOT / "mkdocs.yml")[0].cms_auth_url
    assert metas == [admin_policy(helper)]
    assert page.index("Content-Security-Policy") < page.index("<script")
    directives = _directives(metas[0])
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # no inline script, no eval
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    # Only GitHub's own hosts beyond the site (data: and blob: are no host), and the OAuth helper if there is one.
    allowed = {
        "https://api.github.com",
        "https://avatars.githubusercontent.com",
        *([origin_of(helper)] if helper else []),
    }
    assert {s for sources in directives.values() for s in sources if "://" in s} <= allowed


def test_the_oauth_helpers_origin_is_the_one_more_host_the_editor_may_fetch() -> None:
    helper = "https://Auth.Example.invalid:8443/auth?x=1"
    directives = _directives(page_policy(csp=True, serving=False, auth_url=helper) or "")
    assert directives["connect-src"] == [
        "'self'",
        "data:",
        "https://api.github.com",
        "https://auth.example.invalid:8443",
    ]
    assert directives["script-src"] == ["'self'"]
    assert _directives(page_policy(csp=True, serving=False) or "")["connect-src"] == [
        "'self'",
        "data:",
        "https://api.github.com",
    ]
    assert page_policy(csp=False, serving=False) is None


@pytest.mark.parametrize(
    "bad",
    ["auth.example.invalid", "http://auth.example.invalid", "https://a.invalid; script-src *", "https://u@h.invalid"],
)
def test_an_oauth_helper_address_that_is_no_https_origin_stops_the_build(bad: str) -> None:
    with pytest.raises(ValueError, match=r"cms_auth_url: .* set it to the https:// address"):
        default_options(cms_auth_url=bad)


@pytest.mark.parametrize("bad", ["", "city", "city/site/extra", "https://github.com/city/site", "city/site; x"])
def test_a_repository_that_is_no_owner_and_name_stops_the_build(bad: str) -> None:
    with pytest.raises(ValueError, match=r"cms_repo: expected a GitHub repository as owner/name"):
        default_options(cms_repo=bad)
    assert default_options(cms_repo="Cheonan-City/smart.city_site").cms_repo == "Cheonan-City/smart.city_site"


def test_the_publish_workflows_variables_reach_the_editor_through_the_site_config(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NEWSROOM_CMS_REPO", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "city/site")
    monkeypatch.setenv("NEWSROOM_CMS_AUTH_URL", "https://auth.example.invalid")
    options, _ = site_options(ROOT / "mkdocs.yml")
    assert (options.cms_repo, options.cms_auth_url) == ("city/site", "https://auth.example.invalid")
    monkeypatch.setenv("NEWSROOM_CMS_REPO", "city/other")
    assert site_options(ROOT / "mkdocs.yml")[0].cms_repo == "city/other"


def test_under_mkdocs_serve_the_editor_lets_the_live_reload_script_run() -> None:
    assert _directives(page_policy(csp=True, serving=True) or "")["script-src"] == ["'self'", "'unsafe-inline'"]


def test_an_oauth_helper_goes_into_the_backend() -> None:
    assert "base_url" not in cms.cms_config("o/r")["backend"]
    assert cms.cms_config("o/r", auth_url="https://auth.example.invalid")["backend"]["base_url"] == (
        "https://auth.example.invalid"
    )


def test_policy_and_about_pages_are_the_ones_in_docs() -> None:
    config = cms.cms_config("o/r", docs=ROOT / "docs")
    for folder in ("policy", "about"):
        collection = next(c for c in config["collections"] if c["name"] == folder)
        files = [f["file"] for f in collection["files"]]
        stems = sorted(p.stem for p in (ROOT / "docs" / "ko" / folder).glob("*.md"))
        assert sorted(f.rsplit("/", 1)[1].removesuffix(".md") for f in files) == stems
        assert all(f.startswith(f"docs/{{{{locale}}}}/{folder}/") for f in files)


def test_plain_pages_carry_the_page_schema() -> None:
    config = cms.cms_config("o/r", docs=ROOT / "docs")
    policy = next(c for c in config["collections"] if c["name"] == "policy")
    names = [f["name"] for f in policy["files"][0]["fields"]]
    assert names == ["title", "description", *PageMeta.model_fields, "body"]
