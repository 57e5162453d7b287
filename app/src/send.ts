// Sending: versioned (v0) transactions, optionally through address lookup
// tables; a compute-unit limit from a simulation of the very transaction
// (with a margin), an optional compute-unit price; sign, send with preflight,
// confirm, and a failed transaction's logs kept on the error.
import { AnchorProvider } from "@coral-xyz/anchor";
import {
  AddressLookupTableAccount,
  AddressLookupTableProgram,
  ComputeBudgetProgram,
  Connection,
  PublicKey,
  Signer,
  TransactionExpiredBlockheightExceededError,
  TransactionInstruction,
  TransactionMessage,
  VersionedTransaction,
} from "@solana/web3.js";

import type { Built } from "./common";

/**
 * Compute units measured per instruction (the largest validator sample of the
 * 2026-12-05 clean-clone run, README "Compute units"), with ~40 % headroom
 * rounded up to 5,000: the limit used when the simulation fails
 * (the send then fails in preflight with the program's own error and logs).
 */
export const COMPUTE_UNITS: Record<string, number> = {
  registerNode: 40_000,
  stake: 25_000,
  requestUnstake: 25_000,
  withdrawUnstaked: 25_000,
  delegate: 35_000,
  undelegate: 15_000,
  withdrawUndelegated: 25_000,
  claimRewards: 25_000,
  claimOperatorRewards: 25_000,
  creditRewards: 25_000,
  slash: 45_000,
  createRental: 60_000,
  extendRental: 30_000,
  claim: 20_000,
  cancelRental: 35_000,
  closeRental: 65_000,
  openDispute: 5_000,
  resolveDispute: 105_000,
  closeDelegation: 10_000,
  closeNode: 25_000,
  createSpecTier: 25_000,
  updateConfig: 15_000,
  setPaused: 10_000,
  updatePricing: 20_000,
  default: 200_000,
};

/** The most compute units a transaction may request. */
export const MAX_COMPUTE_UNITS = 1_400_000;

/**
 * The limit requested for a transaction that consumed `consumed` units in
 * simulation: +10 % and +1 000 CU, because the state can move between the
 * simulation and the slot that executes it (a pool's share count, a PDA
 * bump search), rounded up.
 */
export function computeUnitLimit(consumed: number): number {
  return Math.min(MAX_COMPUTE_UNITS, Math.ceil(consumed * 1.1) + 1_000);
}

/**
 * A compute-unit price in micro-lamports per unit, or "auto": on a
 * non-local cluster the 75th percentile of the recent prioritization fees
 * paid for the accounts the transaction writes (0 if none were paid), on a
 * local validator 0.
 */
export type PriorityFee = number | "auto";

export interface SenderOptions {
  /** Default "auto" (nothing extra on localhost). */
  priorityFee?: PriorityFee;
}

export interface SendOptions {
  /** Address lookup tables the v0 message may load accounts from. */
  lookupTables?: AddressLookupTableAccount[];
}

/** Whether `url` is a validator on this machine. */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return ["127.0.0.1", "localhost", "0.0.0.0", "[::1]", "::1"].includes(host);
  } catch {
    return false;
  }
}

/** The 75th percentile of the non-zero recent fees for `writable`, 0 if there are none. */
export async function recentPriorityFee(
  connection: Connection,
  writable: PublicKey[],
): Promise<number> {
  const fees = (
    await connection.getRecentPrioritizationFees({
      lockedWritableAccounts: writable.slice(0, 128),
    })
  )
    .map((f) => f.prioritizationFee)
    .filter((f) => f > 0)
    .sort((a, b) => a - b);
  if (fees.length === 0) return 0;
  return fees[Math.min(fees.length - 1, Math.floor(fees.length * 0.75))];
}

/** The largest serialized transaction a cluster accepts. */
export const MAX_TRANSACTION_BYTES = 1232;

/** A transaction that landed and failed; `logs` feed describeError. */
export class TransactionFailedError extends Error {
  constructor(
    readonly signature: string,
    readonly err: string,
    readonly logs: string[],
  ) {
    super(`transaction ${signature} failed: ${err}`);
    this.name = "TransactionFailedError";
  }
}

export class Sender {
  readonly priorityFee: PriorityFee;

  constructor(
    readonly provider: AnchorProvider,
    options: SenderOptions = {},
  ) {
    this.priorityFee = options.priorityFee ?? "auto";
  }

