#!/usr/bin/env node
// gpu-depin: one command, sub-commands per role (admin, provider, delegator,
// renter, authority). Amounts are in whole tokens ("12.5"), prices in USD
// per hour ("1.20"). --json prints machine-readable output; errors print one
// line saying what to fix and exit with status 1.
import { AnchorProvider, Wallet } from "@coral-xyz/anchor";
import { getMint } from "@solana/spl-token";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import { Command, Option } from "commander";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { migrate } from "../migrations/migrate";
import { LOCAL_PYTH_LEGACY_PROGRAM, writeLocalPrice } from "../migrations/pyth-fixture";
import {
  bn,
  describeError,
  enumName,
  GpuMarketClient,
  MAX_LEGACY_CLUSTER_LEGS,
  Region,
  REGIONS,
  STATUSES,
  NodeStatus,
} from "./src";

class UsageError extends Error {}

const program = new Command();
program
  .name("gpu-depin")
  .description(
    "GPU-compute DePIN market on Solana: staking, delegation, slashing and USD-priced rentals",
  )
  .option(
    "-u, --url <url>",
    "RPC URL (default: $ANCHOR_PROVIDER_URL, else the `make demo` validator, else http://127.0.0.1:8899)",
  )
  .option(
    "-k, --keypair <file>",
    "signer keypair file (default: $ANCHOR_WALLET, else ~/.config/solana/id.json)",
  )
  .option("--json", "print JSON instead of tables", false)
  .showHelpAfterError();

interface Ctx {
  client: GpuMarketClient;
  signer: Keypair;
  decimals: number;
  json: boolean;
}

function defaultUrl(): string {
  if (process.env.ANCHOR_PROVIDER_URL) return process.env.ANCHOR_PROVIDER_URL;
  const state = path.resolve(__dirname, "..", "target", "localnet", "state.json");
  if (fs.existsSync(state))
    return (JSON.parse(fs.readFileSync(state, "utf8")) as { url: string }).url;
  return "http://127.0.0.1:8899";
}

function readKeypair(file: string): Keypair {
  if (!fs.existsSync(file))
    throw new UsageError(`keypair file ${file} not found; pass --keypair <file>`);
  try {
    return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(file, "utf8"))));
  } catch {
    throw new UsageError(`${file} is not a Solana keypair file (a JSON array of 64 numbers)`);
  }
}

async function context(): Promise<Ctx> {
  const opts = program.opts<{ url?: string; keypair?: string; json: boolean }>();
  const signer = readKeypair(
    opts.keypair ??
      process.env.ANCHOR_WALLET ??
      path.join(os.homedir(), ".config", "solana", "id.json"),
  );
  const url = opts.url ?? defaultUrl();
  const connection = new Connection(url, "confirmed");
  try {
    await connection.getSlot();
  } catch {
    throw new UsageError(`cannot reach ${url}; start a validator (make demo) or pass --url`);
  }
  const provider = new AnchorProvider(connection, new Wallet(signer), { commitment: "confirmed" });
  const client = new GpuMarketClient(provider);
  let decimals = 9;
  try {
    const cfg = await client.stakingConfig();
    decimals = (await getMint(connection, cfg.stakeMint, "confirmed", cfg.tokenProgram)).decimals;
  } catch {
    // Not initialised yet (admin init works without it).
  }
  return { client, signer, decimals, json: opts.json };
}

function pubkey(value: string, what: string): PublicKey {
  try {
    return new PublicKey(value);
  } catch {
    throw new UsageError(`${what} "${value}" is not a valid base58 public key`);
  }
}

/** "12.5" whole tokens → base units. */
function amount(value: string, decimals: number, what = "amount"): bigint {
  if (!/^\d+(\.\d+)?$/.test(value))
    throw new UsageError(`${what} "${value}" must be a positive number like 100 or 12.5`);
  const [whole, frac = ""] = value.split(".");
  if (frac.length > decimals) throw new UsageError(`${what} has more than ${decimals} decimals`);
  const units = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
  if (units === 0n) throw new UsageError(`${what} must be greater than zero`);
  if (units > 2n ** 64n - 1n) throw new UsageError(`${what} is too large`);
  return units;
}

