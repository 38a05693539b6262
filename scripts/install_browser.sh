#!/usr/bin/env bash
# Install what the HTML end-to-end tests drive: Debian's chromium, and axe-core from npm
# (tests/browser/package-lock.json) for the accessibility checks; nothing is fetched at test time.
# Playwright's own browser download needs the internet; Debian's package comes from the apt registry.
set -euo pipefail
cd "$(dirname "$0")/.."
AXE=tests/browser/node_modules/axe-core/axe.min.js
install_axe() {
    if [ -f "$AXE" ]; then
        echo "axe-core: present"
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
        else
            echo "axe-core: npm is missing; install Node.js/npm, then: npm ci --prefix tests/browser" >&2
            exit 1
        fi
    fi
    npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
    test -f "$AXE" || { echo "axe-core: npm ci ran but $AXE is missing" >&2; exit 1; }
    echo "axe-core: installed"
}
install_axe
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
