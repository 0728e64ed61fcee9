#!/usr/bin/env bash
# Browser end-to-end tests of `newsgraph serve` in the system's headless Chromium.
#
#   bash .ci/browser.sh target/release/newsgraph
#
# Installs Debian's chromium if missing, installs the pinned playwright-core (npm ci),
# ingests the seed article and two hostile documents (HTML and script in the text) into a
# fresh store, serves it on a free loopback port, runs tests/browser/ui.test.mjs and stops
# the server. Screenshots: target/browser/*.png; server log: target/browser/server.log.
# With BROWSER_POLNEAR=N (and NEWSGRAPH_DATA), N PolNeAR news texts are ingested too.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${1:?usage: .ci/browser.sh PATH/TO/newsgraph}")"
out="$PWD/target/browser"
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
  echo "== browser: installing chromium (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
echo "== browser: npm ci (tests/browser)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db="$work/ui.db"
echo "== browser: ingest the seed article and the XSS documents into $db"
"$bin" ingest --db "$db" --quiet --published 2023-06-30 examples/wagner-belarus.txt tests/browser/xss-plain.txt
"$bin" ingest --db "$db" --quiet --analysis crates/serve/tests/fixtures/xss.jsonl
if [ -n "${BROWSER_POLNEAR:-}" ] && [ -d "${NEWSGRAPH_DATA:-../shared/data}/polnear" ]; then
  mapfile -t texts < <(find "${NEWSGRAPH_DATA:-../shared/data}/polnear" -name '*.txt' | sort | head -n "$BROWSER_POLNEAR")
  echo "== browser: ingest ${#texts[@]} PolNeAR texts"
  "$bin" ingest --db "$db" --quiet "${texts[@]}" || true
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
echo "== browser: newsgraph serve on 127.0.0.1:$port"
"$bin" serve --db "$db" --addr "127.0.0.1:$port" >"$out/server.log" 2>&1 &
pid=$!

BASE_URL="http://127.0.0.1:$port" SHOTS="$out" node tests/browser/ui.test.mjs