/** "$1.20" per hour → micro-USD. */
function usd(value: string): bigint {
  const v = value.replace(/^\$/, "");
  if (!/^\d+(\.\d{1,6})?$/.test(v))
    throw new UsageError(`price "${value}" must be USD with at most 6 decimals, e.g. 1.20`);
  const [whole, frac = ""] = v.split(".");
  return BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, "0"));
}

/** Repeated `--addon <id=usdPerHour>` → QoS add-ons (ids 1..255, distinct, at most 4). */
function addonPrices(values: string[]): { id: number; priceMicroUsdPerHour: bigint }[] {
  const out = values.map((v) => {
    const m = /^(\d+)=(.+)$/.exec(v);
    if (!m) throw new UsageError(`--addon "${v}" must look like 1=0.25 (add-on id = USD per hour)`);
    const id = integer(m[1], "add-on id", 255);
    if (id === 0) throw new UsageError("add-on ids start at 1 (0 marks an unused slot)");
    return { id, priceMicroUsdPerHour: usd(m[2]) };
  });
  if (new Set(out.map((a) => a.id)).size !== out.length)
    throw new UsageError("each --addon id may appear once");
  if (out.length > 4) throw new UsageError("a node has at most 4 QoS add-ons");
  return out;
}

/** `--addons 1,3` → add-on ids to rent. */
function addonIds(value: string | undefined): number[] {
  if (!value) return [];
  return value.split(",").map((v) => integer(v.trim(), "add-on id", 255));
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function integer(value: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new UsageError(`${what} "${value}" must be an integer from 0 to ${max}`);
  return Number(value);
}

function duration(value: string): bigint {
  const m = /^(\d+)(s|m|h|d)?$/.exec(value);
  if (!m) throw new UsageError(`duration "${value}" must look like 90s, 30m, 2h or 1d`);
  const mult = { s: 1n, m: 60n, h: 3600n, d: 86400n }[(m[2] ?? "s") as "s"];
  const seconds = BigInt(m[1]) * mult;
  if (seconds > 2n ** 63n - 1n) throw new UsageError(`duration "${value}" is too long`);
  return seconds;
}

const fmt = (units: bigint | { toString(): string }, decimals: number): string => {
  const v = BigInt(units.toString());
  const s = v.toString().padStart(decimals + 1, "0");
  if (!decimals) return s;
  // Trailing zeros of the fraction only: 10 tokens of a 0-decimal mint stay "10".
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/\.?0+$/, "");
};
/** Dollars with at least cents: $1.50, $0.0025. */
const usdFmt = (micro: bigint | { toString(): string }) => {
  const [whole, frac = ""] = fmt(micro, 6).split(".");
  return `$${whole}.${frac.padEnd(2, "0")}`;
};

function print(ctx: Ctx, data: unknown, table?: Record<string, unknown>[]): void {
  if (ctx.json) {
    console.log(
      JSON.stringify(
        data,
        (_k, v) =>
          typeof v === "bigint" ? v.toString() : v instanceof PublicKey ? v.toBase58() : v,
        2,
      ),
    );
  } else if (table) {
    console.table(table);
  } else {
    for (const [k, v] of Object.entries(data as Record<string, unknown>))
      console.log(`${k.padEnd(20)} ${String(v)}`);
  }
}

function action(fn: (ctx: Ctx, ...args: string[]) => Promise<unknown>) {
  return async (...args: unknown[]) => {
    const ctx = await context();
    await fn(ctx, ...(args.filter((a) => typeof a === "string") as string[]));
  };
}

async function nodeAddress(ctx: Ctx, spec: string): Promise<PublicKey> {
  // A node address, or "<node-id>" for one of the signer's nodes.
  if (/^\d{1,20}$/.test(spec) && BigInt(spec) < 2n ** 64n)
    return ctx.client.pdas.node(ctx.signer.publicKey, BigInt(spec));
  const key = pubkey(spec, "node");
  const info = await ctx.client.connection.getAccountInfo(key);
  if (!info || !info.owner.equals(ctx.client.programs.nodeStaking.programId)) {
    throw new UsageError(`${spec} is not a node; list them with \`gpu-depin nodes\``);
  }
  return key;
}

// ------------------------------------------------------------------ admin
const admin = program
  .command("admin")
  .description("protocol admin: init, tiers, parameters, pause");

