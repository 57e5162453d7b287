// The fuzzer's fast path to the real SBF programs on LiteSVM: instructions
// encoded straight from the IDLs (no account resolution), transactions sent
// one at a time with signature verification switched off (the runtime still
// sees the same signer flags; only the ed25519 check, the runtime's job and
// not the programs', is skipped), token accounts and SOL put in place
// directly, and failures named by the program that threw them.
import { BN } from "@coral-xyz/anchor";
import { ACCOUNT_SIZE, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey, SystemProgram, TransactionInstruction } from "@solana/web3.js";
import * as crypto from "crypto";
import { Clock, FailedTransactionMetadata, LiteSVM, TransactionMetadata } from "litesvm";

import { createContext, PYTH, TestContext } from "../helpers/context";
import { checkEventContract } from "../helpers/event-contract";
import { escrowPda, Escrow, ensureEscrow, fixtureWriteIx } from "../helpers/escrow";
import { resetFpu } from "../helpers/fpu";
import { encodePythLegacyPrice, PythPriceFixture } from "../helpers/pyth";
import { ensureProtocol, pda, Protocol } from "../helpers/staking";

export const U64_MAX = (1n << 64n) - 1n;

/** A fresh address (signatures are not verified, so any key can sign). */
export const freshKey = (): PublicKey => new PublicKey(crypto.randomBytes(32));

/** Outcome of one transaction: success, or the error named as `program:Name`. */
export interface Outcome {
  ok: boolean;
  /** e.g. `staking:Paused`, `escrow:RentalNotActive`, `token:0x1`, `system:0x0`. */
  code?: string;
  logs: string[];
  returnData?: Buffer;
}

type AnyProgram = TestContext["nodeStaking"] | TestContext["rentalEscrow"];
type Accounts = Record<string, PublicKey | null | undefined>;

interface IdlAccount {
  name: string;
  writable?: boolean;
  signer?: boolean;
  optional?: boolean;
  address?: string;
}

const GC = (globalThis as unknown as { gc?: (o?: object) => void }).gc;
let sends = 0;
/**
 * LiteSVM's JIT leaves the x87 unit unusable until `resetFpu` runs after the
 * call (tools/fpu-reset): a garbage collection that V8 starts inside the
 * native call, while it allocates the result, dies with std::bad_alloc. With
 * `node --expose-gc --max-semi-space-size=64` (tests/fuzz/run.ts) the young
 * generation is large and emptied here, outside the calls, often enough
 * that V8 never needs to collect inside one.
 */
function collectGarbage(): void {
  if (!GC) return;
  sends++;
  if (sends % 4096 === 0) GC();
  else if (sends % 48 === 0) GC({ type: "minor" });
}
const idlCache = new Map<string, { name: string; accounts: IdlAccount[] }>();
const addressKeys = new Map<string, PublicKey>();

/** An instruction of `program` from its IDL: `accounts` by (camelCase) name, null = None. */
export function ixOf(
  program: AnyProgram,
  name: string,
  args: Record<string, unknown>,
  accounts: Accounts,
): TransactionInstruction {
  const cacheKey = `${keyId(program.programId)}:${name}`;
  let idlIx = idlCache.get(cacheKey);
  if (!idlIx) {
    idlIx = (
      program.idl.instructions as unknown as { name: string; accounts: IdlAccount[] }[]
    ).find((i) => i.name === name);
    if (idlIx) idlCache.set(cacheKey, idlIx);
  }
  if (!idlIx) throw new Error(`no instruction ${name}`);
  const keys = idlIx.accounts.map((a) => {
    let key = accounts[a.name];
    if (key === undefined && a.address) {
      key = addressKeys.get(a.address);
      if (!key) addressKeys.set(a.address, (key = new PublicKey(a.address)));
    }
    if (key === undefined) throw new Error(`${name}: account ${a.name} missing`);
    if (key === null) {
      if (!a.optional) throw new Error(`${name}: account ${a.name} is not optional`);
      return { pubkey: program.programId, isSigner: false, isWritable: false };
    }
    return { pubkey: key, isSigner: !!a.signer, isWritable: !!a.writable };
  });
  const data = program.coder.instruction.encode(name, args);
  return new TransactionInstruction({ programId: program.programId, keys, data });
}

