// An Anchor `Provider` backed by LiteSVM, so the same `Program<T>` clients
// (generated IDL types) drive the real SBF programs in-process. Only the
// Connection methods the Anchor client and our helpers use are implemented.
import { Provider, Wallet, utils } from "@coral-xyz/anchor";
import {
  AccountInfo,
  Commitment,
  Connection,
  Keypair,
  PublicKey,
  RpcResponseAndContext,
  SendOptions,
  Signer,
  SimulatedTransactionResponse,
  Transaction,
  TransactionSignature,
  VersionedTransaction,
} from "@solana/web3.js";
import { createPrivateKey, generateKeyPairSync, KeyObject, sign as edSign } from "crypto";
import { FailedTransactionMetadata, LiteSVM, TransactionMetadata } from "litesvm";

import { recordComputeUnits } from "./cu-log";
import { checkEventContract } from "./event-contract";
import { resetFpu } from "./fpu";

// web3.js's legacy Transaction.compileMessage compares account keys by their
// base58 strings and encodes every key again on every call: about a third of
// building a transaction here (a CPU profile of the 1,000-delegator test).
// A PublicKey never changes, so its string is kept per object.
const base58Of = new WeakMap<PublicKey, string>();
const encodeBase58 = PublicKey.prototype.toBase58;
PublicKey.prototype.toBase58 = function (this: PublicKey): string {
  let s = base58Of.get(this);
  if (s === undefined) {
    s = encodeBase58.call(this);
    base58Of.set(this, s);
  }
  return s;
};

// The same PDAs are derived again and again (Anchor's account resolution
// derives the config and tier on every instruction); each derivation checks
// candidate points against the curve in JavaScript. The result depends only
// on the seeds and the program, so it is kept.
const pdaOf = new Map<string, [PublicKey, number]>();
const findProgramAddress = PublicKey.findProgramAddressSync;
PublicKey.findProgramAddressSync = function (
  seeds: Array<Buffer | Uint8Array>,
  programId: PublicKey,
): [PublicKey, number] {
  const key = `${programId.toBase58()}|${seeds.map((s) => Buffer.from(s).toString("hex")).join(",")}`;
  let found = pdaOf.get(key);
  if (found === undefined) {
    found = findProgramAddress.call(PublicKey, seeds, programId);
    pdaOf.set(key, found);
  }
  return found;
};

const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const nativeKeys = new WeakMap<Signer, KeyObject>();

/**
 * Signs `tx` for each signer with Node's native Ed25519 (the same
 * deterministic signature as @solana/web3.js's JS implementation, ~30x
 * faster). Like partialSign, a signer the message does not need is an error.
 */
function signNatively(tx: VersionedTransaction, signers: Signer[]): void {
  if (!signers.length) return;
  const message = tx.message.serialize();
  for (const s of signers) {
    let key = nativeKeys.get(s);
    if (!key) {
      key = createPrivateKey({
        key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(s.secretKey.subarray(0, 32))]),
        format: "der",
        type: "pkcs8",
      });
      nativeKeys.set(s, key);
    }
    tx.addSignature(s.publicKey, edSign(null, message, key));
  }
}

/**
 * A new keypair from Node's native Ed25519 (Keypair.generate's JS scalar
 * multiplication dominates tests that create a thousand wallets); its
 * native signing key is cached for signNatively.
 */
export function nativeKeypair(): Keypair {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32);
  const pub = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  const kp = Keypair.fromSecretKey(Buffer.concat([seed, pub]), { skipValidation: true });
  nativeKeys.set(kp, privateKey);
  return kp;
}

/** What one executed transaction cost and printed (for measurements and asserts). */
export interface ExecutedTransaction {
  signature: string;
  logs: string[];
  computeUnits: number;
}

/** Thrown for a failed transaction; `logs` lets Anchor's `translateError` name the error. */
export class TransactionFailed extends Error {
  constructor(
    readonly logs: string[],
    readonly computeUnits: number,
    readonly detail: string,
  ) {
    super(`transaction failed: ${detail}\n${logs.join("\n")}`);
    this.name = "TransactionFailed";
  }
}

function toAccountInfo(acc: AccountInfo<Uint8Array>): AccountInfo<Buffer> {
  return {
    executable: acc.executable,
    owner: acc.owner,
    lamports: acc.lamports,
    data: Buffer.from(acc.data),
    rentEpoch: acc.rentEpoch,
  };
}

/** The subset of `Connection` backed by a LiteSVM instance. */
export class LiteSvmConnection {
  constructor(readonly svm: LiteSVM) {}

  private context() {
    return { slot: Number(this.svm.getClock().slot) };
  }

  async getAccountInfo(address: PublicKey): Promise<AccountInfo<Buffer> | null> {
    const acc = this.svm.getAccount(address);
    return acc ? toAccountInfo(acc) : null;
  }

  async getAccountInfoAndContext(
    address: PublicKey,
  ): Promise<RpcResponseAndContext<AccountInfo<Buffer> | null>> {
    return { context: this.context(), value: await this.getAccountInfo(address) };
  }

  async getMultipleAccountsInfo(addresses: PublicKey[]): Promise<(AccountInfo<Buffer> | null)[]> {
    return Promise.all(addresses.map((a) => this.getAccountInfo(a)));
  }

  async getMultipleAccountsInfoAndContext(
    addresses: PublicKey[],
  ): Promise<RpcResponseAndContext<(AccountInfo<Buffer> | null)[]>> {
    return { context: this.context(), value: await this.getMultipleAccountsInfo(addresses) };
  }

  async getBalance(address: PublicKey): Promise<number> {
    return Number(this.svm.getBalance(address) ?? 0n);
  }

  async getMinimumBalanceForRentExemption(dataLength: number): Promise<number> {
    return Number(this.svm.minimumBalanceForRentExemption(BigInt(dataLength)));
  }

