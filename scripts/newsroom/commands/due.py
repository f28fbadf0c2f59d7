"""``python -m newsroom.commands.due``: is a publication due? The publish workflow's 10-minute schedule asks this first.

A build is due when some release's ``embargo_until`` has passed since the last publication, and only then:
the check reads the front matter of releases that have an embargo (a text search picks them, the model
reads them) and needs only PyYAML, pydantic and Babel, so the workflow skips the full set-up.

Where the last publication is recorded: in the published site itself. The publish workflow fixes the
build's "now" (``NEWSROOM_NOW``) before it builds and writes that moment into the site as
``newsroom-published.txt``; it goes online with the pages it describes, and only if they do. So the record
read back from the site can only be older than what is online (a failed deployment, a cached copy),
which costs one more build, never a missed release. No record (first run, another host, no network)
means due.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import urllib.error
import urllib.request
from pathlib import Path

RECORD_NAME = "newsroom-published.txt"
RECORD_MAX_BYTES = 200  # one ISO 8601 date-time
# What `python -m newsroom.commands.due` imports beyond the standard library (`--requirements` prints their pins).
DUE_PACKAGES = ("pyyaml", "pydantic", "pydantic-core", "annotated-types", "typing-extensions", "typing-inspection")
DUE_PACKAGES += ("babel",)


def recorded_moment(text: str) -> dt.datetime:
    """A recorded moment, read by the one parser of moments (model.parse_moment), as NEWSROOM_NOW is."""
    from newsroom.model.release import parse_moment

    if not text.strip():
        raise ValueError("empty record")
    return parse_moment(text.strip())


def embargoes_passed(docs_dir: Path, since: dt.datetime | None, now: dt.datetime) -> list[tuple[str, dt.datetime]]:
    """Releases whose embargo lifted after ``since`` and by ``now`` (every lifted one when ``since`` is None)."""
    from newsroom.site.catalogue import ReleaseError, load_release, release_sources

    passed: list[tuple[str, dt.datetime]] = []
    for source in release_sources(docs_dir):
        path = docs_dir / source
        try:
            text = path.read_bytes()
        except OSError:
            continue
        if b"embargo_until" not in text:
            continue  # no embargo: nothing to wait for (the text search saves parsing every release)
        try:
            until = load_release(docs_dir, source).meta.embargo_until
        except (ReleaseError, OSError):
            continue  # the build stops on it, naming the file; it cannot make a publication due
        if until is None or until > now or (since is not None and until <= since):
            continue
        passed.append((source, until))
    return passed


def read_record(site_url: str, timeout: float = 15.0) -> dt.datetime | None:
    """The moment the site online was built for, or None when it cannot be read."""
    url = site_url.rstrip("/") + "/" + RECORD_NAME
    if not url.startswith(("https://", "http://")):
        return None
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read(RECORD_MAX_BYTES + 1)
    except (OSError, urllib.error.URLError, ValueError):
        return None
    if len(data) > RECORD_MAX_BYTES:
        return None
    try:
        return recorded_moment(data.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None


def requirements(lock: Path, names: tuple[str, ...] = DUE_PACKAGES) -> str:
    """The pinned, hashed lines of ``names`` from requirements.lock (for a quick ``pip install --require-hashes``)."""
    wanted = set(names)
    kept: list[str] = []
    keeping = False
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            keeping = line.split("==", 1)[0].strip().lower() in wanted
        if keeping and not line.lstrip().startswith("#"):
            kept.append(line)
    return "\n".join(kept) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsroom.commands.due", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--site-url", help=f"the published site; its {RECORD_NAME} says when it was built")
    where.add_argument("--since", help="the last publication's moment (ISO 8601 with offset), instead of the site")
    parser.add_argument("--requirements", type=Path, metavar="LOCK", help="print the pins this check needs; exit")
    args = parser.parse_args(argv)
    if args.requirements:
        sys.stdout.write(requirements(args.requirements))
        return 0
    from newsroom.site.catalogue import now_from_env

    now = now_from_env()
    if args.since:
        try:
            since: dt.datetime | None = recorded_moment(args.since)
        except ValueError as error:
            parser.error(str(error))
    else:
        since = read_record(args.site_url) if args.site_url else None
    passed = embargoes_passed(args.docs, since, now)
    due = since is None or bool(passed)
    if since is None:
        print(f"no record of the last publication ({RECORD_NAME}): a build is due", file=sys.stderr)
    for source, until in passed:
        print(f"{source}: embargo lifted at {until.isoformat()}, after the last publication", file=sys.stderr)
    if not due:
        print(f"nothing lifted since the last publication ({since.isoformat()}); no build", file=sys.stderr)
    print(f"due={'true' if due else 'false'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
