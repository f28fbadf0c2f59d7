"""``python -m newsroom.build``: the production build, every language at once (``make build``).

Same result as ``mkdocs build --strict``, in about the time of the slowest language instead of
the sum of all of them (see newsroom.mkdocs_adapter.parallel for how and why).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsroom.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site_dir of the config)")
    parser.add_argument("--no-strict", action="store_true", help="do not stop on warnings")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--state",
        type=Path,
        help="folder of the incremental build's state (default: .cache/newsroom beside the config)",
    )
    parser.add_argument("--full", action="store_true", help="ignore the state: render every page (`make build FULL=1`)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # Imported late: `--help` should not pay for importing MkDocs.
    from newsroom.incremental import DEFAULT_STATE_DIR
    from newsroom.mkdocs_adapter.parallel import ParallelBuildError, build_parallel

    try:
        site = build_parallel(
            args.config_file,
            args.site_dir,
            strict=not args.no_strict,
            verbose=args.verbose,
            state_dir=args.state or args.config_file.resolve().parent / DEFAULT_STATE_DIR,
            use_state=not args.full,
        )
    except ParallelBuildError as error:
        print(f"error: {error}")
        return 1
    print(f"site built in {site}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
