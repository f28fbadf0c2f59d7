#!/bin/sh
# Installs Debian packages the tests need when the program that proves them is missing:
#   sh scripts/install-debian.sh '<check command>' <package>...
# Tests use these programs only: no test tool downloads a browser or a runtime of its own.
set -eu
check=$1
shift
if sh -c "$check" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-debian: '$check' fails; run 'sudo apt-get install $*' once, then 'make test' again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$@" >/dev/null
sh -c "$check" >/dev/null 2>&1
