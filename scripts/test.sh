#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian machine with the .NET SDK:
# installs what the tests need (idempotently), starts the services they talk to on 127.0.0.1,
# runs `dotnet test` for the whole solution, stops what it started, and ends with one line
# "N passed, N failed[, N skipped]" computed from the TRX results. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if [ ! -d "$root/../shared/data" ]; then
  echo "warning: ../shared/data is missing; the benchmark-data tests will fail and say so." >&2
fi

# Services and tools the integration tests need are set up by scripts/services.sh (idempotent);
# everything it starts is stopped again on exit, whatever happens.
if [ -x "$root/scripts/services.sh" ]; then
  trap '"$root/scripts/services.sh" stop || true' EXIT
  "$root/scripts/services.sh" start
fi

status=0
dotnet build Ledger.sln --nologo -v quiet -clp:ErrorsOnly || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
dotnet test Ledger.sln --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 8m || status=$?

shopt -s nullglob
trx=("$results"/*.trx)
if [ ${#trx[@]} -eq 0 ]; then
  echo "no test results were written"
  echo "0 passed, 1 failed"
  exit 1
fi

# Sum the <Counters .../> of every TRX file.
read -r passed failed skipped < <(
  for f in "${trx[@]}"; do grep -o '<Counters [^>]*>' "$f"; done |
    awk '{
      for (i = 1; i <= NF; i++) {
        split($i, kv, "="); gsub(/[^0-9]/, "", kv[2]);
        if (kv[1] == "passed") p += kv[2];
        if (kv[1] == "failed" || kv[1] == "error" || kv[1] == "timeout" || kv[1] == "aborted") f += kv[2];
        if (kv[1] == "notExecuted") s += kv[2];
      }
    } END { print p + 0, f + 0, s + 0 }')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the run failed (crash, hang) without a failed test to show for it
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
