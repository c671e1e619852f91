#!/usr/bin/env bash
# Load test of `sagesim serve` (issue #10): single-row CSV requests to an xgboost model, driven
# by wrk on loopback for a bounded time, then a run of malformed requests after which the server
# must still answer /ping. The same model (its xgboost-model.json) is then served by xgboost's
# own Booster behind Python's http.server and loaded the same way, for a ratio.
#   bash serve_load.sh SAGESIM PYTHON
# Environment: DURATION (s, default 10), THREADS (2), CONNECTIONS (16).
set -euo pipefail
sagesim="$1"; python="$2"
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/out/serve"; rm -rf "$out"; mkdir -p "$out"
duration="${DURATION:-10}"; threads="${THREADS:-2}"; connections="${CONNECTIONS:-16}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

# 2000 rows x 10 features, label first; 50 depth-4 trees.
"$python" - "$out/train.csv" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(7)
X = rng.normal(size=(2000, 10)); y = X[:, 0] * 2 + np.sin(X[:, 1] * 3) + 0.1 * rng.normal(size=2000)
np.savetxt(sys.argv[1], np.column_stack([y, X]), delimiter=",", fmt="%.6f")
PY
"$sagesim" train xgboost --train "$out/train.csv" --model-dir "$out/model" \
  --hp num_round=50 --hp max_depth=4 --hp objective=reg:squarederror >/dev/null
export ROW="$(head -1 "$out/train.csv" | cut -d, -f2-)"

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ping() { for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/ping" >/dev/null && return 0; sleep 0.1; done; return 1; }

# wrk --latency prints "50%  1.23ms" lines; report them in ms.
load() {  # name port
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/serve_post.lua" \
    "http://127.0.0.1:$2/invocations" > "$out/wrk-$1.txt"
  "$python" - "$out/wrk-$1.txt" "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % re.escape(label), text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{sys.argv[2]:<28} {rps:>10.0f} {ms('50%'):>9.3f} {ms('99%'):>9.3f} {int(errors.group(1)) if errors else 0:>8}")
PY
}

port=$(free_port)
"$sagesim" serve --model-dir "$out/model" --port "$port" 2> "$out/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true; kill ${reference:-} 2>/dev/null || true' EXIT
wait_ping "$port"
expected="$(curl -s -X POST -H 'Content-Type: text/csv' --data-binary "$ROW" "http://127.0.0.1:$port/invocations")"

echo "load: ${duration}s, $threads wrk threads, $connections connections, one CSV row per request (uptime: $(uptime | sed 's/.*load average/load average/'))"
printf "%-28s %10s %9s %9s %8s\n" server "requests/s" "p50 ms" "p99 ms" "non-2xx"
load "sagesim serve" "$port"

# Malformed requests: every one must get its 4xx, and the server must still answer.
bad=0; total=0
big="$out/big.csv"; "$python" -c "import sys; sys.stdout.write('1,2,3,4,5,6,7,8,9,10\n' * 700000)" > "$big"  # ~14 MB > 6 MB
for i in $(seq 50); do
  for spec in "text/csv|1,2,x|400" "text/csv|1,2,3|400" "application/json|{\"instances\": [|415" \
              "text/csv||400" "image/png|abc|415" "text/csv|$ROW,1|400"; do
    IFS='|' read -r type body want <<< "$spec"
    got=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Content-Type: $type" --data-binary "$body" "http://127.0.0.1:$port/invocations")
    total=$((total + 1)); [ "$got" = "$want" ] || { bad=$((bad + 1)); echo "  $type '$body': got $got, expected $want"; }
  done
done
for i in 1 2 3; do
  got=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Content-Type: text/csv" --data-binary "@$big" "http://127.0.0.1:$port/invocations")
  total=$((total + 1)); [ "$got" = "413" ] || { bad=$((bad + 1)); echo "  14 MB body: got $got, expected 413"; }
done
ping=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ping")
after="$(curl -s -X POST -H 'Content-Type: text/csv' --data-binary "$ROW" "http://127.0.0.1:$port/invocations")"
echo "malformed: $total requests, $bad with an unexpected status; /ping afterwards: $ping; same answer as before: $([ "$after" = "$expected" ] && echo yes || echo NO)"
echo "log lines: $(wc -l < "$out/serve.log") ($(grep -c ' 4[0-9][0-9] ' "$out/serve.log") refusals)"
kill -TERM $server; wait $server 2>/dev/null || true
grep -q "sagesim serve: stopped" "$out/serve.log" && echo "SIGTERM: stopped cleanly"

# Reference: the same model in xgboost's Booster behind Python's http.server.
if "$python" -c "import xgboost" 2>/dev/null; then
  port=$(free_port)
  "$python" "$here/serve_reference.py" "$out/model/xgboost-model.json" "$port" 2> "$out/reference.log" &
  reference=$!
  wait_ping "$port"
  ref="$(curl -s -X POST -H 'Content-Type: text/csv' --data-binary "$ROW" "http://127.0.0.1:$port/invocations")"
  echo "same row: sagesim $expected | xgboost $ref"
  printf "%-28s %10s %9s %9s %8s\n" server "requests/s" "p50 ms" "p99 ms" "non-2xx"
  load "python http.server+xgboost" "$port"
  kill $reference
fi