export const bnOf = (v: bigint | number): BN => new BN(v.toString());

const bytesOf = new WeakMap<PublicKey, Uint8Array>();
const idOf = new WeakMap<PublicKey, string>();
/** A key's 32 bytes (cached per PublicKey object). */
export function keyBytes(k: PublicKey): Uint8Array {
  let b = bytesOf.get(k);
  if (!b) {
    b = k.toBytes();
    bytesOf.set(k, b);
  }
  return b;
}
/** A cheap identity string of a key (latin1 of its bytes). */
export function keyId(k: PublicKey): string {
  let s = idOf.get(k);
  if (s === undefined) {
    s = Buffer.from(keyBytes(k)).toString("latin1");
    idOf.set(k, s);
  }
  return s;
}

const PREFIX: Record<string, string> = {};

/**
 * Names the error of a failed transaction: the innermost failing program
 * and its Anchor error name, or its raw failure text.
 */
export function failureCode(logs: string[]): string {
  const stack: string[] = [];
  let anchorName: { program: string; name: string } | undefined;
  for (const line of logs) {
    let m = /^Program (\w+) invoke \[\d+\]$/.exec(line);
    if (m) {
      stack.push(m[1]);
      continue;
    }
    m = /Error Code: (\w+)\./.exec(line);
    if (m && !anchorName) {
      anchorName = { program: stack[stack.length - 1], name: m[1] };
      continue;
    }
    m = /^Program (\w+) failed: (.*)$/.exec(line);
    if (m) {
      const program = m[1];
      const prefix = PREFIX[program] ?? program;
      if (anchorName && anchorName.program === program) return `${prefix}:${anchorName.name}`;
      const custom = /custom program error: (0x[0-9a-f]+)/.exec(m[2]);
      return `${prefix}:${custom ? custom[1] : m[2]}`;
    }
    if (/^Program (\w+) success$/.test(line)) stack.pop();
  }
  return anchorName
    ? `${PREFIX[anchorName.program] ?? anchorName.program}:${anchorName.name}`
    : "unknown";
}

/** One LiteSVM world with both programs initialised, reused by many sequences. */
export class Chain {
  readonly svm: LiteSVM;
  readonly payer: PublicKey;
  txCount = 0;
  private tierCounter = 1;

  private constructor(
    readonly ctx: TestContext,
    readonly p: Protocol,
    readonly e: Escrow,
  ) {
    this.svm = ctx.svm!;
    this.payer = ctx.payer.publicKey;
    PREFIX[ctx.nodeStaking.programId.toBase58()] = "staking";
    PREFIX[ctx.rentalEscrow.programId.toBase58()] = "escrow";
    PREFIX[TOKEN_PROGRAM_ID.toBase58()] = "token";
    PREFIX[SystemProgram.programId.toBase58()] = "system";
  }

  static async create(): Promise<Chain> {
    const ctx = await createContext();
    if (!ctx.svm) throw new Error("the fuzzer runs on LiteSVM only (TEST_BACKEND=litesvm)");
    const p = await ensureProtocol(ctx);
    const e = await ensureEscrow(p);
    ctx.svm.withSigverify(false);
    ctx.svm.withTransactionHistory(0n);
    return new Chain(ctx, p, e);
  }

  get staking() {
    return this.ctx.nodeStaking;
  }
  get escrow() {
    return this.ctx.rentalEscrow;
  }

  /** A tier id not used yet in this world (ids are u16). */
  nextTierId(): number {
    if (this.tierCounter >= 65_000) throw new Error("tier ids exhausted: recreate the chain");
    return this.tierCounter++;
  }

  private sigCounter = 0n;
  private blockhash = { text: "", bytes: new Uint8Array(32) };

