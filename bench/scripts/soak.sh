#!/usr/bin/env bash
# Soak benchmark on loopback: a server with the default limits in its own JVM with a small heap,
# under large-metadata creates, non-reading event streams with replays, slow headers and a health
# probe, all at once; reports heap after GC, RSS, answers by status and the probe's p99.
# Bounded by DURATION_S; stops the server it started (dev.vtstatus.bench.SoakBenchmark).
#
# Settings (environment): DURATION_S (60), HEAP (256m), OUT directory for the report
# (bench-results; OUT/soak.txt, the server's log in OUT/soak-server.log). Extra arguments go to
# SoakBenchmark (see --help).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

DURATION_S="${DURATION_S:-60}"
HEAP="${HEAP:-256m}"
OUT="${OUT:-bench-results}"

# A reactor build, so the bench runs the server code of this checkout, not a copy in ~/.m2.
cp_file="$root/bench/target/runtime-classpath.txt"
./mvnw -B -q -pl bench -am compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >&2
classpath="$root/bench/target/classes:$(cat "$cp_file")"

exec java -cp "$classpath" dev.vtstatus.bench.SoakBenchmark \
  --duration-s "$DURATION_S" --heap "$HEAP" --out "$OUT" "$@"
