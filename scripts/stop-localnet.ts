// Stops the validator that `make demo` started and removes its ledger.
import * as fs from "fs";
import * as path from "path";

import { stopValidator } from "./lib/localnet";
import { REPO_ROOT } from "./lib/programs";

const STATE_FILE = path.join(REPO_ROOT, "target", "localnet", "state.json");

async function main(): Promise<void> {
  if (!fs.existsSync(STATE_FILE)) {
    console.log("no local validator was started by `make demo`");
    return;
  }
  const state = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as { pid: number; ledger: string };
  await stopValidator(state);
  fs.rmSync(STATE_FILE);
  console.log(`stopped the local validator (pid ${state.pid}) and removed its ledger`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
