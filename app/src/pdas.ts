// PDA helpers. Seeds come from the programs' #[constant]s in the IDL, so the
// SDK cannot drift from the programs.
import { Program } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";

import type { Programs } from "./programs";

function seed(program: Program<never> | Program<any>, name: string): Buffer {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const constant = (program.idl.constants ?? []).find((c: { name: string }) => c.name === name);
  if (!constant)
    throw new Error(`constant ${name} missing from the ${program.idl.metadata.name} IDL`);
  return Buffer.from(JSON.parse((constant as { value: string }).value) as number[]);
}

const u16 = (v: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
};
const u64 = (v: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(v);
  return b;
};

/**
 * The PDA of `seeds` if its canonical bump is 255 (the first bump
 * `find_program_address` tries), else null.
 */
export function pdaAtFirstBump(seeds: Buffer[], programId: PublicKey): PublicKey | null {
  try {
    return PublicKey.createProgramAddressSync([...seeds, Buffer.from([255])], programId);
  } catch {
    return null; // on the curve: the canonical bump is lower
  }
}

/**
 * The first id >= `from` whose account (seeds `accountSeeds(id)`) and that
 * account's vault (seeds `[vaultSeed, account]`) both have bump 255 under
 * `programId`: the program's canonical-bump search then takes one try each.
 */
export function firstCheapId(
  programId: PublicKey,
  from: bigint,
  accountSeeds: (id: bigint) => Buffer[],
  vaultSeed: Buffer,
): bigint {
  for (let id = from; ; id++) {
    const account = pdaAtFirstBump(accountSeeds(id), programId);
    if (account && pdaAtFirstBump([vaultSeed, account.toBuffer()], programId)) return id;
  }
}

export class Pdas {
  constructor(private readonly p: Programs) {}

  private staking(seeds: Buffer[]): PublicKey {
    return PublicKey.findProgramAddressSync(seeds, this.p.nodeStaking.programId)[0];
  }
  private escrow(seeds: Buffer[]): PublicKey {
    return PublicKey.findProgramAddressSync(seeds, this.p.rentalEscrow.programId)[0];
  }

  stakingConfig(): PublicKey {
    return this.staking([seed(this.p.nodeStaking, "configSeed")]);
  }
  specTier(tierId: number): PublicKey {
    return this.staking([seed(this.p.nodeStaking, "specTierSeed"), u16(tierId)]);
  }
  node(operator: PublicKey, nodeId: bigint): PublicKey {
    return this.staking([seed(this.p.nodeStaking, "nodeSeed"), operator.toBuffer(), u64(nodeId)]);
  }
  nodeVault(node: PublicKey): PublicKey {
    return this.staking([seed(this.p.nodeStaking, "vaultSeed"), node.toBuffer()]);
  }
  delegation(node: PublicKey, delegator: PublicKey): PublicKey {
    return this.staking([
      seed(this.p.nodeStaking, "delegationSeed"),
      node.toBuffer(),
      delegator.toBuffer(),
    ]);
  }
  slashRecord(node: PublicKey, evidenceHash: Buffer): PublicKey {
    return this.staking([seed(this.p.nodeStaking, "slashSeed"), node.toBuffer(), evidenceHash]);
  }
  escrowConfig(): PublicKey {
    return this.escrow([seed(this.p.rentalEscrow, "escrowConfigSeed")]);
  }
  rentalAuthority(): PublicKey {
    return this.escrow([seed(this.p.rentalEscrow, "rentalAuthoritySeed")]);
  }
  rental(renter: PublicKey, rentalId: bigint): PublicKey {
    return this.escrow([seed(this.p.rentalEscrow, "rentalSeed"), renter.toBuffer(), u64(rentalId)]);
  }
  rentalVault(rental: PublicKey): PublicKey {
    return this.escrow([seed(this.p.rentalEscrow, "rentalVaultSeed"), rental.toBuffer()]);
  }

  /**
   * The first rental id >= `from` whose rental and vault addresses both
   * have bump 255. create_rental finds each canonical bump on chain, one
   * try (~300 CU) per bump from 255 down, so such an id costs the least and
   * always the same; any other id is as valid and costs one try more per
   * bump step (one more on average, occasionally several). About one id in
   * four qualifies.
   */
  cheapRentalId(renter: PublicKey, from: bigint): bigint {
    const escrow = this.p.rentalEscrow;
    return firstCheapId(
      escrow.programId,
      from,
      (id) => [seed(escrow, "rentalSeed"), renter.toBuffer(), u64(id)],
      seed(escrow, "rentalVaultSeed"),
    );
  }

  /** As `cheapRentalId`, for register_node's node and vault addresses. */
  cheapNodeId(operator: PublicKey, from: bigint): bigint {
    const staking = this.p.nodeStaking;
    return firstCheapId(
      staking.programId,
      from,
      (id) => [seed(staking, "nodeSeed"), operator.toBuffer(), u64(id)],
      seed(staking, "vaultSeed"),
    );
  }
}
