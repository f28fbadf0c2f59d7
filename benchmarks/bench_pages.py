"""What a reader's phone downloads, page by page, and what Lighthouse makes of it.

Usage: ``python benchmarks/bench_pages.py [--site DIR] [--lighthouse]``. Without ``--site`` the project's site is
built first (``mkdocs build --strict``). The site is served on 127.0.0.1 by a small server that gzips text as a
web host would, and Debian's Chromium (Playwright) loads each page at 390 px. For each page it prints the bytes
that crossed the wire (compressed, as Chromium counts them), font bytes and the number of font chunks, and any
request to another host (there must be none). ``--lighthouse`` also runs Lighthouse (pinned below, installed on
first use into ``benchmarks/out/lighthouse``, never into the project) in its mobile mode on the home page and a
release in both languages and prints the four category scores. A benchmark, not a test: figures depend on the
machine and its load. The last lines are machine-readable::

    page: path=<path> kb=<compressed KB> font_kb=<KB> font_files=<n> other_hosts=<n>
    lighthouse: path=<path> performance=<0-100> accessibility=<…> best_practices=<…> seo=<…> fcp_ms=… lcp_ms=…
        tbt_ms=… cls=…
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, served  # noqa: E402

LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_HOME = ROOT / "benchmarks" / "out" / "lighthouse"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
METRICS = {"fcp_ms": "first-contentful-paint", "lcp_ms": "largest-contentful-paint", "tbt_ms": "total-blocking-time"}
METRICS["cls"] = "cumulative-layout-shift"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text gzipped when the browser accepts it, as GitHub Pages and object-storage CDNs do."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if (
            not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not kind.startswith(TEXT_TYPES)
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def build(out: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return out


def sample_pages(site: Path) -> list[str]:
    pages = ["", "news/", "policy/", "en/", "en/news/", "en/policy/"]
    for prefix in ("", "en/"):
        releases = sorted((site / prefix).glob("news/[0-9][0-9][0-9][0-9]/*/index.html"))
        if releases:
            pages.append(releases[-1].parent.relative_to(site).as_posix() + "/")
    return pages


def page_weight(browser: object, base: str, path: str) -> dict[str, int]:
    context = browser.new_context(**PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    client = context.new_cdp_session(page)
    client.send("Network.enable")
    kinds: dict[str, str] = {}
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    client.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
    client.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    client.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(base + path, wait_until="networkidle")
    page.evaluate("() => document.fonts.ready")
    page.wait_for_timeout(300)
    context.close()
    origin = urlsplit(base).netloc
    other = [url for url in urls.values() if not url.startswith("data:") and urlsplit(url).netloc != origin]
    fonts = [request for request, kind in kinds.items() if kind == "Font"]
    return {
        "bytes": sum(sizes.values()),
        "font_bytes": sum(sizes.get(request, 0) for request in fonts),
        "font_files": len(fonts),
        "other_hosts": len(other),
    }


def lighthouse(base: str, path: str) -> dict[str, int]:
    cli = LIGHTHOUSE_HOME / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        LIGHTHOUSE_HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(LIGHTHOUSE_HOME),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    flags = "--headless=new --no-sandbox --disable-gpu"
    result = subprocess.run(
        [str(cli), base + path, "--quiet", "--output=json", f"--chrome-flags={flags}", "--form-factor=mobile"],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    scores = {key: round(100 * (category["score"] or 0)) for key, category in report["categories"].items()}
    metrics = {name: report["audits"][audit]["numericValue"] for name, audit in METRICS.items()}
    return {**scores, **{name: round(value, 3 if name == "cls" else None) for name, value in metrics.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the project's site)")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (mobile) on four pages")
    parser.add_argument("--only", help="measure this one site path (e.g. '' or 'en/') instead of the sample")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as temp:
        site = args.site or build(Path(temp) / "site")
        pages = sample_pages(site) if args.only is None else [args.only]
        with served(site, GzipHandler) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            for path in pages:
                w = page_weight(browser, base, path)
                print(
                    f"page: path=/{path} kb={w['bytes'] / 1024:.1f} font_kb={w['font_bytes'] / 1024:.1f} "
                    f"font_files={w['font_files']} other_hosts={w['other_hosts']}",
                    flush=True,
                )
            browser.close()
            if args.lighthouse:
                for path in [p for p in pages if p in ("", "en/") or "/news/2" in "/" + p or args.only is not None]:
                    scores = lighthouse(base, path)
                    print(
                        f"lighthouse: path=/{path} performance={scores['performance']} "
                        f"accessibility={scores['accessibility']} best_practices={scores['best-practices']} "
                        f"seo={scores['seo']} fcp_ms={scores['fcp_ms']} lcp_ms={scores['lcp_ms']} "
                        f"tbt_ms={scores['tbt_ms']} cls={scores['cls']}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
