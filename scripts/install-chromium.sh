#!/bin/sh
# Installs Debian's Chromium (and its driver) for the browser tests when it is missing.
# Browser tests use this binary only: no test tool downloads a browser of its own.
set -eu
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: Chromium is missing; run 'sudo apt-get install chromium fonts-noto-cjk' once, then 'make test' again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
command -v chromium >/dev/null