admin
  .command("init")
  .description(
    "initialise both programs (idempotent: existing configs must match the settings); " +
      "settings from migrations/config/<cluster>.json or --config",
  )
  .option("--config <file>", "migration settings (JSON, as migrations/config/localnet.json)")
  .action(async (o: { config?: string }) => {
    const ctx = await context();
    const lines: string[] = [];
    const r = await migrate(ctx.client.provider, (l) => lines.push(l), o.config);
    print(ctx, { ...r, log: lines });
  });

admin
  .command("tier-create <tierId> <name> <maxNodeStake>")
  .description("create a spec tier with its cap (tokens)")
  .option("--min <tokens>", "tier minimum provider stake", "0")
  .option("--max-delegated-bps <bps>", "largest delegated share", "5000")
  .action(
    async (
      tierId: string,
      name: string,
      cap: string,
      opts: { min: string; maxDelegatedBps: string },
    ) => {
      const ctx = await context();
      const ix = await ctx.client.programs.nodeStaking.methods
        .createSpecTier({
          tierId: integer(tierId, "tier id", 65535),
          name,
          maxNodeStake: bn(amount(cap, ctx.decimals, "cap")),
          minProviderStake: bn(opts.min === "0" ? 0n : amount(opts.min, ctx.decimals, "--min")),
          maxDelegatedBps: integer(opts.maxDelegatedBps, "--max-delegated-bps", 10000),
        })
        .accountsPartial({ admin: ctx.signer.publicKey })
        .instruction();
      const sig = await ctx.client.send([ix], [], "createSpecTier");
      print(ctx, { tier: tierId, signature: sig });
    },
  );

admin
  .command("tiers")
  .description("list spec tiers")
  .action(
    action(async (ctx) => {
      const tiers = await ctx.client.tiers();
      const rows = tiers.map((t) => ({
        id: t.account.tierId,
        name: Buffer.from(t.account.name).toString().replace(/\0+$/, ""),
        cap: fmt(t.account.maxNodeStake, ctx.decimals),
        min: fmt(t.account.minProviderStake, ctx.decimals),
        maxDelegatedBps: t.account.maxDelegatedBps,
        active: t.account.active,
      }));
      print(ctx, rows, rows);
    }),
  );

admin
  .command("local-price <usdPerToken>")
  .description(
    "localnet only: publish a fresh Pyth-format token price in the local Pyth stand-in fixture (make demo)",
  )
  .option("--conf-bps <bps>", "confidence interval as bps of the price", "10")
  .action(async (usdPerToken: string, o: { confBps: string }) => {
    const ctx = await context();
    const escrow = await ctx.client.escrowConfig();
    // Only a local validator runs the stand-in at the legacy Pyth address.
    const info = await ctx.client.connection.getAccountInfo(escrow.oracleAccount);
    const local = /127\.0\.0\.1|localhost/.test(ctx.client.connection.rpcEndpoint);
    if (!local || !info || !info.owner.equals(LOCAL_PYTH_LEGACY_PROGRAM)) {
      throw new UsageError(
        `the escrow reads prices from ${escrow.oracleAccount.toBase58()}, not a local Pyth fixture; ` +
          "real clusters get their price from Pyth",
      );
    }
    const micro = usd(usdPerToken);
    if (micro === 0n) throw new UsageError("the token price must be greater than zero");
    // micro-USD with expo -6 is exact for the 6 decimals `usd` accepts.
    const conf = (micro * BigInt(integer(o.confBps, "--conf-bps", 10_000))) / 10_000n;
    await writeLocalPrice(ctx.client.provider, escrow.oracleAccount, {
      price: micro,
      conf,
      expo: -6,
    });
    print(ctx, {
      priceAccount: escrow.oracleAccount.toBase58(),
      usdPerToken: usdFmt(micro),
      confidence: usdFmt(conf),
    });
  });

