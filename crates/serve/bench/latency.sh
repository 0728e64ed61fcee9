#!/usr/bin/env bash
# Latency of the entity page and quote search under load, measured with wrk on loopback.
#
#   crates/serve/bench/latency.sh NEWSGRAPH_BINARY STORE.db [SECONDS_PER_SCENARIO]
#
# Starts `newsgraph serve` on a free loopback port, takes the 2,000 most-documented people of
# the store (as the store's scale_bench does), and requests pages for random ones among them
# (fixed seed) with 1 wrk thread and 4 connections (WRK_CONNECTIONS=N to change). Prints p50/p95/p99 per scenario. Each
# scenario is bounded by SECONDS (default 10); the server is stopped at the end.
set -euo pipefail
bin="${1:?usage: latency.sh NEWSGRAPH_BINARY STORE.db [SECONDS]}"
db="${2:?usage: latency.sh NEWSGRAPH_BINARY STORE.db [SECONDS]}"
secs="${3:-10}"
conns="${WRK_CONNECTIONS:-4}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
log="$(mktemp)"
"$bin" serve --db "$db" --addr "127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
lua="$(mktemp --suffix=.lua)"
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$lua" "$log"' EXIT

ids="$(python3 - "$base" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
for _ in range(100):
    try:
        urllib.request.urlopen(base + "/healthz", timeout=1)
        break
    except OSError:
        time.sleep(0.2)
ids = []
for offset in range(0, 2000, 500):
    with urllib.request.urlopen(f"{base}/api/entities?type=PERSON&limit=500&offset={offset}", timeout=60) as r:
        ids += [e["id"] for e in json.load(r)["items"]]
print(",".join(map(str, ids)))
PY
)"
echo "store $db: $(echo "$ids" | tr ',' '\n' | wc -l) people to pick from"

cat >"$lua" <<LUA
local ids = {$ids}
local path = os.getenv("WRK_PATH")
math.randomseed(7)
request = function()
  return wrk.format("GET", string.format(path, ids[math.random(#ids)]))
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("  %d requests, %d errors/non-2xx, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

run() {
  echo "$1: GET $2"
  WRK_PATH="$2" wrk -t1 -c"$conns" -d"${secs}s" --timeout 10s -s "$lua" "$base" | grep -E '^  [0-9]+ requests'
}
run "entity page (HTML)" "/entities/%d"
run "entity profile (JSON)" "/api/entities/%d"
run "quote search by speaker (HTML)" "/search?mode=quotes&speaker=%d&from=2022-01-01"
run "quote search by speaker (JSON)" "/api/attributions?speaker=%d&from=2022-01-01"
run "quote search by words and cue (HTML)" "/search?mode=quotes&q=sanctions+treaty&cue=said&x=%d"
