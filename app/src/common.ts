// Types and small helpers every part of the SDK shares: the account types
// (from the committed IDL types), the builders' return shape, BN and enum
// conversions.
import { BN, IdlAccounts, IdlTypes, utils } from "@coral-xyz/anchor";
import { PublicKey, TransactionInstruction } from "@solana/web3.js";

import type { NodeStaking, RentalEscrow } from "./programs";

export type Node = IdlAccounts<NodeStaking>["node"];
export type Delegation = IdlAccounts<NodeStaking>["delegation"];
export type SpecTier = IdlAccounts<NodeStaking>["specTier"];
export type StakingConfig = IdlAccounts<NodeStaking>["config"];
export type EscrowConfig = IdlAccounts<RentalEscrow>["escrowConfig"];
export type Rental = IdlAccounts<RentalEscrow>["rental"];
export type QosAddon = IdlTypes<NodeStaking>["qosAddon"];
export type Region = "americas" | "europe" | "asia" | "other";
export type NodeStatus = "pending" | "active" | "jailed" | "exiting";
export type SlashReason = "dataLeak" | "qosFailure" | "other";

/** In the programs' enum order (the byte the memcmp filters compare). */
export const REGIONS: Region[] = ["americas", "europe", "asia", "other"];
export const STATUSES: NodeStatus[] = ["pending", "active", "jailed", "exiting"];

/** What every instruction builder returns: the instruction and the accounts it names. */
export interface Built {
  instruction: TransactionInstruction;
  accounts: Record<string, PublicKey>;
}

export interface NodeFilter {
  specTier?: number;
  region?: Region;
  status?: NodeStatus;
  /** Micro-USD per hour; memcmp cannot compare, so this one is applied client-side. */
  maxPriceMicroUsd?: bigint;
  operator?: PublicKey;
}

export const bn = (v: bigint | number): BN => new BN(v.toString());
/** BN (or number) → bigint. */
export const big = (v: BN | number | { toString(): string }): bigint => BigInt(v.toString());
/** An Anchor enum value from its variant name: variant("asia") → { asia: {} }. */
export const variant = (name: string) => ({ [name]: {} }) as never;
/** An Anchor enum value's variant name: { asia: {} } → "asia". */
export const enumName = (v: object): string => Object.keys(v)[0];
export const bs58 = (b: Buffer | Uint8Array): string => utils.bytes.bs58.encode(b);