  /**
   * The wire format of a legacy transaction with `ixs`, the payer paying
   * the fee and a unique dummy signature for every signer.
   */
  serialize(ixs: TransactionInstruction[]): { bytes: Uint8Array; writable: PublicKey[] } {
    const metas = new Map<string, { key: PublicKey; signer: boolean; writable: boolean }>();
    const add = (key: PublicKey, signer: boolean, writable: boolean) => {
      const id = keyId(key);
      const m = metas.get(id);
      if (m) {
        m.signer ||= signer;
        m.writable ||= writable;
      } else metas.set(id, { key, signer, writable });
    };
    add(this.payer, true, true);
    for (const ix of ixs) {
      for (const k of ix.keys) add(k.pubkey, k.isSigner, k.isWritable);
      add(ix.programId, false, false);
    }
    const all = [...metas.values()];
    const payerMeta = all[0];
    const rest = all.slice(1);
    const ordered = [
      payerMeta,
      ...rest.filter((m) => m.signer && m.writable),
      ...rest.filter((m) => m.signer && !m.writable),
      ...rest.filter((m) => !m.signer && m.writable),
      ...rest.filter((m) => !m.signer && !m.writable),
    ];
    const index = new Map<string, number>();
    ordered.forEach((m, i) => index.set(keyId(m.key), i));
    const signers = ordered.filter((m) => m.signer).length;
    const readonlySigned = ordered.filter((m) => m.signer && !m.writable).length;
    const readonlyUnsigned = ordered.filter((m) => !m.signer && !m.writable).length;
    const bh = this.svm.latestBlockhash();
    if (bh !== this.blockhash.text)
      this.blockhash = { text: bh, bytes: new PublicKey(bh).toBytes() };
    const parts: number[] = [];
    const compact = (n: number) => {
      for (;;) {
        let b = n & 0x7f;
        n >>= 7;
        if (n) b |= 0x80;
        parts.push(b);
        if (!n) break;
      }
    };
    const bytes = (b: Uint8Array) => {
      for (let i = 0; i < b.length; i++) parts.push(b[i]);
    };
    compact(signers);
    for (let i = 0; i < signers; i++) {
      const sig = new Uint8Array(64);
      let c = ++this.sigCounter;
      for (let j = 0; j < 16 && c > 0n; j++, c >>= 8n) sig[j] = Number(c & 0xffn);
      sig[63] = i + 1;
      bytes(sig);
    }
    parts.push(signers, readonlySigned, readonlyUnsigned);
    compact(ordered.length);
    for (const m of ordered) bytes(keyBytes(m.key));
    bytes(this.blockhash.bytes);
    compact(ixs.length);
    for (const ix of ixs) {
      parts.push(index.get(keyId(ix.programId))!);
      compact(ix.keys.length);
      for (const k of ix.keys) parts.push(index.get(keyId(k.pubkey))!);
      compact(ix.data.length);
      bytes(ix.data);
    }
    return {
      bytes: Uint8Array.from(parts),
      writable: ordered.filter((m) => m.writable).map((m) => m.key),
    };
  }

  /** Sends `ixs` in one transaction (signatures are not verified). */
  send(ixs: TransactionInstruction[]): Outcome & { writable: PublicKey[] } {
    const { bytes, writable } = this.serialize(ixs);
    collectGarbage();
    const result = this.inner.sendLegacyTransaction(bytes);
    resetFpu();
    this.txCount++;
    if (result instanceof FailedTransactionMetadata) {
      const logs = result.meta().logs();
      return { ok: false, code: failureCode(logs), logs, writable };
    }
    const meta = result as TransactionMetadata;
    checkEventContract(meta.logs());
    return { ok: true, logs: [], returnData: Buffer.from(meta.returnData().data()), writable };
  }

  /** Simulates `ixs` (nothing is written). */
  simulate(ixs: TransactionInstruction[]): Outcome {
    const { bytes } = this.serialize(ixs);
    collectGarbage();
    const result = this.inner.simulateLegacyTransaction(bytes);
    resetFpu();
    if (result instanceof FailedTransactionMetadata) {
      const logs = result.meta().logs();
      return { ok: false, code: failureCode(logs), logs };
    }
    return { ok: true, logs: [] };
  }

  private get inner(): {
    sendLegacyTransaction(b: Uint8Array): TransactionMetadata | FailedTransactionMetadata;
    simulateLegacyTransaction(b: Uint8Array): unknown;
    getAccount(k: Uint8Array): { lamports(): bigint; data(): Uint8Array } | null;
  } {
    return (this.svm as unknown as { inner: never }).inner;
  }

