#!/usr/bin/env bash
# Status reads of a pending job (GET /v1/jobs/{id}) with wrk on loopback, side by side in one run:
#   memory     one server on the in-memory store
#   redis x1   one server on Redis
#   redis x3   three servers on one Redis, wrk's threads spread over them
# Prints req/s, p99 and each Redis row's share of the in-memory throughput (target: >= 0.40).
# Installs wrk and redis-server from Debian when missing. Always stops what it started.
#
# Settings (environment): THREADS (3), CONNECTIONS (63), DURATION (10s), WARMUP (3s),
# OUT directory for the report (bench-results; logs go to OUT/store-throughput-logs).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

THREADS="${THREADS:-3}"
CONNECTIONS="${CONNECTIONS:-63}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
OUT="${OUT:-bench-results}"
logs="$OUT/store-throughput-logs"
mkdir -p "$logs"
report="$OUT/store-throughput.txt"
: >"$report"
: >"$logs/wrk.txt"

say() { echo "$*" | tee -a "$report"; }

pids=()
redis_pid=""
stop_servers() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  pids=()
  servers=()
}
cleanup() {
  stop_servers
  [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

need() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "$1 not found; installing $2 from Debian..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need wrk wrk
need redis-server redis-server

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_for() {
  local url="$1" pid="$2" log="$3"
  for _ in $(seq 1 300); do
    curl -fsS "$url/healthz" >/dev/null 2>&1 && return
    kill -0 "$pid" 2>/dev/null || { echo "a server exited; see $log" >&2; exit 1; }
    sleep 0.1
  done
  curl -fsS "$url/healthz" >/dev/null
}

./vtstatus --version >/dev/null  # builds the jar once, if needed

# Starts a server on $1 (memory or a redis URL) and adds its base URL to the array "servers".
servers=()
start_server() {
  local store="$1" port log
  port="$(free_port)"
  log="$logs/server-$port.log"
  VTSTATUS_SKIP_BUILD=1 ./vtstatus server --port "$port" --store "$store" --max-jobs 200000 >"$log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port" "$!" "$log"
  servers+=("http://127.0.0.1:$port")
}

# wrk script that gives each thread one of the servers, round robin.
spread="$logs/spread.lua"

# Prints "<req/s> <p99 ms> <non-2xx>" of one wrk run against the path on the servers given.
measure() {
  local duration="$1" path="$2"; shift 2
  local hosts="" url output rps p99 non2xx
  for url in "$@"; do hosts="$hosts\"${url#http://}\","; done
  cat >"$spread" <<LUA
local hosts = {${hosts}}
local n = 0
function setup(thread)
  n = n + 1
  local host, port = hosts[(n - 1) % #hosts + 1]:match("([^:]+):(%d+)")
  thread.addr = wrk.lookup(host, port)[1]
end
LUA
  output="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$spread" "$1$path")"
  echo "$output" >>"$logs/wrk.txt"
  rps="$(echo "$output" | awk '/Requests\/sec:/ {print $2}')"
  p99="$(echo "$output" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}')"
  non2xx="$(echo "$output" | awk '/Non-2xx/ {print $NF}')"
  echo "$rps $p99 ${non2xx:-0}"
}

pending_job() {
  curl -fsS -X POST "$1/v1/jobs" -H 'Content-Type: application/json' \
    -d '{"simulate": {"duration_ms": 3600000, "outcome": "completed"}}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])'
}

# Runs one row: warm-up, then the measured run; prints "<req/s> <p99> <non-2xx>".
row() {
  local job
  job="$(pending_job "$1")"
  measure "$WARMUP" "/v1/jobs/$job" "$@" >/dev/null
  measure "$DURATION" "/v1/jobs/$job" "$@"
}

redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$logs/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis_url="redis://127.0.0.1:$redis_port"

say "store-throughput $(date -u +%Y-%m-%dT%H:%M:%SZ): wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up), loopback"
say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f1-3)"

start_server memory
read -r mem_rps mem_p99 mem_bad < <(row "${servers[@]}")
stop_servers

start_server "$redis_url"
read -r one_rps one_p99 one_bad < <(row "${servers[@]}")
stop_servers

start_server "$redis_url"; start_server "$redis_url"; start_server "$redis_url"
read -r three_rps three_p99 three_bad < <(row "${servers[@]}")

share() { python3 -c "print(f'{$1 / $mem_rps:.2f}')"; }
say ""
say "| store | req/s | p99 ms | non-2xx | share of memory |"
say "|---|---:|---:|---:|---:|"
say "| memory | $mem_rps | $mem_p99 | $mem_bad | 1.00 |"
say "| redis, 1 replica | $one_rps | $one_p99 | $one_bad | $(share "$one_rps") |"
say "| redis, 3 replicas | $three_rps | $three_p99 | $three_bad | $(share "$three_rps") |"
