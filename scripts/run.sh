#!/usr/bin/env bash
# Runs the service with embedded defaults and demo data: SQLite under ./data, HTTP on
# http://127.0.0.1:5080. Extra arguments go to `ledger serve` (e.g. --data DIR); --no-demo runs it without.
#
# Demo: on the first run the enterprise demo-enterprise (region 320582) and one key per role are created
# with `ledger enterprises add` / `ledger keys create` and kept in DATA/demo-keys.env (mode 0600); every
# run prints them with ready-to-paste curl lines, and the simulator publishes with the device key.
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
demo=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-chain) dev_chain=0; shift ;;
    --no-demo) demo=0; shift ;;
    --data) data="${2:?--data needs a folder}"; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ -z "${LEDGER_Anchoring__Chain__RpcUrl:-}" ]] || dev_chain=0

dotnet build src/Host/Host.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
ledger=(dotnet "src/Host/bin/Release/net10.0/ledger.dll")

if [[ "$demo" == 1 ]]; then
  mkdir -p "$data"
  keys="$data/demo-keys.env"
  if [[ ! -f "$keys" ]]; then
    "${ledger[@]}" enterprises add --data "$data" --id demo-enterprise --region 320582 --name "演示化工有限公司 Demo Chemical Co." >/dev/null 2>&1 || true
    ( umask 077
      : > "$keys.tmp"
      for spec in "SAFETY_MANAGER --role safety-manager --tenant demo-enterprise" "OPERATOR --role operator --tenant demo-enterprise" \
                  "DEVICE --role device --tenant demo-enterprise" "DCS --role dcs --tenant demo-enterprise" \
                  "REGULATOR --role regulator --jurisdiction 320500" "AUDITOR --role auditor --enterprise demo-enterprise" "ADMIN --role admin"; do
        read -r var rest <<<"$spec"
        # shellcheck disable=SC2086 # the role options are words on purpose
        json=$("${ledger[@]}" keys create --data "$data" $rest --name "demo ${var,,}")
        echo "${var}_ID=$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$json")" >> "$keys.tmp"
        echo "${var}_KEY=$(sed -E 's/.*"key":"([^"]+)".*/\1/' <<<"$json")" >> "$keys.tmp"
      done
      mv "$keys.tmp" "$keys" )
  fi
  # shellcheck disable=SC1090
  source "$keys"
  export LEDGER_Demo__DeviceKeyId="$DEVICE_ID" LEDGER_Demo__DeviceKey="$DEVICE_KEY"
  args+=(--demo)
  base="http://127.0.0.1:5080"
  cat <<KEYS

Demo keys (also in $keys; each line: role  key id  key):
  safety-manager  $SAFETY_MANAGER_ID  $SAFETY_MANAGER_KEY
  operator        $OPERATOR_ID  $OPERATOR_KEY
  device          $DEVICE_ID  $DEVICE_KEY
  dcs             $DCS_ID  $DCS_KEY
  regulator       $REGULATOR_ID  $REGULATOR_KEY   (jurisdiction 320500)
  auditor         $AUDITOR_ID  $AUDITOR_KEY   (assigned demo-enterprise)
  admin           $ADMIN_ID  $ADMIN_KEY

Try (from a second shell):
  curl -s -H 'X-Api-Key: $OPERATOR_KEY' $base/api/v1/enterprises/demo-enterprise/alerts
  curl -s -H 'X-Api-Key: $REGULATOR_KEY' $base/api/v1/enterprises/demo-enterprise/quality
  curl -s -H 'X-Api-Key: $ADMIN_KEY' $base/api/v1/admin/keys
  curl -s $base/api/v1/log/checkpoint
  open $base/docs for every route

KEYS
fi

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
"${ledger[@]}" serve "${args[@]}" &
service=$!
trap 'kill -TERM "$service" 2>/dev/null || true' INT TERM
status=0
wait "$service" || status=$?
if kill -0 "$service" 2>/dev/null; then
  wait "$service" || status=$?
fi
exit "$status"
