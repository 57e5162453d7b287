// Sending: a compute-unit limit sized from the measured table, sign, send with
// preflight, confirm, and a failed transaction's logs kept on the error.
import { AnchorProvider } from "@coral-xyz/anchor";
import {
  ComputeBudgetProgram,
  Signer,
  Transaction,
  TransactionExpiredBlockheightExceededError,
  TransactionInstruction,
} from "@solana/web3.js";

import type { Built } from "./common";

/**
 * Compute units measured per instruction (scripts/bench.ts, LiteSVM and the
 * validator), with ~40 % headroom, so transactions request what they need.
 */
export const COMPUTE_UNITS: Record<string, number> = {
  registerNode: 60_000,
  stake: 45_000,
  requestUnstake: 25_000,
  withdrawUnstaked: 45_000,
  delegate: 60_000,
  undelegate: 30_000,
  withdrawUndelegated: 45_000,
  claimRewards: 45_000,
  claimOperatorRewards: 45_000,
  creditRewards: 50_000,
  slash: 80_000,
  createRental: 110_000,
  extendRental: 80_000,
  claim: 60_000,
  cancelRental: 50_000,
  closeRental: 90_000,
  openDispute: 20_000,
  resolveDispute: 160_000,
  closeDelegation: 15_000,
  closeNode: 40_000,
  createSpecTier: 30_000,
  updateConfig: 15_000,
  setPaused: 10_000,
  updatePricing: 20_000,
  default: 200_000,
};

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
  constructor(readonly provider: AnchorProvider) {}

  /**
   * Sends instructions with a compute-unit limit sized from the measured
   * table (`unitsKey` × the number of instructions), retrying with a fresh
   * blockhash if the first one expires. Resolves to the signature once
   * confirmed; throws TransactionFailedError (with the logs) if it failed.
   */
  async send(
    ixs: (Built | TransactionInstruction)[],
    signers: Signer[] = [],
    unitsKey?: string,
  ): Promise<string> {
    const instructions = ixs.map((i) => ("instruction" in i ? i.instruction : i));
    const units = Math.min(
      1_400_000,
      (unitsKey ? (COMPUTE_UNITS[unitsKey] ?? COMPUTE_UNITS.default) : COMPUTE_UNITS.default) *
        Math.max(1, instructions.length),
    );
    for (let attempt = 0; ; attempt++) {
      const tx = new Transaction().add(
        ComputeBudgetProgram.setComputeUnitLimit({ units }),
        ...instructions,
      );
      try {
        return await this.sendOnce(tx, signers);
      } catch (e) {
        const expired =
          e instanceof TransactionExpiredBlockheightExceededError ||
          /block ?height exceeded|Blockhash not found/i.test(String(e));
        if (!expired || attempt >= 2) throw e;
      }
    }
  }

  /**
   * Sign, send with preflight, confirm. Our own rather than
   * AnchorProvider.sendAndConfirm: Anchor 0.32.1 rebuilds a failed
   * confirmation as `new SendTransactionError(message, logs)`, a signature
   * web3.js 1.98 no longer has, so the logs (and the error's name) are lost.
   */
  private async sendOnce(tx: Transaction, signers: Signer[]): Promise<string> {
    const { connection, wallet } = this.provider;
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
    tx.feePayer = wallet.publicKey;
    tx.recentBlockhash = blockhash;
    if (signers.length) tx.partialSign(...signers);
    const signed = await wallet.signTransaction(tx);
    const wire = signed.serialize({ requireAllSignatures: true, verifySignatures: false });
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
