"""What any host needs from the built site (issue 20): robots.txt, RSS channels that link their listings,
a publishing build that refuses a loopback address or a site above the host's cap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st
from newsroom.hosting.rules import GITHUB_PAGES_CAP, SiteSize, parse_size, publishing_address_error, size_report

from tests.conftest import ROOT
from tests.sites import site_project

LOCAL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when SITE_URL is not set


def test_robots_txt_names_the_sitemap_by_its_absolute_address(built_site: Path) -> None:
    lines = (built_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {LOCAL}sitemap.xml" in lines
    assert (built_site / "sitemap.xml").is_file()


def test_each_rss_channel_links_its_html_listing(built_site: Path) -> None:
    feeds = sorted(built_site.rglob("rss.xml"))
    assert len(feeds) >= 4
    for feed in feeds:
        folder = feed.parent.relative_to(built_site).as_posix() + "/"
        link = ElementTree.parse(feed).getroot().findtext("channel/link")
        assert link == LOCAL + folder, feed
        assert (feed.parent / "index.html").is_file(), f"{folder} has a feed but no listing"


@pytest.mark.parametrize(
    "address",
    [None, "", "http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]/", "http://0.0.0.0/", "file:///x/"],
)
def test_a_publishing_address_must_be_public(address: str | None) -> None:
    assert publishing_address_error(address) is not None


@pytest.mark.parametrize("address", ["https://smart.cheonan.go.kr/", "https://owner.github.io/repository/"])
def test_a_public_address_passes(address: str) -> None:
    assert publishing_address_error(address) is None


def test_sizes_read_as_people_write_them() -> None:
    assert parse_size("1 GB") == GITHUB_PAGES_CAP == parse_size(1_000_000_000)
    assert parse_size("800MB") == 800_000_000 and parse_size("2 GiB") == 2 * 2**30
    for bad in ("", "lots", "-1 GB", "0", True, "1 PB"):
        with pytest.raises(ValueError, match="size"):
            parse_size(bad)


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_any_size_option_gives_bytes_or_one_message(value: object) -> None:
    try:
        size = parse_size(value)
    except ValueError as error:
        assert "\n" not in str(error) and "size" in str(error)
    else:
        assert isinstance(size, int) and size > 0


def test_the_size_report_warns_above_80_percent_and_fails_above_the_cap() -> None:
    def report(total: int) -> tuple[str, str | None, bool]:
        return size_report(SiteSize(total, 10, 0, 0, 0), 1000)

    assert report(800)[1:] == (None, False)
    line, warning, over = report(801)
    assert "10 files" in line and warning and "object storage" in warning and not over
    _, warning, over = report(1001)
    assert over and warning and "make deploy" in warning


def _build(
    config: Path, out: Path, *args: str, site_url: str | None, cap: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {})}
    env.update({"NEWSROOM_SIZE_CAP": cap} if cap else {})
    return subprocess.run(
        [sys.executable, "-m", "newsroom.commands.build", "-f", str(config), "-d", str(out), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
    )


def test_a_publishing_build_refuses_the_local_address_before_building(tmp_path: Path) -> None:
    result = _build(ROOT / "mkdocs.yml", tmp_path / "out", "--publish", site_url=None)
    assert result.returncode == 1
    assert "127.0.0.1:8000" in result.stdout and "SITE_URL" in result.stdout
    assert not (tmp_path / "out").exists()


def test_a_publishing_build_above_the_cap_fails_naming_object_storage(tmp_path: Path) -> None:
    config = site_project(tmp_path / "src", 0)
    # The publish workflow sets the cap through NEWSROOM_SIZE_CAP (mkdocs.yml: size_cap: !ENV).
    result = _build(config, tmp_path / "out", "--publish", site_url="https://smart.cheonan.go.kr/", cap="1 MB")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "site: " in result.stdout and "files" in result.stdout
    assert "larger than the 1.0 MB cap" in result.stdout and "object storage" in result.stdout