admin
  .command("params")
  .description("change node_staking parameters")
  .option("--min-provider-stake <tokens>")
  .option("--min-delegation <tokens>")
  .option("--unbonding-seconds <s>")
  .option("--epoch-seconds <s>")
  .option("--min-uptime-bps <bps>")
  .option("--max-low-epochs <n>")
  .option("--max-slash-per-epoch <tokens>")
  .option("--slash-authority <pubkey>")
  .option("--reward-authority <pubkey>")
  .action(async (o: Record<string, string | undefined>) => {
    const ctx = await context();
    const ix = await ctx.client.programs.nodeStaking.methods
      .updateConfig({
        minProviderStake: o.minProviderStake ? bn(amount(o.minProviderStake, ctx.decimals)) : null,
        minDelegation: o.minDelegation ? bn(amount(o.minDelegation, ctx.decimals)) : null,
        maxSlashPerEpoch: o.maxSlashPerEpoch ? bn(amount(o.maxSlashPerEpoch, ctx.decimals)) : null,
        unbondingSeconds: o.unbondingSeconds
          ? integer(o.unbondingSeconds, "--unbonding-seconds")
          : null,
        epochSeconds: o.epochSeconds ? integer(o.epochSeconds, "--epoch-seconds") : null,
        minUptimeBps: o.minUptimeBps ? integer(o.minUptimeBps, "--min-uptime-bps", 10000) : null,
        maxLowEpochs: o.maxLowEpochs ? integer(o.maxLowEpochs, "--max-low-epochs", 255) : null,
        slashAuthority: o.slashAuthority ? pubkey(o.slashAuthority, "--slash-authority") : null,
        rewardAuthority: o.rewardAuthority ? pubkey(o.rewardAuthority, "--reward-authority") : null,
        rentalAuthority: null,
      })
      .accountsPartial({ admin: ctx.signer.publicKey, newTreasury: null })
      .instruction();
    const sig = await ctx.client.send([ix], [], "updateConfig");
    print(ctx, { signature: sig });
  });

for (const [cmd, paused] of [
  ["pause", true],
  ["unpause", false],
] as const) {
  admin
    .command(cmd)
    .description(`${cmd} node_staking and rental_escrow`)
    .action(
      action(async (ctx) => {
        // Both programs in one transaction: never one paused and the other not.
        const a = await ctx.client.programs.nodeStaking.methods
          .setPaused(paused)
          .accountsPartial({ admin: ctx.signer.publicKey })
          .instruction();
        const b = await ctx.client.programs.rentalEscrow.methods
          .setPaused(paused)
          .accountsPartial({ admin: ctx.signer.publicKey })
          .instruction();
        const sig = await ctx.client.send([a, b], [], "setPaused");
        print(ctx, { paused, signature: sig });
      }),
    );
}

// ------------------------------------------------------------------ provider
const provider = program
  .command("provider")
  .description("GPU providers: register, stake, unstake, withdraw, price, status, close");

provider
  .command("register <nodeId> <tierId> <gpuCount> <region> <usdPerHour>")
  .description(`register a node (region: ${REGIONS.join("|")})`)
  .option("--commission-bps <bps>", "commission on delegator rewards", "1000")
  .option("--addon <id=usdPerHour>", "a priced QoS add-on (repeatable, up to 4)", collect, [])
  .action(
    async (
      nodeId: string,
      tierId: string,
      gpus: string,
      region: string,
      price: string,
      o: { commissionBps: string; addon: string[] },
    ) => {
      const ctx = await context();
      if (!REGIONS.includes(region as Region))
        throw new UsageError(`region must be one of ${REGIONS.join(", ")}`);
      const built = await ctx.client.registerNode({
        operator: ctx.signer.publicKey,
        nodeId: BigInt(integer(nodeId, "node id")),
        tierId: integer(tierId, "tier id", 65535),
        gpuCount: integer(gpus, "GPU count", 1024),
        region: region as Region,
        priceMicroUsdPerHour: usd(price),
        qosAddons: addonPrices(o.addon),
        commissionBps: integer(o.commissionBps, "--commission-bps", 10000),
      });
      const sig = await ctx.client.send([built], [], "registerNode");
      print(ctx, { node: built.accounts.node, vault: built.accounts.vault, signature: sig });
    },
  );

provider
  .command("stake <node> <tokens>")
  .description("add provider stake (node address or your node id)")
  .action(
    action(async (ctx, node, tokens) => {
      const n = await nodeAddress(ctx, node);
      const sig = await ctx.client.send(
        [await ctx.client.stake(ctx.signer.publicKey, n, amount(tokens, ctx.decimals))],
        [],
        "stake",
      );
      print(ctx, { node: n, signature: sig });
    }),
  );

provider
  .command("unstake <node> <tokens>")
  .description("start unbonding provider stake")
  .action(
    action(async (ctx, node, tokens) => {
      const n = await nodeAddress(ctx, node);
      const sig = await ctx.client.send(
        [await ctx.client.requestUnstake(ctx.signer.publicKey, n, amount(tokens, ctx.decimals))],
        [],
        "requestUnstake",
      );
      print(ctx, { node: n, signature: sig });
    }),
  );