  /** Lamports and data of an account, without the conversions of `svm.getAccount`. */
  account(key: PublicKey): { lamports: bigint; data: Uint8Array } | null {
    const a = this.inner.getAccount(keyBytes(key));
    if (!a) return null;
    const lamports = a.lamports();
    return lamports === 0n ? null : { lamports, data: a.data() };
  }

  now(): bigint {
    return this.svm.getClock().unixTimestamp;
  }
  slot(): bigint {
    return this.svm.getClock().slot;
  }

  /** Moves the clock to `unix` (never back) and the slot on by one. */
  warpTo(unix: bigint): void {
    const c = this.svm.getClock();
    const t = unix > c.unixTimestamp ? unix : c.unixTimestamp;
    this.svm.setClock(
      new Clock(c.slot + 1n, c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch, t),
    );
  }

  /** Gives `owner` SOL for rent and fees (system account). */
  giveSol(owner: PublicKey, lamports = 100_000_000_000n): void {
    this.svm.setAccount(owner, {
      lamports: Number(lamports),
      data: new Uint8Array(0),
      owner: SystemProgram.programId,
      executable: false,
    });
  }

  /** A new SPL token account of the stake mint owned by `owner` holding `amount`. */
  newTokenAccount(owner: PublicKey, amount: bigint): PublicKey {
    const address = freshKey();
    const data = Buffer.alloc(ACCOUNT_SIZE);
    this.p.stakeMint.toBuffer().copy(data, 0);
    owner.toBuffer().copy(data, 32);
    data.writeBigUInt64LE(amount, 64);
    data.writeUInt8(1, 108); // AccountState::Initialized
    this.svm.setAccount(address, {
      lamports: Number(this.svm.minimumBalanceForRentExemption(BigInt(ACCOUNT_SIZE))),
      data,
      owner: TOKEN_PROGRAM_ID,
      executable: false,
    });
    return address;
  }

  /** Token balance (null when the account does not exist). */
  tokenBalance(address: PublicKey): bigint | null {
    const acc = this.account(address);
    if (!acc) return null;
    return Buffer.from(acc.data.buffer, acc.data.byteOffset, acc.data.length).readBigUInt64LE(64);
  }

  raw(address: PublicKey): Uint8Array | null {
    const acc = this.account(address);
    return acc ? acc.data : null;
  }

  exists(address: PublicKey): boolean {
    return this.account(address) !== null;
  }

  decode<T = Record<string, unknown>>(
    program: AnyProgram,
    type: string,
    address: PublicKey,
  ): T | null {
    const acc = this.account(address);
    if (!acc) return null;
    return program.coder.accounts.decode(type, Buffer.from(acc.data)) as T;
  }

  /** Writes a legacy Pyth price into the escrow's pinned price account. */
  writePrice(f: PythPriceFixture & { publishSlot: bigint; emaPrice?: bigint }): Outcome {
    const bytes = encodePythLegacyPrice(f).subarray(0, 240);
    return this.send([
      fixtureWriteIx(PYTH.legacyMainnet, this.e.priceAccount, 0, Buffer.from(bytes)),
    ]);
  }

  // ---- addresses -----------------------------------------------------------

  tierPda(id: number): PublicKey {
    return pda.tier(this.ctx, id);
  }
  nodePda(operator: PublicKey, nodeId: bigint): PublicKey {
    return pda.node(this.ctx, operator, nodeId);
  }
  vaultPda(node: PublicKey): PublicKey {
    return pda.vault(this.ctx, node);
  }
  delegationPda(node: PublicKey, delegator: PublicKey): PublicKey {
    return pda.delegation(this.ctx, node, delegator);
  }
  slashPda(node: PublicKey, evidence: Buffer): PublicKey {
    return pda.slash(this.ctx, node, evidence);
  }
  rentalPda(renter: PublicKey, id: bigint): PublicKey {
    return escrowPda.rental(this.ctx, renter, id);
  }
  rentalVaultPda(rental: PublicKey): PublicKey {
    return escrowPda.vault(this.ctx, rental);
  }
}
