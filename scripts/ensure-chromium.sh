#!/usr/bin/env bash
# The browser tests drive Debian's chromium (Playwright's own browser download does not work
# here). Install it when it is missing and we may; otherwise say what to do.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2
exit 1
