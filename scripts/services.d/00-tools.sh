#!/usr/bin/env bash
# Chain tooling (solc, anvil) from npm into tools/node_modules; nothing to stop.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
case "${1:-}" in
  start) "$root/scripts/install-tools.sh" ;;
  stop) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