provider
  .command("withdraw <node>")
  .description("withdraw matured unbonding stake")
  .action(
    action(async (ctx, node) => {
      const n = await nodeAddress(ctx, node);
      const sig = await ctx.client.send(
        [await ctx.client.withdrawUnstaked(ctx.signer.publicKey, n)],
        [],
        "withdrawUnstaked",
      );
      print(ctx, { node: n, signature: sig });
    }),
  );

provider
  .command("set-price <node> <usdPerHour>")
  .description("set the node's USD price per hour (add-ons kept unless --addon/--clear-addons)")
  .option("--addon <id=usdPerHour>", "replace the QoS add-ons (repeatable, up to 4)", collect, [])
  .option("--clear-addons", "remove every QoS add-on")
  .action(async (node: string, price: string, o: { addon: string[]; clearAddons?: boolean }) => {
    const ctx = await context();
    if (o.clearAddons && o.addon.length)
      throw new UsageError("use either --addon or --clear-addons, not both");
    const n = await nodeAddress(ctx, node);
    const qosAddons = o.clearAddons
      ? []
      : o.addon.length
        ? addonPrices(o.addon)
        : await ctx.client.qosAddons(n);
    const built = await ctx.client.updatePricing({
      operator: ctx.signer.publicKey,
      node: n,
      priceMicroUsdPerHour: usd(price),
      qosAddons,
    });
    const sig = await ctx.client.send([built], [], "updatePricing");
    print(ctx, { node: n, signature: sig });
  });

provider
  .command("close <node>")
  .description("close a node that owes nothing; its rent returns to you")
  .action(
    action(async (ctx, node) => {
      const n = await nodeAddress(ctx, node);
      const sig = await ctx.client.send(
        [await ctx.client.closeNode(ctx.signer.publicKey, n)],
        [],
        "closeNode",
      );
      print(ctx, { node: n, closed: true, signature: sig });
    }),
  );

provider
  .command("claim <node>")
  .description("claim the operator's rewards")
  .action(
    action(async (ctx, node) => {
      const n = await nodeAddress(ctx, node);
      const sig = await ctx.client.send(
        [await ctx.client.claimOperatorRewards(ctx.signer.publicKey, n)],
        [],
        "claimOperatorRewards",
      );
      print(ctx, { node: n, signature: sig });
    }),
  );

provider
  .command("status <node>")
  .description("a node's stake, pool and status")
  .action(
    action(async (ctx, node) => {
      const n = await nodeAddress(ctx, node);
      const acc = await ctx.client.node(n);
      const pool = await ctx.client.pool(n);
      print(ctx, {
        node: n.toBase58(),
        status: pool.status,
        tier: acc.specTier,
        region: enumName(acc.region),
        price: usdFmt(acc.priceMicroUsdPerHour),
        qosAddons: acc.qosAddons
          .filter((a) => a.id !== 0)
          .map((a) => `${a.id}=${usdFmt(a.priceMicroUsdPerHour)}`)
          .join(" "),
        providerStake: fmt(pool.providerStake, ctx.decimals),
        delegated: fmt(pool.poolTokens, ctx.decimals),
        sharePrice: pool.sharePrice,
        commissionBps: pool.commissionBps,
        activeRentals: acc.activeRentals,
        operatorRewards: fmt(acc.operatorRewards, ctx.decimals),
      });
    }),
  );

// ------------------------------------------------------------------ delegator
const delegator = program
  .command("delegator")
  .description("holders: delegate, undelegate, withdraw, claim, close, positions");

delegator
  .command("delegate <node> <tokens>")
  .description("delegate tokens to an Active node")
  .action(
    action(async (ctx, node, tokens) => {
      const n = await nodeAddress(ctx, node);
      const sig = await ctx.client.send(
        [await ctx.client.delegate(ctx.signer.publicKey, n, amount(tokens, ctx.decimals))],
        [],
        "delegate",
      );
      print(ctx, { node: n, signature: sig });
    }),
  );

