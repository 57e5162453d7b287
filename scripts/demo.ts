// README command 1 (after the build): a local deployment that keeps running.
// Starts solana-test-validator (or reuses the one this script started before),
// deploys both programs through the upgradeable BPF loader, runs the
// idempotent migration, and prints what exists and how to stop it.
import { AnchorProvider, Wallet } from "@coral-xyz/anchor";
import { Connection } from "@solana/web3.js";
import * as fs from "fs";
import * as path from "path";

import { migrate } from "../migrations/migrate";
import { marketStory } from "./market-story";
import { Localnet, pythFixtureArgs, startValidator } from "./lib/localnet";
import { deployPrograms, readKeypair, REPO_ROOT, workspacePrograms } from "./lib/programs";

const STATE_DIR = path.join(REPO_ROOT, "target", "localnet");
const STATE_FILE = path.join(STATE_DIR, "state.json");

type State = Pick<Localnet, "url" | "pid" | "ledger" | "logFile" | "walletFile">;

async function running(): Promise<State | undefined> {
  if (!fs.existsSync(STATE_FILE)) return undefined;
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as State;
  try {
    process.kill(state.pid, 0);
    await new Connection(state.url).getSlot();
    return state;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  let state = await running();
  if (state) {
    console.log(`==> reusing the local validator at ${state.url} (pid ${state.pid})`);
  } else {
    console.log("==> starting solana-test-validator (detached)");
    const net = await startValidator({
      stateDir: STATE_DIR,
      detached: true,
      preferredRpcPort: 8899,
      extraArgs: pythFixtureArgs(REPO_ROOT),
    });
    state = {
      url: net.url,
      pid: net.pid,
      ledger: net.ledger,
      logFile: net.logFile,
      walletFile: net.walletFile,
    };
    fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + "\n");
    console.log(`    up in ${net.startupMs} ms at ${net.url}`);
  }

  const connection = new Connection(state.url, "confirmed");
  const wallet = readKeypair(state.walletFile);
  // The two protocol programs (the Pyth stand-in is already at genesis;
  // devnet uses the real Pyth programs). sbf_probe is test-only.
  const programs = workspacePrograms().filter((p) => p.name !== "sbf_probe");
  console.log("==> deploying through the upgradeable BPF loader");
  for (const d of await deployPrograms(connection, wallet, programs)) {
    console.log(`    ${d.program.name.padEnd(14)} ${d.program.programId.toBase58()}  ${d.outcome}`);
  }

  console.log("==> migration (idempotent initialise)");
  const provider = new AnchorProvider(connection, new Wallet(wallet), { commitment: "confirmed" });
  const result = await migrate(provider, (line) => console.log(`    ${line}`));

  if (!process.argv.includes("--no-story")) {
    console.log("\n==> the market, step by step");
    await marketStory(provider);
  }

  const rows = [
    { what: "RPC URL", value: state.url },
    { what: "wallet (admin, upgrade authority)", value: `${wallet.publicKey.toBase58()}` },
    { what: "wallet keypair file", value: state.walletFile },
    { what: "node_staking program", value: result.nodeStaking.programId.toBase58() },
    { what: "node_staking config PDA", value: result.nodeStaking.config.toBase58() },
    { what: "node_staking admin", value: result.nodeStaking.admin.toBase58() },
    { what: "rental_escrow program", value: result.rentalEscrow.programId.toBase58() },
    { what: "rental_escrow config PDA", value: result.rentalEscrow.config.toBase58() },
    { what: "rental_escrow admin", value: result.rentalEscrow.admin.toBase58() },
    { what: "stake / payment mint", value: result.stakeMint.toBase58() },
    { what: "validator log", value: state.logFile },
  ];
  console.log("\nLocal deployment");
  for (const r of rows) console.log(`  ${r.what.padEnd(36)} ${r.value}`);
  console.log(`
Use it:   export ANCHOR_PROVIDER_URL=${state.url} ANCHOR_WALLET=${state.walletFile}
Stop it:  make stop`);
}

// Exit explicitly: web3.js Connections keep websockets (and node) alive.
main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
