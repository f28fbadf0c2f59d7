"""The real ministry releases of ``../shared/corpus/moe`` converted into a temporary copy of the site and built.

Built once per test process, whichever test module asks first (the recall test in tests/search and
the excerpt test in tests/browser share it): converting and building take about a minute on two cores.
Releases the converter refuses are simply left out. Nothing is written to the project's docs/.
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsroom.commands.preview import relocated_config

from tests.conftest import ROOT, mkdocs_build


@dataclass(frozen=True)
class CorpusSite:
    site: Path  # the built site
    docs: Path  # its docs/ folder
    releases: tuple[Path, ...]  # the Korean pages converted from the corpus


_BUILT: dict[Path, CorpusSite] = {}


def corpus_site(shared: Path) -> CorpusSite:
    corpus = shared / "corpus" / "moe"
    if corpus in _BUILT:
        return _BUILT[corpus]
    work = Path(tempfile.mkdtemp(prefix="newsroom-corpus-"))
    atexit.register(shutil.rmtree, work, True)
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("newsroom")), "convert", str(corpus), "--docs-dir", str(docs), "--json"],
        capture_output=True,
        text=True,
        cwd=work,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    # A release held until its moment is announced (embargo_held) is never published: not part of the search.
    releases = tuple(
        work / line["pages"]["ko"]
        for line in lines
        if line["status"] == "converted" and line["pages"].get("ko") and "embargo_held" not in line["meta"]["ko"]
    )
    config = relocated_config(ROOT / "mkdocs.yml", docs, work)
    out = work / "site"
    mkdocs_build(config, out)
    _BUILT[corpus] = CorpusSite(site=out, docs=docs, releases=releases)
    return _BUILT[corpus]
