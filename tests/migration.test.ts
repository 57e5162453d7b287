// The migration `make demo` and a devnet deploy run (`migrations/deploy.ts`,
// as `npx ts-node migrations/deploy.ts` runs it), on a validator of its own:
// a fresh chain with both programs at genesis and the run's wallet as their
// upgrade authority, as after `anchor deploy`. The first run creates the
// stake mint and both configs and wires node_staking's rental authority to
// rental_escrow's PDA; a second run changes nothing.
import { AnchorProvider, Wallet } from "@coral-xyz/anchor";
import { Connection } from "@solana/web3.js";
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";

import { Pdas } from "../app/src/pdas";
import { programs } from "../app/src/programs";
import { Localnet, pythFixtureArgs, startValidator, stopValidator } from "../scripts/lib/localnet";
import { workspacePrograms } from "../scripts/lib/programs";
import { BACKEND, REPO_ROOT } from "./helpers/context";

describe("migration: a fresh deployment is initialised and wired, then left alone (validator)", function () {
  this.timeout(300_000);
  let net: Localnet | undefined;

  before(async function () {
    if (BACKEND !== "validator") this.skip(); // it needs a chain of its own
    net = await startValidator({
      stateDir: path.join(REPO_ROOT, "target", `localnet-migration-${process.pid}`),
      extraArgs: pythFixtureArgs(REPO_ROOT),
      genesisPrograms: workspacePrograms()
        .filter((p) => p.name !== "sbf_probe")
        .map((p) => ({ programId: p.programId.toBase58(), soPath: p.soPath })),
      ticksPerSlot: 8,
    });
  });

  after(async () => {
    if (net) await stopValidator(net);
  });

  /** One run of the migration script; its output lines. */
  function runMigration(): string[] {
    const r = spawnSync("npx", ["ts-node", "-P", "tsconfig.json", "migrations/deploy.ts"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        ANCHOR_PROVIDER_URL: net!.url,
        ANCHOR_WALLET: net!.walletFile,
        TS_NODE_TRANSPILE_ONLY: "true",
      },
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).to.equal(0);
    return r.stdout.split("\n");
  }

  it("creates both configs and sets node_staking's rental authority; a second run changes nothing", async () => {
    // HTTP reads only: no websocket outlives the validator.
    const connection = new Connection(net!.url, "confirmed");
    const ids = programs(new AnchorProvider(connection, new Wallet(net!.wallet), {}));
    const pdas = new Pdas(ids);
    const [stakingConfig, escrowConfig] = [pdas.stakingConfig(), pdas.escrowConfig()];
    const rentalAuthority = pdas.rentalAuthority();
    const configs = async () =>
      Promise.all(
        [stakingConfig, escrowConfig].map(async (k) => {
          const info = await connection.getAccountInfo(k);
          return info ? Buffer.from(info.data) : undefined;
        }),
      );
    expect(await configs()).to.deep.equal([undefined, undefined]);

    const first = runMigration();
    const said = (lines: string[], start: string) => lines.some((l) => l.startsWith(start));
    expect(said(first, "initialised node_staking config"), first.join("\n")).to.equal(true);
    expect(said(first, "initialised rental_escrow config")).to.equal(true);
    expect(said(first, "set node_staking's rental authority")).to.equal(true);
    const before = await configs();
    const cfg = ids.nodeStaking.coder.accounts.decode("config", before[0]!);
    expect(cfg.rentalAuthority.equals(rentalAuthority)).to.equal(true);
    expect(cfg.admin.equals(net!.wallet.publicKey)).to.equal(true);

    const second = runMigration();
    expect(said(second, "initialised"), second.join("\n")).to.equal(false);
    expect(said(second, "set node_staking's rental authority")).to.equal(false);
    const after = await configs();
    expect(after.map((b) => b!.toString("hex"))).to.deep.equal(
      before.map((b) => b!.toString("hex")),
    );
  });
});
