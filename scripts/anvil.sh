#!/usr/bin/env bash
# Runs a local anvil node (installed by scripts/install-tools.sh) in the background on 127.0.0.1.
#
#   scripts/anvil.sh start [--port N] [--dump-state FILE] [--load-state FILE] [-- more anvil args]
#   scripts/anvil.sh stop
#   scripts/anvil.sh status
#
# start picks a free port unless --port is given, waits until the node answers, and records
# its PID, port and RPC URL in the state folder ($ANVIL_STATE_DIR, default .tools/anvil):
# files pid, port, rpc-url and anvil.log. stop ends that PID (SIGTERM, so --dump-state is
# written) and waits for it. Chain id is anvil's default 31337 unless passed after "--".
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
anvil="$repo/tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
state_dir="${ANVIL_STATE_DIR:-$repo/.tools/anvil}"

die() { echo "anvil.sh: $*" >&2; exit 1; }

running_pid() {
  [[ -f "$state_dir/pid" ]] || return 1
  local pid
  pid="$(cat "$state_dir/pid")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

start() {
  local port="" extra=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="${2:?--port needs a number}"; shift 2 ;;
      --dump-state) extra+=(--dump-state "${2:?--dump-state needs a path}"); shift 2 ;;
      --load-state) extra+=(--load-state "${2:?--load-state needs a path}"); shift 2 ;;
      --) shift; extra+=("$@"); break ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ -x "$anvil" ]] || die "anvil is not installed at $anvil: run scripts/install-tools.sh"
  if pid="$(running_pid)"; then
    die "already running (pid $pid, port $(cat "$state_dir/port")); run: scripts/anvil.sh stop"
  fi
  [[ -n "$port" ]] || port="$(free_port)"
  mkdir -p "$state_dir"
  nohup "$anvil" --host 127.0.0.1 --port "$port" "${extra[@]}" >"$state_dir/anvil.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$state_dir/pid"
  echo "$port" >"$state_dir/port"
  echo "http://127.0.0.1:$port" >"$state_dir/rpc-url"
  local body='{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}'
  for _ in $(seq 1 100); do
    if curl -sf -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port" >/dev/null 2>&1; then
      echo "anvil.sh: running pid $pid at http://127.0.0.1:$port (state in $state_dir)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$state_dir/anvil.log" >&2; rm -f "$state_dir/pid"; die "anvil exited at start"; }
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  rm -f "$state_dir/pid"
  die "anvil did not answer on port $port within 10 s (log: $state_dir/anvil.log)"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$state_dir/pid"
    echo "anvil.sh: not running"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$state_dir/pid"; echo "anvil.sh: stopped pid $pid"; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$state_dir/pid"
  echo "anvil.sh: killed pid $pid (did not stop within 10 s)" >&2
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running pid $pid at $(cat "$state_dir/rpc-url")"
  else
    echo "not running"
    return 1
  fi
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: anvil.sh start [--port N] [--dump-state FILE] [--load-state FILE] [-- anvil args] | stop | status" ;;
esac
