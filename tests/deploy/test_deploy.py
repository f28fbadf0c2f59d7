"""`make deploy` against real S3-compatible servers on 127.0.0.1, started here on free ports.

moto in server mode keeps each object's Content-Type, Cache-Control and ACL, so the headers and the moves of
three deploys are read back from it: the real site, then the site after one release changed, then after a
release was removed. rclone's own S3 server (``rclone serve s3``, files in a folder) makes one key fail for
real: a folder stands where the new page must go, and the server answers that PUT with an error.
What moved is counted on the server (each object's LastModified), never from the deploy's own report alone.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from newsroom.commands.deploy import DeployError, Target, deploy, rclone_binary

from tests.conftest import mkdocs_build
from tests.sites import site_project

pytestmark = pytest.mark.build  # deploys a real built site

KEY, SECRET, REGION, BUCKET = "test-key", "test-secret", "us-east-1", "city-site"
RELEASE = Path("news/2025/mayor-park-sang-don-of-cheonan-seeks-ways-to-integrate-ai")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def _changed(before: Path, after: Path) -> set[str]:
    """Files of ``after`` that ``before`` lacks or holds with other bytes."""
    both = sorted(_files(before) & _files(after))
    _, mismatch, errors = filecmp.cmpfiles(before, after, both, shallow=False)
    return (_files(after) - _files(before)) | set(mismatch) | set(errors)


@pytest.fixture(scope="module")
def credentials() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", KEY)
        patch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
        # A failure is reported after one try of the whole copy (rclone still retries single requests).
        patch.setenv("RCLONE_RETRIES", "1")
        yield


@pytest.fixture(scope="module")
def moto(credentials: None) -> Iterator[tuple[str, Any]]:
    import boto3
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name=REGION, aws_access_key_id=KEY, aws_secret_access_key=SECRET
    )
    client.create_bucket(Bucket=BUCKET)
    try:
        yield endpoint, client
    finally:
        server.stop()


def _objects(client: Any) -> dict[str, Any]:
    """Key -> LastModified of every object in the bucket."""
    found: dict[str, Any] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        found.update({item["Key"]: item["LastModified"] for item in page.get("Contents", [])})
    return found


@pytest.fixture(scope="module")
def three_sites(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The real site; the same after one release's text changed; then after that release was removed."""
    work = tmp_path_factory.mktemp("deploy")
    config = site_project(work / "src", 0)
    docs = work / "src" / "docs"
    release = docs / "ko" / f"{RELEASE}.md"
    text = release.read_text(encoding="utf-8")
    release.write_text(text.rstrip("\n") + "\n\n문의 사항은 담당 부서로 연락하면 된다.\n", encoding="utf-8")
    changed = work / "changed"
    mkdocs_build(config, changed)
    for lang in ("ko", "en"):
        (docs / lang / f"{RELEASE}.md").unlink()
    removed = work / "removed"
    mkdocs_build(config, removed)
    return built_site, changed, removed


@pytest.fixture(scope="module")
def deploys(moto: tuple[str, Any], three_sites: tuple[Path, Path, Path]) -> list[tuple[Any, dict[str, Any]]]:
    """Each site deployed in turn: (the deploy's result, the bucket's objects after it)."""
    endpoint, client = moto
    target = Target(endpoint, BUCKET, REGION)
    results = []
    for site in three_sites:
        time.sleep(1.1)  # LastModified has whole seconds: a re-upload must show as a later one
        result = deploy(site, target)
        results.append((result, _objects(client)))
    return results


def test_first_deploy_publishes_every_file(three_sites: tuple[Path, ...], deploys: list[Any]) -> None:
    result, objects = deploys[0]
    assert set(objects) == _files(three_sites[0])
    assert sorted(result.new) == sorted(objects) and not result.replaced and not result.deleted


def test_after_one_release_changes_only_the_changed_files_move(
    three_sites: tuple[Path, ...], deploys: list[Any]
) -> None:
    (_, first), (result, second) = deploys[0], deploys[1]
    changed = _changed(three_sites[0], three_sites[1])
    moved = {key for key, modified in second.items() if first.get(key) != modified}
    assert moved == changed
    assert f"{RELEASE}/index.html" in moved
    # One release's text: its page, the search shards of its words, and the pages and feeds that quote it.
    assert 0 < len(moved) < len(second) / 10, sorted(moved)
    assert sorted(result.new + result.replaced) == sorted(moved)


