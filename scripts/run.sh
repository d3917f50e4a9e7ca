#!/usr/bin/env bash
# Runs the service with embedded defaults and demo data: SQLite under ./data, HTTP on
# http://127.0.0.1:5080. Extra arguments go to `ledger serve` (e.g. --no-demo, --data DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet build src/Host/Host.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet "src/Host/bin/Release/net10.0/ledger.dll" serve "$@"
