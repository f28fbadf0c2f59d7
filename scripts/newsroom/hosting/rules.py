"""What any host needs from a built site: a public address, a size that fits, and its files' HTTP headers.

Plain Python, no engine: the build driver (``newsroom.commands.build``), the plugin's options and the deploy
(``newsroom.commands.deploy``) take their rules from here. handbook/hosting.md explains the choices.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# GitHub Pages refuses a published site larger than 1 GB (decimal, as GitHub states it).
GITHUB_PAGES_CAP = 1_000_000_000
# Above this share of the cap the build warns: time to plan the move to object storage.
WARN_SHARE = 0.8
_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}
_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*")


def parse_size(value: object) -> int:
    """Bytes from an integer or a text such as ``1 GB``, ``800MB`` or ``2 GiB``; ValueError names what is wrong."""
    if isinstance(value, bool):
        raise ValueError(f"expected a size such as 1 GB or 800 MB, got {value!r}")
    if isinstance(value, int):
        number, unit = float(value), ""
    else:
        match = _SIZE_RE.fullmatch(str(value))
        if match is None or match.group(2).upper() not in _UNITS:
            raise ValueError(f"expected a size such as 1 GB or 800 MB, got {value!r}")
        number, unit = float(match.group(1)), match.group(2).upper()
    size = int(number * _UNITS[unit])
    if size <= 0:
        raise ValueError(f"expected a size above zero, got {value!r}")
    return size


def format_bytes(size: float) -> str:
    return f"{size / 1e6:,.1f} MB" if size < 1e9 else f"{size / 1e9:,.2f} GB"


@dataclass(frozen=True)
class SiteSize:
    total_bytes: int
    files: int
    html_bytes: int
    html_files: int
    search_bytes: int


def measure_site(site: Path) -> SiteSize:
    """Bytes and files of a built site; HTML pages and the search index (``search/`` below any language) apart."""
    root = os.fspath(site)
    sizes: dict[str, int] = {}
    for dirpath, _, filenames in os.walk(root):
        below = dirpath[len(root) + 1 :]  # plain strings: a large site has tens of thousands of files
        for name in filenames:
            sizes[f"{below}/{name}" if below else name] = os.stat(os.path.join(dirpath, name)).st_size
    return site_size(sizes)


def site_size(sizes: Mapping[str, int]) -> SiteSize:
    """``measure_site`` of a site whose files' sizes are known (by path below the site, "/"-separated)."""
    total = html = html_files = search = 0
    for path, size in sizes.items():
        total += size
        if path.endswith(".html"):
            html += size
            html_files += 1
        elif path.startswith("search/") or path.partition("/")[2].startswith("search/"):
            search += size
    return SiteSize(total, len(sizes), html, html_files, search)


def size_report(size: SiteSize, cap: int) -> tuple[str, str | None, bool]:
    """(report line, warning or None, over the cap) of a built site against the host's cap."""
    share = size.total_bytes / cap
    line = f"site: {format_bytes(size.total_bytes)} in {size.files:,} files"
    line += f" ({share:.0%} of the {format_bytes(cap)} cap)"
    if size.total_bytes > cap:
        return (
            line,
            f"the site ({format_bytes(size.total_bytes)}) is larger than the {format_bytes(cap)} cap its host allows "
            "(GitHub Pages: 1 GB). Publish it to S3-compatible object storage instead: `make deploy` and the "
            "publish workflow's deploy-s3 job (handbook/hosting.md); or raise size_cap in mkdocs.yml if the host "
            "allows more.",
            True,
        )
    if share > WARN_SHARE:
        return (
            line,
            f"the site uses {share:.0%} of its host's {format_bytes(cap)} cap: plan the move to S3-compatible object "
            "storage (handbook/hosting.md) before a build is refused.",
            False,
        )
    return line, None, False


def publishing_address_error(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be published (missing, not http(s), loopback or unspecified host), or None."""
    if not site_url:
        return "site_url is not set: set SITE_URL to the address the site is published at (https://…/)."
    parts = urlsplit(site_url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return f"site_url {site_url!r} is not an http(s) address: set SITE_URL to the address readers use."
    loopback = host == "localhost" or host.endswith(".localhost")
    try:
        address = ipaddress.ip_address(host)
        loopback = loopback or address.is_loopback or address.is_unspecified
    except ValueError:
        pass
    if loopback:
        return (
            f"site_url {site_url!r} is this machine's own address: every canonical, hreflang and feed link would "
            "point there. Set SITE_URL to the address the site is published at (https://…/)."
        )
    return None


def robots_txt(site_url: str) -> str:
    """robots.txt: everything may be crawled; the sitemap named by its absolute address."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


# -- HTTP headers of each published file ------------------------------------------------------------

# Material's bundles carry a content hash in their names (main.57a0d79d.min.css): a new version is a new
# name, so a browser or CDN may keep them for a year. Everything else keeps its name across builds.
_FINGERPRINTED = re.compile(r"(?:^|/)[\w-]+\.[0-9a-f]{8,}\.min\.(?:js|css)$")
IMMUTABLE = "public, max-age=31536000, immutable"
# Pages, feeds and the search index change with every release: caches check back after five minutes.
SHORT = "public, max-age=300"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".yml": "text/yaml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".gz": "application/gzip",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
}
_FEED_TYPES = {"atom.xml": "application/atom+xml; charset=utf-8", "rss.xml": "application/rss+xml; charset=utf-8"}


@dataclass(frozen=True, order=True)
class Headers:
    content_type: str
    cache_control: str


def headers_for(path: str) -> Headers:
    """Content-Type and Cache-Control of a site file, by its path below the site root ('/'-separated)."""
    name = path.rsplit("/", 1)[-1]
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if name in _FEED_TYPES:
        content_type = _FEED_TYPES[name]
    elif suffix == ".xml":
        content_type = "application/xml; charset=utf-8"
    else:
        content_type = _TYPES.get(suffix, "application/octet-stream")
    return Headers(content_type, IMMUTABLE if _FINGERPRINTED.search(path) else SHORT)


# Order of upload: what pages need before the pages, the pages before what points at them from outside.
ASSETS, PAGES, ENTRY_POINTS = 0, 1, 2


def upload_tier(path: str) -> int:
    """Assets (styles, scripts, images, the search index) first, then HTML pages, last feeds, sitemap, robots.txt."""
    if path.endswith(".html"):
        return PAGES
    if path.endswith((".xml", ".xml.gz")) or path == "robots.txt":
        return ENTRY_POINTS
    return ASSETS


def publishable(path: str) -> bool:
    """Files the deploy uploads: never a hidden file or folder (editor leftovers, a build's staging folder)."""
    return not any(part.startswith(".") for part in path.split("/"))
