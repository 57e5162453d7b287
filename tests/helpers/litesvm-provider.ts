// An Anchor `Provider` backed by LiteSVM, so the same `Program<T>` clients
// (generated IDL types) drive the real SBF programs in-process. Only the
// Connection methods the Anchor client and our helpers use are implemented.
import { Provider, Wallet, utils } from "@coral-xyz/anchor";
import {
  AccountInfo,
  Commitment,
  Connection,
  PublicKey,
  RpcResponseAndContext,
  SendOptions,
  Signer,
  SimulatedTransactionResponse,
  Transaction,
  TransactionSignature,
  VersionedTransaction,
} from "@solana/web3.js";
import { FailedTransactionMetadata, LiteSVM, TransactionMetadata } from "litesvm";

import { recordComputeUnits } from "./cu-log";
import { checkEventContract } from "./event-contract";
import { resetFpu } from "./fpu";

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
  ): Promise<Transaction | VersionedTransaction> {
    if (tx instanceof VersionedTransaction) {
      tx.message.recentBlockhash = this.svm.latestBlockhash();
      tx.sign(signers);
      return this.wallet.signTransaction(tx);
    }
    tx.feePayer = tx.feePayer ?? this.wallet.publicKey;
    tx.recentBlockhash = this.svm.latestBlockhash();
    const signed = await this.wallet.signTransaction(tx);
    for (const s of signers) signed.partialSign(s);
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
    const signature =
      signed instanceof VersionedTransaction
        ? utils.bytes.bs58.encode(signed.signatures[0])
        : utils.bytes.bs58.encode(signed.signature ?? new Uint8Array(64));
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
