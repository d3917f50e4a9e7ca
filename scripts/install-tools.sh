#!/usr/bin/env bash
# Installs the pinned chain tooling (solc, anvil) from tools/package-lock.json into tools/node_modules.
# Idempotent: does nothing when node_modules was installed from the same lock file.
#   scripts/install-tools.sh           # install if needed
#   scripts/install-tools.sh --force   # reinstall
set -euo pipefail

tools_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)"
stamp="$tools_dir/node_modules/.installed-lock.sha256"
anvil="$tools_dir/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"

if ! command -v npm >/dev/null; then
  # A fresh Debian machine with only the .NET SDK: take Node.js and npm from Debian's packages.
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "install-tools: installing nodejs and npm from apt" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  command -v npm >/dev/null || { echo "install-tools: npm is required (Node.js 18+); install nodejs and npm" >&2; exit 1; }
fi

want="$(sha256sum "$tools_dir/package-lock.json" | cut -d' ' -f1)"
if [[ "${1:-}" != "--force" && -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$anvil" ]]; then
  echo "install-tools: tools/node_modules is up to date"
  exit 0
fi

(cd "$tools_dir" && npm ci --no-audit --no-fund --loglevel=error)
[[ -x "$anvil" ]] || { echo "install-tools: anvil binary missing at $anvil after npm ci" >&2; exit 1; }
echo "$want" >"$stamp"
echo "install-tools: installed $("$anvil" --version | head -1), solc $(cd "$tools_dir" && node -p 'require("solc/package.json").version')"
