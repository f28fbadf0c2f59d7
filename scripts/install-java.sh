#!/bin/sh
# Installs Java (Debian's default-jre-headless) for the W3C Nu HTML checker (npm vnu-jar) when no working
# java is present. Tests use this java only: nothing downloads a runtime of its own.
set -eu
if command -v java >/dev/null 2>&1 && java -version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-java: Java is missing; run 'sudo apt-get install default-jre-headless' once, then 'make test' again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
java -version >/dev/null 2>&1