def test_a_removed_page_disappears(three_sites: tuple[Path, ...], deploys: list[Any]) -> None:
    result, objects = deploys[2]
    assert set(objects) == _files(three_sites[2])
    for gone in (f"{RELEASE}/index.html", f"en/{RELEASE}/index.html"):
        assert gone in deploys[1][1] and gone not in objects
        assert gone in result.deleted


@pytest.mark.parametrize(
    ("key", "content_type", "cache_control"),
    [
        ("index.html", "text/html; charset=utf-8", "public, max-age=300"),
        ("en/news/index.html", "text/html; charset=utf-8", "public, max-age=300"),
        ("news/rss.xml", "application/rss+xml; charset=utf-8", "public, max-age=300"),
        ("en/news/atom.xml", "application/atom+xml; charset=utf-8", "public, max-age=300"),
        ("sitemap.xml", "application/xml; charset=utf-8", "public, max-age=300"),
        ("robots.txt", "text/plain; charset=utf-8", "public, max-age=300"),
        ("search/index.json", "application/json; charset=utf-8", "public, max-age=300"),
        ("assets/css/site.css", "text/css; charset=utf-8", "public, max-age=300"),
    ],
)
def test_content_type_and_caching(
    moto: tuple[str, Any], deploys: list[Any], key: str, content_type: str, cache_control: str
) -> None:
    head = moto[1].head_object(Bucket=BUCKET, Key=key)
    assert (head["ContentType"], head["CacheControl"]) == (content_type, cache_control)


def test_fingerprinted_bundles_are_cached_for_a_year_and_nothing_is_public(
    moto: tuple[str, Any], deploys: list[Any]
) -> None:
    client = moto[1]
    objects = deploys[-1][1]
    bundles = [key for key in objects if key.startswith("assets/javascripts/bundle.") and key.endswith(".min.js")]
    assert len(bundles) == 1
    head = client.head_object(Bucket=BUCKET, Key=bundles[0])
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert head["ContentType"] == "text/javascript; charset=utf-8"
    # Readers get objects through the bucket policy (handbook/hosting.md), not through per-object public grants.
    grants = client.get_object_acl(Bucket=BUCKET, Key="index.html")["Grants"]
    assert all("URI" not in grant["Grantee"] for grant in grants), grants


@pytest.fixture
def rclone_s3(tmp_path: Path, credentials: None) -> Iterator[tuple[str, Path]]:
    """``rclone serve s3`` on a free port, its bucket a folder: (endpoint, bucket folder)."""
    data = tmp_path / "data"
    (data / BUCKET).mkdir(parents=True)
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [rclone_binary(), "serve", "s3", "--addr", f"127.0.0.1:{port}", "--auth-key", f"{KEY},{SECRET}", str(data)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", data / BUCKET
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_a_failed_upload_leaves_the_previous_site_whole(
    built_site: Path, tmp_path: Path, rclone_s3: tuple[str, Path]
) -> None:
    endpoint, bucket = rclone_s3
    target = Target(endpoint, BUCKET, REGION)
    previous = tmp_path / "previous"
    for part in ("index.html", "404.html", "about", "news/index.html", "news/rss.xml", "assets/stylesheets"):
        source = built_site / part
        if source.is_dir():
            shutil.copytree(source, previous / part)
        else:
            (previous / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, previous / part)
    deploy(previous, target)
    published = {path: (bucket / path).read_bytes() for path in _files(previous)}

    new = tmp_path / "new"
    shutil.copytree(previous, new)
    (new / "news" / "index.html").write_text("<!doctype html><title>new listing</title>", encoding="utf-8")
    (new / "news" / "new-release").mkdir()
    (new / "news" / "new-release" / "index.html").write_text("<!doctype html><title>new</title>", encoding="utf-8")
    (new / "about" / "index.html").unlink()
    # The server cannot store this key: a folder stands where the new page's file must be written.
    (bucket / "news" / "new-release" / "index.html").mkdir(parents=True)

    with pytest.raises(DeployError, match=r"uploading new files .*the site is unchanged") as failure:
        deploy(new, target)
    assert "news/new-release/index.html" in str(failure.value)
    assert {path: (bucket / path).read_bytes() for path in published} == published
    assert os.path.isfile(bucket / "about" / "index.html")
