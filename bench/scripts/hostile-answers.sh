#!/usr/bin/env bash
# What the vtstatus command does against hostile servers on loopback: one that answers with a body
# that never ends, and one that accepts connections and never answers. Reports, for `vtstatus
# status`, the exit code, the wall time and the peak resident memory (GNU time), and for the endless
# body how many bytes the server managed to send before the client stopped reading.
# Needs python3 and /usr/bin/time. Each fake server serves one connection and stops by itself
# (after the client hangs up, or after 60 s).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

serve() { # MODE: endless | silent; prints the port on the first line of $out/MODE.port
  python3 - "$1" "$out/$1" <<'PY' &
import socket, sys, time
mode, base = sys.argv[1], sys.argv[2]
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8); s.settimeout(60)
open(base + ".port", "w").write(str(s.getsockname()[1]))
sent = 0
end = time.time() + 60
while time.time() < end:
    # the command first checks that something listens (a connect without a request): skip those
    try:
        conn, _ = s.accept()
    except OSError:
        break
    conn.settimeout(60)
    head = b""
    try:
        while b"\r\n\r\n" not in head:
            piece = conn.recv(65536)
            if not piece:
                break
            head += piece
        if b"\r\n\r\n" not in head:
            conn.close()
            continue
        if mode == "endless":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[")
            chunk = b" " * 65536
            while time.time() < end:
                conn.sendall(chunk); sent += len(chunk)
        else:
            while conn.recv(65536):
                pass
    except OSError:
        pass
    break
open(base + ".sent", "w").write(str(sent))
PY
  for _ in $(seq 100); do [[ -s "$out/$1.port" ]] && break; sleep 0.1; done
}

run() { # MODE, extra vtstatus args...
  local mode="$1"; shift
  serve "$mode"
  local url="http://127.0.0.1:$(cat "$out/$mode.port")"
  set +e
  VTSTATUS_SKIP_BUILD=1 /usr/bin/time -f "%e %M" -o "$out/$mode.time" \
    ./vtstatus status 3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c --url "$url" "$@" 2>"$out/$mode.err"
  local code=$?
  set -e
  wait
  read -r secs rss < <(tail -n 1 "$out/$mode.time")
  echo "$mode: exit $code, ${secs}s, peak RSS $((rss / 1024)) MiB, server sent $(cat "$out/$mode.sent") bytes"
  sed "s/^/  /" "$out/$mode.err"
}

[[ -f cli/target/vtstatus.jar ]] || ./vtstatus --version >/dev/null
run endless
run silent --timeout 2s
