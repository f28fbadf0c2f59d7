"""The Content-Security-Policy rules (newsroom/site/csp.py) on small pages written in the test."""

from __future__ import annotations

import base64
import hashlib

import pytest
from newsroom.site.csp import admin_policy, inline_scripts, origin_of, policy_for, script_hash, site_policy, with_policy

PAGE = (
    '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>t</title>'
    "<script>var a = 1;</script>"
    '<script src="x.js"></script>'
    '<script type="application/ld+json">{"a": 1}</script>'
    '<script id="__config" type="application/json">{}</script>'
    "</head><body><SCRIPT type='module'>import('./m.js')</SCRIPT></body></html>"
)


def test_only_scripts_the_browser_runs_inline_are_found() -> None:
    assert inline_scripts(PAGE) == ["var a = 1;", "import('./m.js')"]


def test_the_hash_is_the_browsers_sha256_of_the_script_text() -> None:
    expected = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    assert script_hash("var a = 1;") == f"'sha256-{expected}'"


def test_the_site_policy_has_the_required_directives_and_no_unsafe_source() -> None:
    policy = policy_for("news/", PAGE, {})
    assert policy is not None
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert directives["script-src"].split() == ["'self'", *sorted({script_hash(s) for s in inline_scripts(PAGE)})]
    assert "unsafe" not in policy


def test_a_path_prefix_gets_its_own_policy_or_none() -> None:
    by_path = {"admin/": "", "tools/": "default-src 'self'", "tools/raw/": "default-src 'none'"}
    assert policy_for("admin/index.html", PAGE, by_path) is None
    assert policy_for("tools/a/", PAGE, by_path) == "default-src 'self'"
    assert policy_for("tools/raw/b/", PAGE, by_path) == "default-src 'none'"  # the longest prefix wins


def test_a_serve_preview_allows_inline_scripts_instead_of_hashes() -> None:
    policy = policy_for("", PAGE, {}, allow_inline_scripts=True)
    assert policy is not None and "'unsafe-inline'" in policy and "sha256-" not in policy


def test_the_meta_comes_right_after_the_charset_before_any_script() -> None:
    html = with_policy(PAGE, site_policy([]))
    assert html.index('<meta charset="utf-8">') < html.index("Content-Security-Policy") < html.index("<script")


def test_a_page_without_head_is_refused() -> None:
    with pytest.raises(ValueError, match="no <head>"):
        with_policy("<p>x</p>", site_policy([]))


def test_the_editor_policy_adds_only_the_helpers_origin_and_only_to_connect_src() -> None:
    without, with_helper = admin_policy(), admin_policy("http://localhost:8787/auth")
    changed = set(with_helper.split("; ")) ^ set(without.split("; "))
    assert sorted(changed) == [
        "connect-src 'self' data: https://api.github.com",
        "connect-src 'self' data: https://api.github.com http://localhost:8787",
    ]
    assert "unsafe-eval" not in with_helper


@pytest.mark.parametrize("bad", ["", "javascript:alert(1)", "http://example.org", "https://", "https://a b.org"])
def test_an_address_is_an_origin_only_when_https_or_on_this_machine(bad: str) -> None:
    with pytest.raises(ValueError):
        origin_of(bad)
