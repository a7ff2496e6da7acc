#!/usr/bin/env bash
# Installs schemathesis, the outside OpenAPI fuzzer scripts/run-schemathesis.sh drives, when it is
# missing: the pinned version from PyPI in a virtual environment under .build/. Nothing is
# installed outside the checkout but, as root, Debian's python3-venv when Python cannot make a
# virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."

# The version issue 13 ran; a newer one may add checks, which should be a deliberate upgrade.
version=4.32.5
venv=.build/schemathesis-venv
if [ "$("$venv/bin/st" --version 2>/dev/null)" = "st, version $version" ]; then
  exit 0
fi
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing python3-venv ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >&2
  else
    echo "The API contract test needs Python's venv: sudo apt-get install -y python3-venv" >&2
    exit 1
  fi
fi
mkdir -p .build
rm -rf "$venv"
python3 -m venv "$venv"
echo "Installing schemathesis $version into $venv ..." >&2
"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version" >&2
