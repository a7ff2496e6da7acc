#!/usr/bin/env bash
# Installs what building and running Chancery needs from Debian's packages, when it is missing:
# libpq (headers and library, found through pkg-config) and the PostgreSQL server binaries for the
# embedded cluster. Needs root for apt-get; otherwise it says what to install.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists libpq 2>/dev/null || missing+=(libpq-dev)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 && [ -z "${PG_BIN:-}" ]; then
  missing+=(postgresql)
fi
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
# FoundationXML (CMIF import) needs libxml2 at run time; the tests validate CMIF exports with xmllint.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# The tests render the HTML timeline report in headless Chromium (scripts/render-html-report.sh).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Without any font, Chromium renders the report's text as boxes.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "Chancery needs these Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "Chancery needs the Swift 6 toolchain (swift build); see https://www.swift.org/install/linux/" >&2
  exit 1
fi