  /** The compute-unit price this sender adds for `instructions` (micro-lamports per CU). */
  async computeUnitPrice(instructions: TransactionInstruction[]): Promise<number> {
    if (this.priorityFee !== "auto") {
      if (!Number.isSafeInteger(this.priorityFee) || this.priorityFee < 0)
        throw new Error(
          `priority fee ${this.priorityFee} must be a whole number of micro-lamports ≥ 0`,
        );
      return this.priorityFee;
    }
    const { connection } = this.provider;
    if (isLocalUrl(connection.rpcEndpoint)) return 0;
    const writable = new Map<string, PublicKey>();
    for (const ix of instructions)
      for (const k of ix.keys) if (k.isWritable) writable.set(k.pubkey.toBase58(), k.pubkey);
    return recentPriorityFee(connection, [...writable.values()]);
  }

  /**
   * Units consumed by `instructions` in a simulation (signatures not
   * verified, the cluster's latest blockhash), or undefined when the
   * simulation fails.
   */
  async simulateUnits(
    instructions: TransactionInstruction[],
    price: number,
    lookupTables: AddressLookupTableAccount[] = [],
  ): Promise<number | undefined> {
    const { connection, wallet } = this.provider;
    const { blockhash } = await connection.getLatestBlockhash("confirmed");
    const message = new TransactionMessage({
      payerKey: wallet.publicKey,
      recentBlockhash: blockhash,
      instructions: [...budget(MAX_COMPUTE_UNITS, price), ...instructions],
    }).compileToV0Message(lookupTables);
    const sim = await connection.simulateTransaction(new VersionedTransaction(message), {
      sigVerify: false,
      replaceRecentBlockhash: true,
      commitment: "confirmed",
    });
    if (sim.value.err || sim.value.unitsConsumed === undefined) return undefined;
    return sim.value.unitsConsumed;
  }