delegator
  .command("undelegate <node> [tokens]")
  .description("start unbonding a delegation (all of it by default)")
  .action(async (node: string, tokens: string | undefined) => {
    const ctx = await context();
    const n = await nodeAddress(ctx, node);
    const d = await ctx.client.programs.nodeStaking.account.delegation.fetchNullable(
      ctx.client.pdas.delegation(n, ctx.signer.publicKey),
    );
    if (!d) throw new UsageError(`you have no delegation to ${n.toBase58()}`);
    let shares = BigInt(d.shares.toString());
    if (tokens) {
      const pool = await ctx.client.pool(n);
      shares = (amount(tokens, ctx.decimals) * pool.poolShares) / (pool.poolTokens || 1n);
    }
    const sig = await ctx.client.send(
      [await ctx.client.undelegate(ctx.signer.publicKey, n, shares)],
      [],
      "undelegate",
    );
    print(ctx, { node: n, shares, signature: sig });
  });

delegator
  .command("withdraw <node>")
  .description("withdraw matured unbonding")
  .action(
    action(async (ctx, node) => {
      const n = await nodeAddress(ctx, node);
      const sig = await ctx.client.send(
        [await ctx.client.withdrawUndelegated(ctx.signer.publicKey, n)],
        [],
        "withdrawUndelegated",
      );
      print(ctx, { node: n, signature: sig });
    }),
  );

delegator
  .command("claim <node>")
  .description("claim delegation rewards")
  .action(
    action(async (ctx, node) => {
      const n = await nodeAddress(ctx, node);
      const sig = await ctx.client.send(
        [await ctx.client.claimRewards(ctx.signer.publicKey, n)],
        [],
        "claimRewards",
      );
      print(ctx, { node: n, signature: sig });
    }),
  );

delegator
  .command("close <node>")
  .description("close an empty delegation (after withdraw and claim); its rent returns to you")
  .action(
    action(async (ctx, node) => {
      const n = await nodeAddress(ctx, node);
      const sig = await ctx.client.send(
        [await ctx.client.closeDelegation(ctx.signer.publicKey, n)],
        [],
        "closeDelegation",
      );
      print(ctx, { node: n, closed: true, signature: sig });
    }),
  );

delegator
  .command("positions [wallet]")
  .description("delegations, values and pending rewards")
  .action(async (wallet: string | undefined) => {
    const ctx = await context();
    const owner = wallet ? pubkey(wallet, "wallet") : ctx.signer.publicKey;
    const list = await ctx.client.delegations(owner);
    print(
      ctx,
      list,
      list.map((d) => ({
        node: d.node.toBase58(),
        value: fmt(d.value, ctx.decimals),
        pendingRewards: fmt(d.pendingRewards, ctx.decimals),
        unbonding: fmt(d.unbonding, ctx.decimals),
      })),
    );
  });

// ------------------------------------------------------------------ renter
const renter = program
  .command("renter")
  .description("renters: quote, rent, extend, cancel, cluster, rentals");

renter
  .command("quote <node> <duration>")
  .description("tokens a rental costs now (e.g. quote <node> 2h --addons 1)")
  .option("--addons <ids>", "QoS add-on ids to include, comma-separated")
  .action(async (node: string, dur: string, o: { addons?: string }) => {
    const ctx = await context();
    const n = await nodeAddress(ctx, node);
    const q = await ctx.client.quote(n, duration(dur), addonIds(o.addons));
    print(ctx, {
      rate: `${usdFmt(q.rateMicroUsdPerHour)}/h`,
      costUsd: usdFmt(q.costMicroUsd),
      tokens: fmt(q.tokens, ctx.decimals),
      fee: fmt(q.fee, ctx.decimals),
      total: fmt(q.total, ctx.decimals),
    });
  });

renter
  .command("rent <node> <duration>")
  .description("rent a node; fails if the price moved more than --slippage-bps")
  .option("--slippage-bps <bps>", "tolerance above the quote", "100")
  .option("--addons <ids>", "QoS add-on ids to rent with the node, comma-separated")
  .action(async (node: string, dur: string, o: { slippageBps: string; addons?: string }) => {
    const ctx = await context();
    const n = await nodeAddress(ctx, node);
    const ids = addonIds(o.addons);
    const q = await ctx.client.quote(n, duration(dur), ids);
    const maxTokens =
      q.total + (q.total * BigInt(integer(o.slippageBps, "--slippage-bps", 10000))) / 10_000n;
    const built = await ctx.client.createRental({
      renter: ctx.signer.publicKey,
      node: n,
      durationSeconds: duration(dur),
      qosAddonIds: ids,
      maxTokens,
    });
    const sig = await ctx.client.send([built], [], "createRental");
    print(ctx, { rental: built.accounts.rental, paid: fmt(q.total, ctx.decimals), signature: sig });
  });

