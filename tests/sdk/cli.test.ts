// The gpu-depin CLI against the local validator: every role's happy path, and
// one clear line (exit 1) for bad input. Most invocations run in-process
// through `run()` (a fresh commander program and SDK provider per call, output
// captured through its io); a few run as real child processes, for the exit
// status, stdout/stderr and the environment-variable defaults.
import { Keypair, PublicKey } from "@solana/web3.js";
import { spawnSync } from "child_process";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { run } from "../../app/cli";
import { PYTH, REPO_ROOT } from "../helpers/context";
import {
  ensureEscrow,
  Escrow,
  ESCROW_TEST_PARAMS,
  freshPrice,
  setLegacyPrice,
} from "../helpers/escrow";
import {
  advanceTo,
  allocateTierId,
  chainTime,
  createTier,
  currentEpoch,
  ensureProtocol,
  holder,
  Holder,
  pda,
  Protocol,
  registerNode,
  TEST_PARAMS,
  tokens,
} from "../helpers/staking";
import { fundTokenAccount } from "../helpers/tokens";
import { computeBudgetOf } from "../helpers/transactions";

const CLI = path.join(REPO_ROOT, "app", "bin", "gpu-depin.js");

interface Result {
  code: number | null;
  out: string;
  err: string;
}

describe("app: gpu-depin CLI (in-process and child process, local validator)", function () {
  this.timeout(600_000);
  let p: Protocol;
  let e: Escrow;
  let url: string;
  let tmp: string;
  let adminKey: string;

  function keyFile(kp: Keypair): string {
    const f = path.join(tmp, `${kp.publicKey.toBase58()}.json`);
    fs.writeFileSync(f, JSON.stringify(Array.from(kp.secretKey)));
    return f;
  }

  /** In-process: `run()` with captured io. */
  async function cli(keypair: string, ...args: string[]): Promise<Result> {
    let out = "";
    let err = "";
    const code = await run(["node", "gpu-depin", "--url", url, "--keypair", keypair, ...args], {
      out: (s) => void (out += s),
      err: (s) => void (err += s),
    });
    return { code, out, err };
  }
  /** A real child process (node app/bin/gpu-depin.js). */
  function cliProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Result {
    const r = spawnSync("node", [CLI, ...args], { cwd: REPO_ROOT, encoding: "utf8", env });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }
  function expectOk(r: Result, args: string[]): string {
    expect(r.code, `gpu-depin ${args.join(" ")}\n${r.err}`).to.equal(0);
    return r.out;
  }
  function expectOneErrorLine(r: Result, args: string[], message: RegExp): void {
    expect(r.code, `expected failure: ${args.join(" ")}\n${r.out}`).to.equal(1);
    const lines = r.err.trim().split("\n");
    expect(lines.length, `one line, got:\n${r.err}`).to.equal(1);
    expect(lines[0]).to.match(/^error: /);
    expect(lines[0]).to.match(message);
  }
  async function ok(keypair: string, ...args: string[]): Promise<string> {
    return expectOk(await cli(keypair, ...args), args);
  }
  async function json(keypair: string, ...args: string[]) {
    return JSON.parse(await ok(keypair, "--json", ...args));
  }
  async function fails(keypair: string, args: string[], message: RegExp): Promise<void> {
    expectOneErrorLine(await cli(keypair, ...args), args, message);
  }

  before(async function () {
    p = await ensureProtocol();
    if (p.ctx.backend !== "validator") this.skip(); // the CLI talks to an RPC endpoint
    e = await ensureEscrow(p);
    url = p.ctx.connection.rpcEndpoint;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gpu-depin-cli-"));
    adminKey = keyFile(p.ctx.payer);
  });

  it("admin: init refuses configs that differ from its settings, is idempotent on matching ones; tiers, params, pause", async () => {
    // The test chain runs short periods, not localnet.json's: the migration
    // refuses to carry on (it could have been initialised by someone else).
    await fails(
      adminKey,
      ["admin", "init"],
      /already exists on this cluster but differs .*unbonding is 4 s/,
    );
    const settings = path.join(tmp, "test-chain.json");
    fs.writeFileSync(
      settings,
      JSON.stringify({
        cluster: "localnet-test",
        stakeMint: { address: p.stakeMint.toBase58() },
        treasury: p.treasury.toBase58(),
        staking: {
          minProviderStake: tokens(100).toString(),
          unbondingSeconds: TEST_PARAMS.unbondingSeconds,
        },
        escrow: {
          maxPriceAgeSeconds: ESCROW_TEST_PARAMS.maxPriceAgeSeconds,
          maxConfidenceBps: ESCROW_TEST_PARAMS.maxConfidenceBps,
          reservationFeeBps: ESCROW_TEST_PARAMS.reservationFeeBps,
          disputeWindowSeconds: ESCROW_TEST_PARAMS.disputeWindowSeconds,
          oracle: {
            kind: "pythLegacy",
            program: PYTH.legacyMainnet.toBase58(),
            account: e.priceAccount.toBase58(),
          },
        },
      }),
    );
    const first = await json(adminKey, "admin", "init", "--config", settings);
    expect(first.nodeStaking.created).to.equal(false);
    expect(first.rentalEscrow.created).to.equal(false);
    const tierId = String(allocateTierId());
    await ok(adminKey, "admin", "tier-create", tierId, "H100-80GB", "16000", "--min", "200");
    const tiers = await json(adminKey, "admin", "tiers");
    expect(
      tiers.some((t: { id: number; cap: string }) => String(t.id) === tierId && t.cap === "16000"),
    ).to.equal(true);
    await ok(adminKey, "admin", "params", "--min-delegation", "1");
    await ok(adminKey, "admin", "pause");
    await fails(adminKey, ["provider", "register", "1", tierId, "8", "asia", "1.00"], /Paused/);
    await ok(adminKey, "admin", "unpause");

    // In-process runs share nothing: the --json of the call before does not
    // carry over (a table, as console.table draws it, through io), nor its signer.
    const table = await ok(adminKey, "admin", "tiers");
    expect(table).to.match(/^┌/);
    expect(table).to.include("H100-80GB");
    const stranger = keyFile((await holder(p, tokens(1))).kp);
    await fails(stranger, ["admin", "pause"], /^error: Unauthorized: /);

    // Real child processes: without --url/--keypair it follows the Anchor
    // environment variables; stdout is complete when the process exits.
    const viaEnv = cliProcess(["--json", "admin", "tiers"], {
      ...process.env,
      ANCHOR_PROVIDER_URL: url,
      ANCHOR_WALLET: adminKey,
    });
    expect(viaEnv.code, viaEnv.err).to.equal(0);
    expect(JSON.parse(viaEnv.out)).to.deep.equal(await json(adminKey, "admin", "tiers"));
    // Bad input: exit status 1 and one `error:` line on stderr, nothing on stdout.
    const bad = ["--url", url, "--keypair", adminKey, "delegator", "delegate", "not-a-key", "10"];
    const badRun = cliProcess(bad);
    expectOneErrorLine(badRun, bad, /not a valid base58 public key/);
    expect(badRun.out).to.equal("");
    // Commander's own usage errors return 1 too (in-process: no process.exit).
    const usage = await cli(adminKey, "provider", "stake");
    expect(usage.code).to.equal(1);
    expect(usage.err).to.match(/^error: missing required argument 'node'/);
  });

  it("provider, delegator, renter and authority flows, with clear errors", async () => {
    const tierId = await createTier(p, { maxNodeStake: tokens(1000) });
    const op = await holder(p, tokens(2000));
    const opKey = keyFile(op.kp);
    const reg = await json(
      opKey,
      "provider",
      "register",
      "7",
      String(tierId),
      "4",
      "europe",
      "1.50",
      "--commission-bps",
      "1000",
      "--addon",
      "1=0.25",
      "--addon",
      "2=0.10",
    );
    const node = reg.node as string;

    await fails(opKey, ["provider", "stake", node, "2000"], /NodeCapExceeded/);
    await ok(opKey, "provider", "stake", "7", "150");
    const status = await json(opKey, "provider", "status", node);
    expect(status.status).to.equal("active");
    expect(status.providerStake).to.equal("150");
    await fails(
      opKey,
      ["provider", "set-price", node, "1.25", "--addon", "fast"],
      /must look like 1=0.25/,
    );
    await fails(opKey, ["provider", "set-price", node, "1.25", "--addon", "0=1"], /ids start at 1/);
    await ok(opKey, "provider", "set-price", node, "1.25");
    // A new price keeps the add-ons unless told otherwise.
    expect(await json(opKey, "provider", "status", node)).to.include({
      price: "$1.25",
      qosAddons: "1=$0.25 2=$0.10",
    });

    const d = await holder(p, tokens(500));
    const dKey = keyFile(d.kp);
    await fails(dKey, ["delegator", "delegate", node, "0.5"], /BelowMinimumDelegation/);
    await fails(
      dKey,
      ["delegator", "delegate", "not-a-key", "10"],
      /not a valid base58 public key/,
    );
    await fails(
      dKey,
      ["delegator", "delegate", Keypair.generate().publicKey.toBase58(), "10"],
      /is not a node/,
    );
    await fails(dKey, ["delegator", "delegate", node, "ten"], /must be a positive number/);
    await ok(dKey, "delegator", "delegate", node, "100");
    const positions = await json(dKey, "delegator", "positions");
    expect(positions.length).to.equal(1);

    // Rewards: credited by the reward authority (the admin), claimed by both sides.
    const adminTokens = await fundTokenAccount(
      p.ctx,
      p.stakeMint,
      p.ctx.payer.publicKey,
      tokens(100),
    );
    expect(adminTokens).to.not.equal(undefined);
    await ok(adminKey, "authority", "credit", node, String(await currentEpoch(p)), "9900", "10");
    await ok(dKey, "delegator", "claim", node);
    await ok(opKey, "provider", "claim", node);

    // Rent: quote, rent, rentals, extend, cancel, close; a cluster; a dispute resolved with a slash.
    await fails(adminKey, ["admin", "local-price", "one"], /must be USD/);
    const price = await json(adminKey, "admin", "local-price", "1.25", "--conf-bps", "20");
    expect(price).to.deep.equal({
      priceAccount: e.priceAccount.toBase58(),
      usdPerToken: "$1.25",
      confidence: "$0.0025",
    });
    const r = await holder(p, tokens(1000));
    const rKey = keyFile(r.kp);
    const quote = await json(rKey, "renter", "quote", node, "1h");
    expect(quote.rate).to.equal("$1.25/h");
    // $1.25 of compute at the conservative $1.2475 per token, rounded up (9 decimals).
    expect(quote.tokens).to.equal("1.002004009");
    await fails(rKey, ["renter", "quote", node, "ten minutes"], /duration/);
    await fails(rKey, ["renter", "quote", node, "1h", "--addons", "9"], /has no QoS add-on 9/);
    // With add-on 1: $1.50/h at $1.2475 → 1.202404809.6…, rounded up.
    const withAddon = await json(rKey, "renter", "quote", node, "1h", "--addons", "1");
    expect(withAddon).to.include({ rate: "$1.50/h", tokens: "1.20240481" });
    // While the local price is fresh (max age 60 s; each CLI call is a few seconds).
    await ok(adminKey, "admin", "local-price", "1.25", "--conf-bps", "20");
    const broke = await holder(p, tokens(0.001));
    await fails(
      keyFile(broke.kp),
      ["renter", "rent", node, "1h"],
      /insufficient funds|InsufficientFunds/i,
    );
    const rented = await json(rKey, "renter", "rent", node, "2m", "--addons", "1");
    const onChain = await p.ctx.rentalEscrow.account.rental.fetch(rented.rental);
    expect(onChain.rateMicroUsdPerHour.toString()).to.equal("1500000");
    expect(onChain.qosAddonIds).to.deep.equal([1, 0, 0, 0]);
    const rentals = await json(rKey, "renter", "rentals");
    expect(rentals.some((x: { publicKey: string }) => x.publicKey === rented.rental)).to.equal(
      true,
    );
    // An extension is a new period at the node's current price (with the
    // rental's add-ons), so it follows a price change; an add-on the node no
    // longer offers cannot be extended.
    await ok(opKey, "provider", "set-price", node, "0.50");
    await ok(adminKey, "admin", "local-price", "1.25", "--conf-bps", "20"); // fresh (max age 60 s)
    await ok(rKey, "renter", "extend", rented.rental, "1m", "--slippage-bps", "0");
    const extended = await p.ctx.rentalEscrow.account.rental.fetch(rented.rental);
    expect(extended.rateMicroUsdPerHour.toString()).to.equal("750000"); // $0.50 + the $0.25 add-on
    await ok(opKey, "provider", "set-price", node, "0.50", "--clear-addons");
    expect((await json(opKey, "provider", "status", node)).qosAddons).to.equal("");
    await fails(rKey, ["renter", "extend", rented.rental, "1m"], /no longer offers QoS add-on 1/);
    // Some service must have accrued before the cancel for the provider to
    // claim it (accrual counts whole seconds of the chain clock; in-process
    // CLI calls can all land within the rental's first second).
    await advanceTo(p.ctx, onChain.startTs.toNumber() + 2);
    await ok(rKey, "renter", "cancel", rented.rental);
    // The claimed amounts come from the transaction's RentalClaimed event.
    const claimed = await json(opKey, "provider", "claim-rental", rented.rental);
    expect(claimed).to.have.keys(["rental", "payout", "feeHeld", "signature"]);
    const afterClaim = await p.ctx.rentalEscrow.account.rental.fetch(rented.rental);
    const baseUnits = (t: string) => BigInt(Math.round(Number(t) * 1e9)); // 9 decimals
    expect(baseUnits(claimed.payout) > 0n).to.equal(true);
    // `claimed` on the rental counts the payout and the provider-side fee.
    expect(baseUnits(claimed.payout) <= BigInt(afterClaim.claimed.toString())).to.equal(true);
    await ok(rKey, "renter", "close", rented.rental);

    await ok(adminKey, "admin", "local-price", "1.25"); // keep the local feed fresh
    const second = await json(rKey, "renter", "rent", node, "1m");
    await ok(rKey, "renter", "dispute", second.rental);
    await ok(
      adminKey,
      "authority",
      "resolve",
      second.rental,
      "5000",
      "--slash-bps",
      "100",
      "--renter-share-bps",
      "5000",
      "--evidence",
      `cli-${Date.now()}`,
    );
    await ok(adminKey, "authority", "slash", node, "100", `cli-evidence-${Date.now()}`);

    await fails(path.join(tmp, "missing.json"), ["nodes"], /keypair file .* not found/);

    const listed = await json(rKey, "nodes", "--tier", String(tierId), "--region", "europe");
    expect(listed.map((n: { address: string }) => n.address)).to.include(node);
    // --json prints u64s as decimal strings (BN's own toJSON would give hex: "07", "07a120").
    const mine = listed.find((n: { address: string }) => n.address === node);
    const onChainNode = await p.ctx.nodeStaking.account.node.fetch(node);
    expect(mine).to.include({
      nodeId: "7",
      priceMicroUsdPerHour: "500000",
      providerStake: onChainNode.providerStake.toString(10),
      operator: op.kp.publicKey.toBase58(),
    });

    // Unbonding: unstake, then withdraw after the (test) unbonding period.
    await ok(opKey, "provider", "unstake", node, "10");
    await ok(dKey, "delegator", "undelegate", node);
    await advanceTo(p.ctx, (await chainTime(p.ctx)) + TEST_PARAMS.unbondingSeconds + 1);
    await ok(opKey, "provider", "withdraw", node);
    await ok(dKey, "delegator", "withdraw", node);

    // Closing: the empty delegation closes; the node still holds stake.
    await ok(dKey, "delegator", "close", node);
    await fails(dKey, ["delegator", "close", node], /AccountNotInitialized/);
    await fails(opKey, ["provider", "close", node], /NodeNotEmpty/);
  });

  it("rents a six-node cluster from the CLI through a lookup table, with a priority fee", async () => {
    const tierId = await createTier(p, { maxNodeStake: tokens(1000) });
    for (let i = 0; i < 2; i++) {
      const op = await holder(p, tokens(200));
      const k = keyFile(op.kp);
      await ok(k, "provider", "register", String(i + 1), String(tierId), "8", "asia", "2.00");
      await ok(k, "provider", "stake", String(i + 1), "100");
    }
    for (let i = 0; i < 4; i++)
      await registerNode(p, tierId, { priceMicroUsd: 2_000_000n, stake: tokens(100) });
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const r: Holder = await holder(p, tokens(1000));
    const rKey = keyFile(r.kp);
    await fails(
      rKey,
      ["--priority-fee", "cheap", "renter", "cluster", "6", "10m"],
      /--priority-fee "cheap" must be "auto" or a whole number of micro-lamports/,
    );
    await fails(
      rKey,
      ["renter", "cluster", "9", "10m"],
      /count "9" must be an integer from 0 to 8/,
    );
    const out = await json(
      rKey,
      "--priority-fee",
      "1000",
      "renter",
      "cluster",
      "6",
      "10m",
      "--tier",
      String(tierId),
    );
    expect(out.rentals.length).to.equal(6);
    expect(out.lookupTable).to.be.a("string");
    expect(out.lookupTableDeactivated).to.equal(true);
    expect(out.transactionBytes).to.be.at.most(1232);
    console.log(`      6-node cluster transaction: ${out.transactionBytes} bytes`);
    const landed = await p.ctx.connection.getTransaction(out.signature, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    expect(landed!.version).to.equal(0);
    const budget = computeBudgetOf(landed!);
    expect(budget.price).to.equal(1000);
    // 5 000 lamports per signature plus ceil(price × limit / 10^6).
    expect(landed!.meta!.fee).to.equal(5000 + Math.ceil((1000 * budget.limit!) / 1e6));
  });
  it("runs the README's CLI walkthrough as written (dev wallets, register, delegate, rent, extend, cluster)", async () => {
    // What `make demo` leaves that the walkthrough relies on: tier 2
    // (A100-80GB, minimum 100 tokens) with two more active nodes.
    if (!(await p.ctx.nodeStaking.account.specTier.fetchNullable(pda.tier(p.ctx, 2))))
      await ok(adminKey, "admin", "tier-create", "2", "A100-80GB", "8000", "--min", "100");
    for (let i = 0; i < 2; i++)
      await registerNode(p, 2, { priceMicroUsd: 1_000_000n + BigInt(i), stake: tokens(100) });

    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const block = /# the line `make demo` prints[^\n]*\n([\s\S]*?)```/.exec(readme)![1];
    const lines = block
      .split("\n")
      .map((l) => l.replace(/\s+#.*$/, "").trim())
      .filter((l) => l.startsWith("npx gpu-depin"));
    expect(lines.length).to.be.at.least(10);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gpu-depin-walkthrough-"));
    const cwd = process.cwd();
    let node = "";
    let rental = "";
    process.chdir(dir); // the walkthrough's keypair files are relative paths
    try {
      for (const line of lines) {
        const args = line
          .replace(/^npx gpu-depin\s+/, "")
          .replace(/<node>/g, node)
          .replace(/<rental>/g, rental)
          .split(/\s+/);
        expect(args.join(" "), `${line}: a placeholder without a value`).to.not.match(/<|>/);
        // --url and --keypair stand for the two exported variables.
        const r = await cli(adminKey, ...args);
        expect(r.code, `${line}\n${r.err}`).to.equal(0);
        if (/provider register/.test(line)) node = /^node\s+(\S+)/m.exec(r.out)![1];
        if (/renter rent /.test(line)) rental = /^rental\s+(\S+)/m.exec(r.out)![1];
      }
    } finally {
      process.chdir(cwd);
    }
    const op = Keypair.fromSecretKey(
      Uint8Array.from(JSON.parse(fs.readFileSync(path.join(dir, "op.json"), "utf8"))),
    );
    expect(node).to.equal(pda.node(p.ctx, op.publicKey, 7n).toBase58());
    // rent, then extend: two periods.
    const stored = await p.ctx.rentalEscrow.account.rental.fetch(new PublicKey(rental));
    expect(stored.periodCount).to.equal(2);
  });
});
