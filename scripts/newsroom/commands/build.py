"""``python -m newsroom.commands.build``: the production build, every language at once (``make build``).

Same result as ``mkdocs build --strict``, in about the time of the slowest language instead of
the sum of all of them (see newsroom.mkdocs_adapter.parallel for how and why), rendering only the pages whose
inputs changed when a state folder holds an earlier build (``--full`` renders all). At the end it reports the
site's bytes and files against the host's cap (the plugin's ``size_cap``), warning above 80 %.

``--publish`` (the publish workflow, ``make build PUBLISH=1``, ``make deploy``) is a build for readers: it
refuses a missing or loopback ``site_url`` before building, and a site larger than the cap after.
``make serve``, the tests and the pull-request checks build without it (they are never published).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def build_command(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsroom.commands.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site_dir of the config)")
    parser.add_argument("--no-strict", action="store_true", help="do not stop on warnings")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--publish", action="store_true", help="a build for readers: refuse a loopback site_url, a site above the cap"
    )
    parser.add_argument(
        "--state",
        type=Path,
        help="folder of the incremental build's state (default: .cache/newsroom beside the config)",
    )
    parser.add_argument("--full", action="store_true", help="ignore the state: render every page (`make build FULL=1`)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # Imported late: `--help` should not pay for importing MkDocs.
    from newsroom.hosting.rules import measure_site, publishing_address_error, site_size, size_report
    from newsroom.incremental.state import DEFAULT_STATE_DIR
    from newsroom.mkdocs_adapter.config import publish_settings
    from newsroom.mkdocs_adapter.parallel import ParallelBuildError, build_parallel, load_site_config

    try:  # read once: the build starts from it
        config = load_site_config(args.config_file, args.site_dir, strict=not args.no_strict)
    except ParallelBuildError as error:
        print(f"error: {error}")
        return 1
    site_url, cap = publish_settings(config)
    if args.publish and (problem := publishing_address_error(site_url)):
        print(f"error: a build for publishing: {problem}")
        return 1
    try:
        built = build_parallel(
            args.config_file,
            args.site_dir,
            strict=not args.no_strict,
            verbose=args.verbose,
            state_dir=args.state or args.config_file.resolve().parent / DEFAULT_STATE_DIR,
            use_state=not args.full,
            config=config,
        )
    except ParallelBuildError as error:
        print(f"error: {error}")
        return 1
    print(f"site built in {built.site}")
    line, warning, over = size_report(measure_site(built.site) if built.sizes is None else site_size(built.sizes), cap)
    print(line)
    if over and args.publish:
        print(f"error: {warning}")
        return 1
    if warning:
        print(f"warning: {warning}")
    return 0


if __name__ == "__main__":
    raise SystemExit(build_command())
