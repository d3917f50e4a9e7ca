#!/usr/bin/env bash
# A real Mosquitto broker on 127.0.0.1:${MOSQUITTO_PORT:-18830} for the ingestion tests (external-broker mode).
# start: installs mosquitto from Debian if missing (idempotent), writes its config under
#        artifacts/services/mosquitto/, starts it and records its PID and port there.
# stop:  stops exactly the recorded PID.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/artifacts/services/mosquitto"
port=${MOSQUITTO_PORT:-18830}
pidfile="$dir/pid"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  if running; then
    echo "mosquitto already running (pid $(cat "$pidfile"), port $(cat "$dir/port"))"
    return 0
  fi
  if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
    echo "installing mosquitto (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends mosquitto >/dev/null
  fi
  local bin
  bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
  mkdir -p "$dir"
  cat > "$dir/mosquitto.conf" <<CONF
# Written by scripts/services.d/mosquitto.sh for the tests; loopback only.
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 100000
max_inflight_messages 1000
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
CONF
  "$bin" -c "$dir/mosquitto.conf" -d
  # -d forks; find the daemon by its config file, which is unique to this folder.
  local pid=""
  for _ in $(seq 1 50); do
    pid=$(pgrep -n -f -- "-c $dir/mosquitto.conf" || true)
    if [ -n "$pid" ] && listening "$port"; then break; fi
    sleep 0.1
  done
  if [ -z "$pid" ] || ! listening "$port"; then
    echo "mosquitto did not start on 127.0.0.1:$port; see $dir/mosquitto.log" >&2
    exit 1
  fi
  echo "$pid" > "$pidfile"
  echo "$port" > "$dir/port"
  echo "mosquitto started (pid $pid) on 127.0.0.1:$port"
}

stop() {
  if running; then
    local pid
    pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    echo "mosquitto stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
