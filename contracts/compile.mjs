#!/usr/bin/env node
// Compiles contracts/AnchorRegistry.sol with the pinned solc npm package (tools/package.json)
// through its standard-JSON API and writes AnchorRegistry.abi.json and AnchorRegistry.bin.
//
//   node contracts/compile.mjs              # writes next to this script (the committed files)
//   node contracts/compile.mjs --out DIR    # writes into DIR instead (used by the drift test)
//
// Requires `scripts/install-tools.sh` to have run. Output is deterministic: the same source and
// compiler give byte-identical files.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const EXPECTED_SOLC = "0.8.37";
const CONTRACT = "AnchorRegistry";
const SOURCE_NAME = `${CONTRACT}.sol`;

const contractsDir = dirname(fileURLToPath(import.meta.url));
const toolsDir = resolve(contractsDir, "..", "tools");

function parseOutDir(argv) {
  const index = argv.indexOf("--out");
  if (index === -1) {
    return contractsDir;
  }
  const value = argv[index + 1];
  if (!value) {
    throw new Error("--out needs a directory");
  }
  return resolve(value);
}

function loadSolc() {
  const require = createRequire(join(toolsDir, "package.json"));
  try {
    return require("solc");
  } catch (error) {
    throw new Error(`solc is not installed under ${toolsDir}/node_modules: run scripts/install-tools.sh (${error.message})`);
  }
}

function compile(solc) {
  const version = solc.version();
  if (!version.startsWith(`${EXPECTED_SOLC}+`)) {
    throw new Error(`expected solc ${EXPECTED_SOLC}, found ${version}: run scripts/install-tools.sh`);
  }
  const input = {
    language: "Solidity",
    sources: { [SOURCE_NAME]: { content: readFileSync(join(contractsDir, SOURCE_NAME), "utf8") } },
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 10000 },
      outputSelection: { [SOURCE_NAME]: { [CONTRACT]: ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const problems = (output.errors ?? []).filter((e) => e.severity === "error" || e.type === "Warning");
  if (problems.length > 0) {
    throw new Error(problems.map((e) => e.formattedMessage).join("\n"));
  }
  const contract = output.contracts[SOURCE_NAME][CONTRACT];
  return { abi: contract.abi, bin: contract.evm.bytecode.object, version };
}

const outDir = parseOutDir(process.argv.slice(2));
const { abi, bin, version } = compile(loadSolc());
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `${CONTRACT}.abi.json`), `${JSON.stringify(abi, null, 2)}\n`);
writeFileSync(join(outDir, `${CONTRACT}.bin`), `${bin}\n`);
console.log(`compiled ${SOURCE_NAME} with solc ${version} -> ${outDir} (${bin.length / 2} bytes of init code)`);
