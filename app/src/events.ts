// Typed event subscriptions on top of Anchor's log parser.
import { IdlEvents, Program } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";

import type { NodeStaking, RentalEscrow } from "./programs";

export type StakingEvents = IdlEvents<NodeStaking>;
export type EscrowEvents = IdlEvents<RentalEscrow>;

/** Calls `handler` for each `name` event node_staking emits; returns an unsubscribe function. */
export function onStakingEvent<E extends keyof StakingEvents>(
  program: Program<NodeStaking>,
  name: E,
  handler: (event: StakingEvents[E], slot: number, signature: string) => void,
): () => Promise<void> {
  const id = program.addEventListener(name, handler as never);
  return () => program.removeEventListener(id);
}

/** Calls `handler` for each `name` event rental_escrow emits; returns an unsubscribe function. */
export function onEscrowEvent<E extends keyof EscrowEvents>(
  program: Program<RentalEscrow>,
  name: E,
  handler: (event: EscrowEvents[E], slot: number, signature: string) => void,
): () => Promise<void> {
  const id = program.addEventListener(name, handler as never);
  return () => program.removeEventListener(id);
}

export type { PublicKey };
