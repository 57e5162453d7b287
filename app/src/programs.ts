// Typed program clients built on the committed IDLs and TypeScript types in
// ./idl (copies of `anchor build`'s target/idl and target/types, checked by
// scripts/check-idl.ts). Imported statically, so the SDK needs no file system
// and bundles for the browser.
import { CustomAccountResolver, Idl, Program, Provider } from "@coral-xyz/anchor";
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
    nodeStaking: new Program<NodeStaking>(
      idl(IDLS.nodeStaking),
      provider,
      undefined,
      nodeStakingResolver,
    ),
    rentalEscrow: new Program<RentalEscrow>(idl(IDLS.rentalEscrow), provider),
  };
}

const constantSeed = (name: string): Buffer => {
  const c = (nodeStakingIdl.constants ?? []).find((k: { name: string }) => k.name === name);
  if (!c) throw new Error(`constant ${name} missing from the node_staking IDL`);
  return Buffer.from(JSON.parse(c.value) as number[]);
};

/**
 * Fills the node_staking accounts the IDL no longer derives. The program
 * proves its Config, tier, node and delegation accounts by owner,
 * discriminator and stored addresses instead of re-deriving their seeds
 * (cheaper; README "Measurements"), so Anchor's IDL has no `pda` for them.
 * When a caller leaves them out, this resolver derives them as before:
 * `config` from its seed, `delegation` from `node` and `delegator`,
 * `slashRecord` from `node` and the evidence hash, a new node and its vault
 * from `operator` and the node id, and `specTier` from the node's stored
 * tier. Accounts given are never changed.
 */
export function nodeStakingResolver(
  ix: Idl["instructions"][number],
): CustomAccountResolver<NodeStaking> | undefined {
  // Program hands the camelCase IDL to resolvers.
  const names = new Set(ix.accounts.map((a: { name: string }) => a.name));
  const wants = (n: string) => names.has(n);
  if (!["config", "delegation", "specTier", "slashRecord", "node", "vault"].some(wants))
    return undefined;
  return async ({ accounts, args, programId, provider }) => {
    // Filled in place: the methods builder keeps its own reference to this object.
    const out = accounts as Record<string, PublicKey>;
    let resolved = 0;
    const pda = (seeds: Buffer[]) => PublicKey.findProgramAddressSync(seeds, programId)[0];
    if (wants("config") && !out.config) {
      out.config = pda([constantSeed("CONFIG_SEED")]);
      resolved++;
    }
    if (wants("delegation") && !out.delegation && out.node && out.delegator) {
      out.delegation = pda([
        constantSeed("DELEGATION_SEED"),
        out.node.toBuffer(),
        out.delegator.toBuffer(),
      ]);
      resolved++;
    }
    const nodeId = (args[0] as { nodeId?: { toString(): string } } | undefined)?.nodeId;
    if (ix.name === "registerNode" && !out.node && out.operator && nodeId) {
      const id = Buffer.alloc(8);
      id.writeBigUInt64LE(BigInt(nodeId.toString()));
      out.node = pda([constantSeed("NODE_SEED"), out.operator.toBuffer(), id]);
      resolved++;
    }
    if (ix.name === "registerNode" && !out.vault && out.node) {
      out.vault = pda([constantSeed("VAULT_SEED"), out.node.toBuffer()]);
      resolved++;
    }
    const evidence = (args[0] as { evidenceHash?: number[] } | undefined)?.evidenceHash;
    if (wants("slashRecord") && !out.slashRecord && out.node && evidence) {
      out.slashRecord = pda([
        constantSeed("SLASH_SEED"),
        out.node.toBuffer(),
        Buffer.from(evidence),
      ]);
      resolved++;
    }
    if (wants("specTier") && !out.specTier && out.node && ix.name !== "registerNode") {
      const info = await provider.connection.getAccountInfo(out.node);
      if (info && info.data.length >= 8 + 32 + 8 + 32 + 2) {
        // Node layout: discriminator, operator, node_id, vault, spec_tier (u16).
        const tier = info.data.subarray(8 + 32 + 8 + 32, 8 + 32 + 8 + 32 + 2);
        out.specTier = pda([constantSeed("SPEC_TIER_SEED"), Buffer.from(tier)]);
        resolved++;
      }
    }
    return { accounts: out, resolved };
  };
}