renter
  .command("cluster <count> <duration>")
  .description("rent <count> nodes at once, all or nothing (cheapest first)")
  .option("--tier <id>")
  .addOption(new Option("--region <region>").choices(REGIONS))
  .option("--max-price <usdPerHour>")
  .action(
    async (
      count: string,
      dur: string,
      o: { tier?: string; region?: Region; maxPrice?: string },
    ) => {
      const ctx = await context();
      const c = await ctx.client.buildCluster({
        renter: ctx.signer.publicKey,
        count: integer(count, "count", MAX_LEGACY_CLUSTER_LEGS),
        durationSeconds: duration(dur),
        filter: {
          specTier: o.tier ? integer(o.tier, "--tier", 65535) : undefined,
          region: o.region,
          maxPriceMicroUsd: o.maxPrice ? usd(o.maxPrice) : undefined,
        },
      });
      const sig = await ctx.client.send(c.instructions, [], "createRental");
      print(ctx, {
        clusterId: c.clusterId,
        nodes: c.nodes.map((x) => x.toBase58()),
        rentals: c.instructions.map((i) => i.accounts.rental.toBase58()),
        signature: sig,
      });
    },
  );

renter
  .command("extend <rental> <duration>")
  .option("--slippage-bps <bps>", "tolerance above the quote", "100")
  .description("extend a running rental")
  .action(async (rental: string, dur: string, o: { slippageBps: string }) => {
    const ctx = await context();
    const r = pubkey(rental, "rental");
    // A new period at the node's current USD rate and today's token price.
    const q = await ctx.client.quoteExtension(r, duration(dur));
    const maxTokens =
      q.total + (q.total * BigInt(integer(o.slippageBps, "--slippage-bps", 10000))) / 10_000n;
    const sig = await ctx.client.send(
      [await ctx.client.extendRental(r, duration(dur), maxTokens)],
      [],
      "extendRental",
    );
    print(ctx, { rental: r, signature: sig });
  });

for (const [cmd, fn, key] of [
  ["cancel", "cancelRental", "cancelRental"],
  ["close", "closeRental", "closeRental"],
  ["dispute", "openDispute", "openDispute"],
] as const) {
  renter
    .command(`${cmd} <rental>`)
    .description(
      {
        cancel: "end a rental early (refund the rest)",
        close: "settle and close a finished rental",
        dispute: "dispute a rental",
      }[cmd],
    )
    .action(
      action(async (ctx, rental) => {
        const r = pubkey(rental, "rental");
        const built = await (
          ctx.client[fn] as (x: PublicKey) => Promise<import("./src").Built>
        ).call(ctx.client, r);
        const sig = await ctx.client.send([built], [], key);
        print(ctx, { rental: r, signature: sig });
      }),
    );
}

renter
  .command("rentals [wallet]")
  .description("rentals of a renter (default: you)")
  .option("--provider", "list rentals where the wallet is the provider")
  .action(async (wallet: string | undefined, o: { provider?: boolean }) => {
    const ctx = await context();
    const who = wallet ? pubkey(wallet, "wallet") : ctx.signer.publicKey;
    const list = await ctx.client.rentals(o.provider ? { provider: who } : { renter: who });
    print(
      ctx,
      list,
      list.map((r) => ({
        rental: r.publicKey.toBase58(),
        node: r.account.node.toBase58().slice(0, 8),
        cluster: r.account.clusterId.toString(),
        status: enumName(r.account.status),
        rate: usdFmt(r.account.rateMicroUsdPerHour),
        deposited: fmt(r.account.deposited, ctx.decimals),
        claimed: fmt(r.account.claimed, ctx.decimals),
        ends: new Date(r.account.endTs.toNumber() * 1000).toISOString(),
      })),
    );
  });

// ------------------------------------------------------------------ provider claims on rentals
provider
  .command("claim-rental <rental>")
  .description("claim what a rental accrued")
  .action(
    action(async (ctx, rental) => {
      const r = pubkey(rental, "rental");
      const sig = await ctx.client.send([await ctx.client.claim(r)], [], "claim");
      print(ctx, { rental: r, signature: sig });
    }),
  );