  /**
   * Sends instructions as one v0 transaction: compute-unit limit from a
   * simulation (computeUnitLimit; the measured table, `unitsKey` × the
   * number of instructions, if the simulation fails), the sender's
   * compute-unit price, `options.lookupTables` for the accounts. Retries
   * with a fresh blockhash if the first one expires. Resolves to the
   * signature once confirmed; throws TransactionFailedError (with the logs)
   * if it failed.
   */
  async send(
    ixs: (Built | TransactionInstruction)[],
    signers: Signer[] = [],
    unitsKey?: string,
    options: SendOptions = {},
  ): Promise<string> {
    const instructions = ixs.map((i) => ("instruction" in i ? i.instruction : i));
    const price = await this.computeUnitPrice(instructions);
    const simulated = await this.simulateUnits(instructions, price, options.lookupTables);
    const units =
      simulated !== undefined
        ? computeUnitLimit(simulated)
        : Math.min(
            MAX_COMPUTE_UNITS,
            (unitsKey
              ? (COMPUTE_UNITS[unitsKey] ?? COMPUTE_UNITS.default)
              : COMPUTE_UNITS.default) * Math.max(1, instructions.length),
          );
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sendOnce(
          [...budget(units, price), ...instructions],
          signers,
          options.lookupTables ?? [],
        );
      } catch (e) {
        const expired =
          e instanceof TransactionExpiredBlockheightExceededError ||
          /block ?height exceeded|Blockhash not found/i.test(String(e));
        if (!expired || attempt >= 2) throw e;
      }
    }
  }

  /**
   * The serialized size of `instructions` as this sender would send them
   * (budget included); Infinity when the message does not even serialize
   * (web3.js stops at its packet buffer).
   */
  async transactionBytes(
    ixs: (Built | TransactionInstruction)[],
    signerCount = 1,
    lookupTables: AddressLookupTableAccount[] = [],
  ): Promise<number> {
    const instructions = ixs.map((i) => ("instruction" in i ? i.instruction : i));
    const message = new TransactionMessage({
      payerKey: this.provider.wallet.publicKey,
      recentBlockhash: PublicKey.default.toBase58(),
      instructions: [...budget(MAX_COMPUTE_UNITS, 1), ...instructions],
    }).compileToV0Message(lookupTables);
    let messageBytes: number;
    try {
      messageBytes = message.serialize().length;
    } catch {
      return Infinity;
    }
    // compact-u16 signature count + 64 bytes per signature + the message.
    return 1 + 64 * Math.max(signerCount, message.header.numRequiredSignatures) + messageBytes;
  }

  /**
   * Creates an address lookup table holding `addresses` (the payer is its
   * authority) and waits until a transaction can use it (the slot after its
   * last extension). Resolves to the table account.
   */
  async createLookupTable(addresses: PublicKey[]): Promise<AddressLookupTableAccount> {
    const { connection, wallet } = this.provider;
    const recentSlot = await connection.getSlot("finalized");
    const [create, table] = AddressLookupTableProgram.createLookupTable({
      authority: wallet.publicKey,
      payer: wallet.publicKey,
      recentSlot,
    });
    // 20 addresses per extension keep each transaction well under 1 232 bytes.
    const CHUNK = 20;
    for (let i = 0; i < Math.max(addresses.length, 1); i += CHUNK) {
      const extend = AddressLookupTableProgram.extendLookupTable({
        lookupTable: table,
        authority: wallet.publicKey,
        payer: wallet.publicKey,
        addresses: addresses.slice(i, i + CHUNK),
      });
      await this.sendOnce(i === 0 ? [create, extend] : [extend], [], []);
    }
    const extendedAt = await connection.getSlot("confirmed");
    for (;;) {
      const account = (await connection.getAddressLookupTable(table, { commitment: "confirmed" }))
        .value;
      if (
        account &&
        account.state.addresses.length === addresses.length &&
        (await connection.getSlot("confirmed")) > extendedAt
      )
        return account;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Deactivates a lookup table this sender's wallet created; its rent can be
   * reclaimed (closeLookupTable, or `solana address-lookup-table close`)
   * once it has cooled down, about 513 slots later.
   */
  async deactivateLookupTable(table: PublicKey): Promise<string> {
    const { wallet } = this.provider;
    return this.sendOnce(
      [
        AddressLookupTableProgram.deactivateLookupTable({
          lookupTable: table,
          authority: wallet.publicKey,
        }),
      ],
      [],
      [],
    );
  }

  /**
   * Sign, send with preflight, confirm. Our own rather than
   * AnchorProvider.sendAndConfirm: Anchor 0.32.1 rebuilds a failed
   * confirmation as `new SendTransactionError(message, logs)`, a signature
   * web3.js 1.98 no longer has, so the logs (and the error's name) are lost.
   */
  private async sendOnce(
    instructions: TransactionInstruction[],
    signers: Signer[],
    lookupTables: AddressLookupTableAccount[],
  ): Promise<string> {
    const { connection, wallet } = this.provider;
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
    const message = new TransactionMessage({
      payerKey: wallet.publicKey,
      recentBlockhash: blockhash,
      instructions,
    }).compileToV0Message(lookupTables);
    let wire: Uint8Array;
    try {
      const tx = new VersionedTransaction(message);
      if (signers.length) tx.sign(signers);
      wire = (await wallet.signTransaction(tx)).serialize();
    } catch (e) {
      // web3.js refuses to serialize a message past its buffer.
      throw new Error(
        `transaction too large: a transaction holds at most ${MAX_TRANSACTION_BYTES} bytes (${String(e)})`,
      );
    }
    if (wire.length > MAX_TRANSACTION_BYTES) {
      throw new Error(
        `transaction too large: ${wire.length} bytes, a transaction holds at most ${MAX_TRANSACTION_BYTES}`,
      );
    }
    const signature = await connection.sendRawTransaction(wire, {
      preflightCommitment: "confirmed",
    });
    const status = await connection.confirmTransaction(
      { signature, blockhash, lastValidBlockHeight },
      "confirmed",
    );
    if (status.value.err) {
      const landed = await connection.getTransaction(signature, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      });
      throw new TransactionFailedError(
        signature,
        JSON.stringify(status.value.err),
        landed?.meta?.logMessages ?? [],
      );
    }
    return signature;
  }
}

/** The compute-budget instructions: a unit limit, and a unit price when > 0. */
function budget(units: number, price: number): TransactionInstruction[] {
  const ixs = [ComputeBudgetProgram.setComputeUnitLimit({ units })];
  if (price > 0) ixs.push(ComputeBudgetProgram.setComputeUnitPrice({ microLamports: price }));
  return ixs;
}
