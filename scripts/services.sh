#!/usr/bin/env bash
# Starts or stops every service the integration tests need, on 127.0.0.1.
# Each service has a script in scripts/services.d/NAME.sh taking `start` or `stop`; `start`
# installs what it needs idempotently (apt, npm into a local folder) and records PIDs and
# ports under artifacts/services/ so `stop` ends exactly what was started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
action=${1:?usage: services.sh start|stop}
shopt -s nullglob
for service in "$root"/scripts/services.d/*.sh; do
  bash "$service" "$action"
done