// ------------------------------------------------------------------ authorities
const authority = program.command("authority").description("reward, slash and dispute authorities");

authority
  .command("credit <node> <epoch> <uptimeBps> <tokens>")
  .description("credit a node's epoch with attested uptime and fund the reward")
  .action(
    action(async (ctx, node, epoch, uptime, tokens) => {
      const n = await nodeAddress(ctx, node);
      const built = await ctx.client.creditRewards(
        n,
        BigInt(integer(epoch, "epoch")),
        integer(uptime, "uptime bps", 10000),
        amount(tokens, ctx.decimals),
      );
      const sig = await ctx.client.send([built], [], "creditRewards");
      print(ctx, { node: n, signature: sig });
    }),
  );

authority
  .command("slash <node> <fractionBps> <evidence>")
  .description("slash a node; <evidence> is hashed (sha256) into the record key")
  .addOption(
    new Option("--reason <reason>")
      .choices(["dataLeak", "qosFailure", "other"])
      .default("qosFailure"),
  )
  .action(
    async (
      node: string,
      bps: string,
      evidence: string,
      o: { reason: "dataLeak" | "qosFailure" | "other" },
    ) => {
      const ctx = await context();
      const n = await nodeAddress(ctx, node);
      const built = await ctx.client.slash({
        node: n,
        evidenceHash: createHash("sha256").update(evidence).digest(),
        reason: o.reason,
        fractionBps: integer(bps, "fraction bps", 10000),
      });
      const sig = await ctx.client.send([built], [], "slash");
      print(ctx, { node: n, slashRecord: built.accounts.slashRecord, signature: sig });
    },
  );

authority
  .command("resolve <rental> <refundBps>")
  .description("resolve a disputed rental; optionally slash the node")
  .option("--slash-bps <bps>", "slash this fraction of the node's stake")
  .option("--renter-share-bps <bps>", "share of the slash sent to the renter", "0")
  .option("--evidence <text>", "evidence text (hashed)", "")
  .action(
    async (
      rental: string,
      refund: string,
      o: { slashBps?: string; renterShareBps: string; evidence: string },
    ) => {
      const ctx = await context();
      const r = pubkey(rental, "rental");
      const slash = o.slashBps
        ? {
            evidenceHash: createHash("sha256")
              .update(o.evidence || `${rental}:${Date.now()}`)
              .digest(),
            reason: "qosFailure" as const,
            fractionBps: integer(o.slashBps, "--slash-bps", 10000),
            renterShareBps: integer(o.renterShareBps, "--renter-share-bps", 10000),
          }
        : undefined;
      const sig = await ctx.client.send(
        [await ctx.client.resolveDispute(r, integer(refund, "refund bps", 10000), slash)],
        [],
        "resolveDispute",
      );
      print(ctx, { rental: r, signature: sig });
    },
  );

// ------------------------------------------------------------------ market views
program
  .command("nodes")
  .description("list nodes (filters run on the RPC server)")
  .option("--tier <id>")
  .addOption(new Option("--region <region>").choices(REGIONS))
  .addOption(new Option("--status <status>").choices(STATUSES))
  .option("--max-price <usdPerHour>")
  .action(async (o: { tier?: string; region?: Region; status?: NodeStatus; maxPrice?: string }) => {
    const ctx = await context();
    const list = await ctx.client.nodes({
      specTier: o.tier ? integer(o.tier, "--tier", 65535) : undefined,
      region: o.region,
      status: o.status,
      maxPriceMicroUsd: o.maxPrice ? usd(o.maxPrice) : undefined,
    });
    print(
      ctx,
      list.map((n) => ({ address: n.publicKey, ...n.account })),
      list.map((n) => ({
        node: n.publicKey.toBase58(),
        tier: n.account.specTier,
        region: enumName(n.account.region),
        gpus: n.account.gpuCount,
        price: `${usdFmt(n.account.priceMicroUsdPerHour)}/h`,
        status: enumName(n.account.status),
        stake: fmt(n.account.providerStake, ctx.decimals),
        delegated: fmt(n.account.poolTokens, ctx.decimals),
      })),
    );
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  const msg = e instanceof UsageError ? e.message : describeError(e);
  console.error(`error: ${msg}`);
  if (process.env.GPU_DEPIN_DEBUG) console.error(e);
  process.exit(1);
});
