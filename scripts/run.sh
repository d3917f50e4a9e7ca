#!/usr/bin/env bash
# Runs the service with embedded defaults and demo data: SQLite under ./data, HTTP on
# http://127.0.0.1:5080. Extra arguments go to `ledger serve` (e.g. --no-demo, --data DIR).
#
# Anchoring: when no chain is configured (LEDGER_Anchoring__Chain__RpcUrl is unset) and --no-chain
# is not given, a local development chain is started first: scripts/install-tools.sh, then
# scripts/anvil.sh on 127.0.0.1 with a free port, chain id 31337 and its state in DATA/anvil
# (kept across runs). The service gets the RPC URL, the chain id and anvil's first development
# key by environment variables; that key is PUBLIC (every anvil prints it) and is for this local
# chain only. The service deploys the AnchorRegistry on first start and remembers it in
# DATA/anchor-contract.json. anvil is stopped when the service exits.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

args=()
data="data"
dev_chain=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-chain) dev_chain=0; shift ;;
    --data) data="${2:?--data needs a folder}"; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ -z "${LEDGER_Anchoring__Chain__RpcUrl:-}" ]] || dev_chain=0

dotnet build src/Host/Host.csproj -c Release --nologo -v quiet -clp:ErrorsOnly

if [[ "$dev_chain" == 1 ]]; then
  scripts/install-tools.sh
  export ANVIL_STATE_DIR="$(mkdir -p "$data/anvil" && cd "$data/anvil" && pwd)"
  scripts/anvil.sh stop >/dev/null   # one left over from a run that was killed
  scripts/anvil.sh start -- --state "$ANVIL_STATE_DIR/state.json" --state-interval 5
  trap 'scripts/anvil.sh stop' EXIT
  export LEDGER_Anchoring__Chain__RpcUrl="$(cat "$ANVIL_STATE_DIR/rpc-url")"
  export LEDGER_Anchoring__Chain__ChainId=31337
  # anvil's first development account (public key material; never use it on a real chain).
  export LEDGER_Anchoring__Chain__PrivateKey=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
  export LEDGER_Anchoring__Chain__MaxFeePerGasWei=10000000000
  export LEDGER_Anchoring__Chain__MaxPriorityFeePerGasWei=1000000000
  export LEDGER_Anchoring__Period="${LEDGER_Anchoring__Period:-00:00:15}"
fi

# In the background so that SIGINT/SIGTERM reach the service and the EXIT trap runs after it stopped.
dotnet "src/Host/bin/Release/net10.0/ledger.dll" serve "${args[@]}" &
service=$!
trap 'kill -TERM "$service" 2>/dev/null || true' INT TERM
status=0
wait "$service" || status=$?
if kill -0 "$service" 2>/dev/null; then
  wait "$service" || status=$?
fi
exit "$status"
