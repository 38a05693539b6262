#!/usr/bin/env bash
# Install the headless browser the HTML end-to-end tests drive: Debian's chromium.
# Playwright's own browser download needs the internet; Debian's package comes from the apt registry.
set -euo pipefail
BROWSER="${AUDITOR_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$BROWSER" ]; then
    echo "browser: $BROWSER present"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "browser: $BROWSER is missing and installing it needs root; run: sudo apt-get install -y chromium" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "browser: $BROWSER is missing and apt-get is not available; install Chromium and set AUDITOR_CHROMIUM" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }; then
    echo "browser: apt-get could not install chromium; install it by hand (apt-get install -y chromium)" >&2
    exit 1
fi
test -x "$BROWSER" || { echo "browser: chromium installed but $BROWSER not found" >&2; exit 1; }
echo "browser: installed $("$BROWSER" --version 2>/dev/null || echo chromium)"