  async getLatestBlockhash(): Promise<{ blockhash: string; lastValidBlockHeight: number }> {
    return { blockhash: this.svm.latestBlockhash(), lastValidBlockHeight: 0 };
  }

  async getSlot(): Promise<number> {
    return this.context().slot;
  }

  /** A transaction from the runtime's history, shaped like the RPC's answer (meta: err, logs, units). */
  async getTransaction(signature: string): Promise<{
    slot: number;
    meta: { err: unknown; logMessages: string[]; computeUnitsConsumed: number };
  } | null> {
    const result = this.svm.getTransaction(utils.bytes.bs58.decode(signature));
    if (!result) return null;
    const failed = result instanceof FailedTransactionMetadata;
    const meta = failed ? result.meta() : (result as TransactionMetadata);
    return {
      slot: this.context().slot,
      meta: {
        err: failed ? describeError(result) : null,
        logMessages: meta.logs(),
        computeUnitsConsumed: Number(meta.computeUnitsConsumed()),
      },
    };
  }
}

export class LiteSvmProvider implements Provider {
  readonly connection: Connection;
  /** The last transaction this provider executed (successful or not). */
  lastTransaction: ExecutedTransaction | undefined;

  constructor(
    readonly svm: LiteSVM,
    readonly wallet: Wallet,
  ) {
    // Anchor only calls the methods LiteSvmConnection implements.
    this.connection = new LiteSvmConnection(svm) as unknown as Connection;
  }

  get publicKey(): PublicKey {
    return this.wallet.publicKey;
  }

  private async prepare(
    tx: Transaction | VersionedTransaction,
    signers: Signer[] = [],
  ): Promise<VersionedTransaction> {
    let signed: VersionedTransaction;
    if (tx instanceof VersionedTransaction) {
      tx.message.recentBlockhash = this.svm.latestBlockhash();
      signed = tx;
    } else {
      tx.feePayer = tx.feePayer ?? this.wallet.publicKey;
      tx.recentBlockhash = this.svm.latestBlockhash();
      // Compiled once and sent as the same legacy message in a
      // VersionedTransaction: web3's Transaction recompiles the message for
      // every partialSign and verifies every signature in JS again on
      // serialize, which cost more than running the transaction.
      signed = new VersionedTransaction(tx.compileMessage());
    }
    // The wallet signs every transaction, as wallet.signTransaction did.
    const { payer } = this.wallet;
    const withPayer = signers.some((s) => s.publicKey.equals(payer.publicKey));
    signNatively(signed, withPayer ? signers : [payer, ...signers]);
    return signed;
  }

  async sendAndConfirm(
    tx: Transaction | VersionedTransaction,
    signers?: Signer[],
    _opts?: SendOptions,
  ): Promise<TransactionSignature> {
    const signed = await this.prepare(tx, signers);
    const result = this.svm.sendTransaction(signed);
    resetFpu();
    // A fresh blockhash per transaction keeps identical instructions distinct.
    this.svm.expireBlockhash();
    const signature = utils.bytes.bs58.encode(signed.signatures[0]);
    if (result instanceof FailedTransactionMetadata) {
      const meta = result.meta();
      const logs = meta.logs();
      const computeUnits = Number(meta.computeUnitsConsumed());
      this.lastTransaction = { signature, logs, computeUnits };
      throw new TransactionFailed(logs, computeUnits, describeError(result));
    }
    const meta = result as TransactionMetadata;
    this.lastTransaction = {
      signature,
      logs: meta.logs(),
      computeUnits: Number(meta.computeUnitsConsumed()),
    };
    recordComputeUnits(this.lastTransaction.logs);
    checkEventContract(this.lastTransaction.logs);
    return signature;
  }

  async send(
    tx: Transaction | VersionedTransaction,
    signers?: Signer[],
    opts?: SendOptions,
  ): Promise<TransactionSignature> {
    return this.sendAndConfirm(tx, signers, opts);
  }

  async sendAll<T extends Transaction | VersionedTransaction>(
    txs: { tx: T; signers?: Signer[] }[],
  ): Promise<TransactionSignature[]> {
    const out: TransactionSignature[] = [];
    for (const { tx, signers } of txs) out.push(await this.sendAndConfirm(tx, signers));
    return out;
  }

  async simulate(
    tx: Transaction | VersionedTransaction,
    signers?: Signer[],
    _commitment?: Commitment,
  ): Promise<SimulatedTransactionResponse> {
    const signed = await this.prepare(tx, signers);
    const result = this.svm.simulateTransaction(signed);
    resetFpu();
    if (result instanceof FailedTransactionMetadata) {
      const meta = result.meta();
      throw new TransactionFailed(
        meta.logs(),
        Number(meta.computeUnitsConsumed()),
        describeError(result),
      );
    }
    const meta = result.meta();
    return {
      err: null,
      logs: meta.logs(),
      accounts: null,
      unitsConsumed: Number(meta.computeUnitsConsumed()),
    };
  }
}

/** A readable form of LiteSVM's transaction error. */
export function describeError(failed: FailedTransactionMetadata): string {
  const err = failed.err() as unknown as {
    index?: number;
    err?: () => unknown;
    toString(): string;
  };
  if (typeof err === "number") return `TransactionError(${err})`;
  if (err && typeof err.err === "function") {
    const inner = err.err() as { code?: number } | number;
    if (typeof inner === "number") return `instruction ${err.index}: InstructionError(${inner})`;
    if (inner && typeof inner.code === "number")
      return `instruction ${err.index}: custom program error ${inner.code}`;
    return `instruction ${err.index}: ${String(inner?.constructor?.name)}`;
  }
  return String(err?.constructor?.name ?? err);
}
