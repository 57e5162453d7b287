// Typed program clients built on the committed IDLs and TypeScript types in
// ./idl (copies of `anchor build`'s target/idl and target/types, checked by
// scripts/check-idl.ts). Imported statically, so the SDK needs no file system
// and bundles for the browser.
import { Idl, Program, Provider } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";

import type { NodeStaking } from "./idl/node_staking";
import type { RentalEscrow } from "./idl/rental_escrow";
import nodeStakingIdl from "./idl/node_staking.json";
import rentalEscrowIdl from "./idl/rental_escrow.json";

export type { NodeStaking, RentalEscrow };

/** The IDLs as `anchor build` wrote them (snake_case; the addresses of this repository's keys). */
export const IDLS = {
  nodeStaking: nodeStakingIdl as unknown as NodeStaking,
  rentalEscrow: rentalEscrowIdl as unknown as RentalEscrow,
};

/** The programs' addresses in the bundled IDLs (localnet, from keys/). */
export const DEFAULT_PROGRAM_IDS = {
  nodeStaking: new PublicKey(nodeStakingIdl.address),
  rentalEscrow: new PublicKey(rentalEscrowIdl.address),
};

/** Where the programs are deployed on the cluster you talk to (default: the IDLs' addresses). */
export interface ProgramIds {
  nodeStaking?: PublicKey;
  rentalEscrow?: PublicKey;
}

/** The bundled IDL of `name` ("node_staking" or "rental_escrow"). */
export function loadIdl<T>(name: string): T {
  const idl = { node_staking: IDLS.nodeStaking, rental_escrow: IDLS.rentalEscrow }[name];
  if (!idl) throw new Error(`no bundled IDL named ${name} (node_staking, rental_escrow)`);
  return idl as unknown as T;
}

/**
 * A copy of `idl` with every program address replaced: the IDL's own
 * `address`, fixed account addresses and PDA `program` seeds (rental_escrow's
 * IDL names node_staking's address in both).
 */
export function withProgramIds<T extends Idl>(idl: T, replace: Map<string, PublicKey>): T {
  const byBytes = new Map(
    [...replace].map(([from, to]) => [new PublicKey(from).toBuffer().join(","), to]),
  );
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return replace.get(v)?.toBase58() ?? v;
    if (Array.isArray(v)) {
      if (v.length === 32 && v.every((x) => typeof x === "number")) {
        const to = byBytes.get(v.join(","));
        if (to) return Array.from(to.toBytes());
      }
      return v.map(walk);
    }
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(idl) as T;
}

export interface Programs {
  nodeStaking: Program<NodeStaking>;
  rentalEscrow: Program<RentalEscrow>;
}

/** Both programs on `provider`, at `ids` where given (another cluster's deployment). */
export function programs(provider: Provider, ids: ProgramIds = {}): Programs {
  const replace = new Map<string, PublicKey>();
  if (ids.nodeStaking && !ids.nodeStaking.equals(DEFAULT_PROGRAM_IDS.nodeStaking))
    replace.set(DEFAULT_PROGRAM_IDS.nodeStaking.toBase58(), ids.nodeStaking);
  if (ids.rentalEscrow && !ids.rentalEscrow.equals(DEFAULT_PROGRAM_IDS.rentalEscrow))
    replace.set(DEFAULT_PROGRAM_IDS.rentalEscrow.toBase58(), ids.rentalEscrow);
  const idl = <T extends Idl>(i: T): T => (replace.size ? withProgramIds(i, replace) : i);
  return {
    nodeStaking: new Program<NodeStaking>(idl(IDLS.nodeStaking), provider),
    rentalEscrow: new Program<RentalEscrow>(idl(IDLS.rentalEscrow), provider),
  };
}
