#!/usr/bin/env bash
# Renders a Chancery HTML report in headless Chromium and saves a screenshot:
#   scripts/render-html-report.sh INPUT.html OUTPUT.png
# Fails (non-zero) when Chromium logs any console message (the report has no scripts, so every
# message is a problem: an error, a blocked resource, a Content-Security-Policy violation), when
# Chromium fails or hangs, or when the PNG is missing or not a PNG. Prints the PNG's path.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 INPUT.html OUTPUT.png" >&2
  exit 2
fi
input=$1
output=$2
[ -s "$input" ] || { echo "render-html-report: no such file or empty: $input" >&2; exit 2; }
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$browser" ] || { echo "render-html-report: chromium not found (apt-get install chromium)" >&2; exit 3; }

input_url="file://$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$output"

# --no-sandbox: Chromium's sandbox cannot start as root or in most containers; the page is our
# own local file whose Content-Security-Policy forbids scripts and remote loads.
# --enable-logging=stderr --v=0 makes Chromium log console messages as "…:CONSOLE…] "text"".
# A private profile directory keeps parallel runs from sharing (and locking) one profile.
status=0
timeout 90 "$browser" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --no-first-run --no-default-browser-check --disable-extensions --disable-background-networking \
  --hide-scrollbars --user-data-dir="$work/profile" \
  --enable-logging=stderr --v=0 \
  --window-size=1280,1600 --screenshot="$output" "$input_url" \
  >"$work/stdout" 2>"$work/stderr" || status=$?

if [ "$status" -ne 0 ]; then
  echo "render-html-report: chromium exited with status $status" >&2
  tail -n 20 "$work/stderr" >&2
  exit 1
fi
if grep -E ':CONSOLE[:(]|Uncaught ' "$work/stderr" >"$work/console"; then
  echo "render-html-report: the page logged console messages:" >&2
  head -n 50 "$work/console" >&2
  exit 1
fi
if [ ! -s "$output" ] || [ "$(head -c 8 "$output" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
  echo "render-html-report: no PNG written to $output" >&2
  tail -n 20 "$work/stderr" >&2
  exit 1
fi
echo "$output"
