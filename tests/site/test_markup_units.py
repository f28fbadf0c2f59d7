"""newsroom.site.markup: Material's body markup made valid (the whole site's verdict: tests/site/test_nu_valid.py)."""

from __future__ import annotations

from newsroom.site.markup import without_checkbox_autocomplete


def test_checkbox_toggles_lose_autocomplete_and_nothing_else_changes() -> None:
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<input type="search" name="query" autocomplete="off" required>\n'
        '<p>autocomplete="off" type="checkbox" as text stays</p>'
    )
    assert without_checkbox_autocomplete(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
        '<input type="search" name="query" autocomplete="off" required>\n'
        '<p>autocomplete="off" type="checkbox" as text stays</p>'
    )
