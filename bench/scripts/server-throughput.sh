#!/usr/bin/env bash
# Server throughput on loopback, in one run:
#   1. GET /v1/jobs/{id} (a job that stays pending) and GET /healthz with wrk, same threads,
#      connections and duration; req/s, p99 and the ratio of the two.
#   2. LONG_POLLS long polls parked at once on that job (LongPollFlood, in its own JVM), their
#      failures, and the server's heap while they are parked.
# Installs wrk from Debian when it is missing. Always stops the server it started.
#
# Settings (environment): THREADS (2), CONNECTIONS (64), DURATION (10s), WARMUP (3s),
# LONG_POLLS (10000), LONG_POLL_WAIT seconds (20), LAUNCHER (auto | vtstatus | java),
# OUT directory for the report (bench-results; the server log, wrk's and the flood's output go to
# OUT/server-throughput-logs).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
LONG_POLLS="${LONG_POLLS:-10000}"
LONG_POLL_WAIT="${LONG_POLL_WAIT:-20}"
LAUNCHER="${LAUNCHER:-auto}"
OUT="${OUT:-bench-results}"
mkdir -p "$OUT"
report="$OUT/server-throughput.txt"
logs="$OUT/server-throughput-logs"
mkdir -p "$logs"
server_log="$logs/server.log"
: >"$report"
: >"$logs/wrk.txt"

say() { echo "$*" | tee -a "$report"; }

server_pid=""
flood_pid=""
cleanup() {
  [[ -n "$flood_pid" ]] && kill "$flood_pid" 2>/dev/null || true
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk not found; installing it from Debian..." >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

# The class path for LongPollFlood, and for the server when the vtstatus launcher is not used:
# the built vtstatus jar holds the bench module with everything it needs; without it, the bench
# module's runtime class path, built in the reactor (the modules are never installed into ~/.m2).
if [[ -f cli/target/vtstatus.jar ]]; then
  classpath="$root/cli/target/vtstatus.jar"
else
  cp_file="$root/bench/target/runtime-classpath.txt"
  ./mvnw -B -q -pl bench -am compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >&2
  classpath="$root/bench/target/classes:$(cat "$cp_file")"
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"

if [[ "$LAUNCHER" == "auto" ]]; then
  LAUNCHER=java
  [[ -f cli/target/vtstatus.jar ]] && LAUNCHER=vtstatus
fi
# Launch the server as a direct child (exec, no wrapper shell) so its pid is the JVM's.
if [[ "$LAUNCHER" == "vtstatus" ]]; then
  VTSTATUS_SKIP_BUILD=1 ./vtstatus server --port "$port" --max-jobs 200000 >"$server_log" 2>&1 &
else
  java -cp "$classpath" dev.vtstatus.bench.BenchServerMain --port "$port" >"$server_log" 2>&1 &
fi
server_pid=$!

for _ in $(seq 1 300); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server exited; see $server_log" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null

job_id="$(curl -fsS -X POST "$base/v1/jobs" -H 'Content-Type: application/json' \
  -d '{"simulate": {"duration_ms": 3600000, "outcome": "completed"}}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')"
job_url="$base/v1/jobs/$job_id"

say "server-throughput $(date -u +%Y-%m-%dT%H:%M:%SZ): launcher=$LAUNCHER, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up of each), loopback"
say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"

# Prints "<req/s> <p99 in ms>" of one wrk run.
measure() {
  local url="$1" duration="$2" output rps p99
  output="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency "$url")"
  echo "$output" >>"$logs/wrk.txt"
  rps="$(echo "$output" | awk '/Requests\/sec:/ {print $2}')"
  p99="$(echo "$output" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}')"
  local non2xx
  non2xx="$(echo "$output" | awk '/Non-2xx/ {print $NF}')"
  echo "$rps $p99 ${non2xx:-0}"
}

measure "$job_url" "$WARMUP" >/dev/null
measure "$base/healthz" "$WARMUP" >/dev/null
read -r job_rps job_p99 job_bad < <(measure "$job_url" "$DURATION")
read -r health_rps health_p99 health_bad < <(measure "$base/healthz" "$DURATION")
ratio="$(python3 -c "print(f'{$job_rps / $health_rps:.3f}')")"
say ""
say "| endpoint | req/s | p99 ms | non-2xx |"
say "|---|---:|---:|---:|"
say "| GET /v1/jobs/{id} | $job_rps | $job_p99 | $job_bad |"
say "| GET /healthz | $health_rps | $health_p99 | $health_bad |"
say ""
met="NOT MET"
python3 -c "import sys; sys.exit(0 if $ratio >= 0.6 else 1)" && met="met"
say "GET /v1/jobs/{id} / GET /healthz throughput: $ratio (target >= 0.60: $met)"

heap_before="$(jcmd "$server_pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ {print; exit}' || true)"
java -cp "$classpath" dev.vtstatus.bench.LongPollFlood "$job_url" "$LONG_POLLS" "$LONG_POLL_WAIT" \
  >"$logs/long-poll-flood.txt" 2>&1 &
flood_pid=$!
# Read the server while the polls are parked: half-way through the wait.
sleep "$(python3 -c "print($LONG_POLL_WAIT / 2)")"
server_sockets="$(ls -l /proc/"$server_pid"/fd 2>/dev/null | grep -c socket: || true)"
heap_parked="$(jcmd "$server_pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ {print; exit}' || true)"
flood_status=0
wait "$flood_pid" || flood_status=$?
flood_pid=""
flood="$(head -1 "$logs/long-poll-flood.txt")"; causes="$(tail -n +2 "$logs/long-poll-flood.txt")"
say ""
say "long polls: $flood (exit $flood_status)"
[[ -n "$causes" ]] && say "$causes"
say "server sockets open half-way through the wait: $server_sockets"
say "server heap before the long polls: ${heap_before:-unavailable}"
say "server heap with the long polls parked: ${heap_parked:-unavailable}"
failed="$(echo "$flood" | sed -n 's/.*failed=\([0-9]*\).*/\1/p')"
early="$(echo "$flood" | sed -n 's/.*early=\([0-9]*\).*/\1/p')"
met="NOT MET"
[[ "$flood_status" == 0 && "${failed:-1}" == 0 && "${early:-1}" == 0 ]] && met="met"
say "$LONG_POLLS parked long polls with no failure: $met"
say ""
say "report written to $report"
