// What every command shares: the run's context (RPC, signer, SDK client),
// argument parsing with one-line usage errors, and printing through the
// run's io (tables and JSON included), so `run()` can execute in-process.
import { AnchorProvider, BN, Wallet } from "@coral-xyz/anchor";
import { getMint } from "@solana/spl-token";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import { Command } from "commander";
import { Console } from "console";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { GpuMarketClient } from "../src";

/** Where a run writes: stdout and stderr by default, a buffer in tests. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export const processIo: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

/** Bad input: printed as `error: <message>` without a stack (exit status 1). */
export class UsageError extends Error {}

export interface GlobalOptions {
  url?: string;
  keypair?: string;
  json: boolean;
  priorityFee?: string;
}

export interface Ctx {
  client: GpuMarketClient;
  signer: Keypair;
  decimals: number;
  json: boolean;
  io: Io;
}

/** One CLI run: its commander program (for the global options) and its io. */
export interface Cli {
  program: Command;
  io: Io;
  /** Connects (a fresh provider and client per call) using the global options. */
  context(): Promise<Ctx>;
}

const REPO_ROOT = path.resolve(__dirname, "..", "..");

function defaultUrl(): string {
  if (process.env.ANCHOR_PROVIDER_URL) return process.env.ANCHOR_PROVIDER_URL;
  const state = path.join(REPO_ROOT, "target", "localnet", "state.json");
  if (fs.existsSync(state))
    return (JSON.parse(fs.readFileSync(state, "utf8")) as { url: string }).url;
  return "http://127.0.0.1:8899";
}

export function readKeypair(file: string): Keypair {
  if (!fs.existsSync(file))
    throw new UsageError(`keypair file ${file} not found; pass --keypair <file>`);
  try {
    return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(file, "utf8"))));
  } catch {
    throw new UsageError(`${file} is not a Solana keypair file (a JSON array of 64 numbers)`);
  }
}

export async function connect(opts: GlobalOptions, io: Io): Promise<Ctx> {
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
  const client = new GpuMarketClient(provider, {}, { priorityFee: priorityFee(opts.priorityFee) });
  let decimals = 9;
  try {
    const cfg = await client.stakingConfig();
    decimals = (await getMint(connection, cfg.stakeMint, "confirmed", cfg.tokenProgram)).decimals;
  } catch {
    // Not initialised yet (admin init works without it).
  }
  return { client, signer, decimals, json: opts.json, io };
}

/**
 * An action that gets the run's context first; commander's arguments follow
 * (positional strings, then the options object).
 */
export function withContext<A extends unknown[]>(
  cli: Cli,
  fn: (ctx: Ctx, ...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => fn(await cli.context(), ...args);
}

// ------------------------------------------------------------------ parsing

/** --priority-fee: micro-lamports per compute unit, or "auto" (the default). */
export function priorityFee(value: string | undefined): number | "auto" {
  if (value === undefined || value === "auto") return "auto";
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(
      `--priority-fee "${value}" must be "auto" or a whole number of micro-lamports per compute unit, e.g. 1000`,
    );
  return Number(value);
}

export function pubkey(value: string, what: string): PublicKey {
  try {
    return new PublicKey(value);
  } catch {
    throw new UsageError(`${what} "${value}" is not a valid base58 public key`);
  }
}

/** "12.5" whole tokens → base units. */
export function amount(value: string, decimals: number, what = "amount"): bigint {
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
export function usd(value: string): bigint {
  const v = value.replace(/^\$/, "");
  if (!/^\d+(\.\d{1,6})?$/.test(v))
    throw new UsageError(`price "${value}" must be USD with at most 6 decimals, e.g. 1.20`);
  const [whole, frac = ""] = v.split(".");
  return BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, "0"));
}

export function integer(value: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new UsageError(`${what} "${value}" must be an integer from 0 to ${max}`);
  return Number(value);
}

export function duration(value: string): bigint {
  const m = /^(\d+)(s|m|h|d)?$/.exec(value);
  if (!m) throw new UsageError(`duration "${value}" must look like 90s, 30m, 2h or 1d`);
  const mult = { s: 1n, m: 60n, h: 3600n, d: 86400n }[(m[2] ?? "s") as "s"];
  const seconds = BigInt(m[1]) * mult;
  if (seconds > 2n ** 63n - 1n) throw new UsageError(`duration "${value}" is too long`);
  return seconds;
}

/** Repeated `--addon <id=usdPerHour>` → QoS add-ons (ids 1..255, distinct, at most 4). */
export function addonPrices(values: string[]): { id: number; priceMicroUsdPerHour: bigint }[] {
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
export function addonIds(value: string | undefined): number[] {
  if (!value) return [];
  return value.split(",").map((v) => integer(v.trim(), "add-on id", 255));
}

/** For repeatable options. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** A node address, or "<node-id>" for one of the signer's nodes. */
export async function nodeAddress(ctx: Ctx, spec: string): Promise<PublicKey> {
  if (/^\d{1,20}$/.test(spec) && BigInt(spec) < 2n ** 64n)
    return ctx.client.pdas.node(ctx.signer.publicKey, BigInt(spec));
  const key = pubkey(spec, "node");
  const info = await ctx.client.connection.getAccountInfo(key);
  if (!info || !info.owner.equals(ctx.client.programs.nodeStaking.programId)) {
    throw new UsageError(`${spec} is not a node; list them with \`gpu-depin nodes\``);
  }
  return key;
}

// ------------------------------------------------------------------ printing

/** Base units → whole tokens: "12.5". */
export const fmt = (units: bigint | { toString(): string }, decimals: number): string => {
  const v = BigInt(units.toString());
  const s = v.toString().padStart(decimals + 1, "0");
  if (!decimals) return s;
  // Trailing zeros of the fraction only: 10 tokens of a 0-decimal mint stay "10".
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/\.?0+$/, "");
};

/** Dollars with at least cents: $1.50, $0.0025. */
export const usdFmt = (micro: bigint | { toString(): string }): string => {
  const [whole, frac = ""] = fmt(micro, 6).split(".");
  return `$${whole}.${frac.padEnd(2, "0")}`;
};

/**
 * `data` made JSON-safe, recursively: BN (every u64, i64 and u128 the
 * programs store) and bigint as decimal strings, public keys in base58.
 * It runs before JSON.stringify because BN's own toJSON (hex) runs before
 * any replacer.
 */
export function toJsonValue(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (BN.isBN(v)) return (v as BN).toString(10);
  if (v instanceof PublicKey) return v.toBase58();
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return Array.from(v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  }
  return v;
}

/** console.table's rendering, as a string. */
export function renderTable(rows: Record<string, unknown>[]): string {
  let text = "";
  const sink = { write: (chunk: string) => ((text += chunk), true) };
  new Console({ stdout: sink as unknown as NodeJS.WritableStream, ignoreErrors: false }).table(
    rows,
  );
  return text;
}

/** JSON with --json; else the table if given; else "key  value" lines. */
export function print(ctx: Ctx, data: unknown, table?: Record<string, unknown>[]): void {
  if (ctx.json) {
    ctx.io.out(`${JSON.stringify(toJsonValue(data), null, 2)}\n`);
  } else if (table) {
    ctx.io.out(renderTable(table));
  } else {
    for (const [k, v] of Object.entries(data as Record<string, unknown>))
      ctx.io.out(`${k.padEnd(20)} ${String(v)}\n`);
  }
}
