// Typed program clients built on the IDLs and TypeScript types that
// `anchor build` generates (target/idl, target/types).
import { AnchorProvider, Program } from "@coral-xyz/anchor";
import * as fs from "fs";
import * as path from "path";

import type { NodeStaking } from "../../target/types/node_staking";
import type { RentalEscrow } from "../../target/types/rental_escrow";

export type { NodeStaking, RentalEscrow };

const IDL_DIR = path.resolve(__dirname, "..", "..", "target", "idl");

export function loadIdl<T>(name: string): T {
  const file = path.join(IDL_DIR, `${name}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} not found: build the programs first (make build)`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

export interface Programs {
  nodeStaking: Program<NodeStaking>;
  rentalEscrow: Program<RentalEscrow>;
}

export function programs(provider: AnchorProvider): Programs {
  return {
    nodeStaking: new Program<NodeStaking>(loadIdl("node_staking"), provider),
    rentalEscrow: new Program<RentalEscrow>(loadIdl("rental_escrow"), provider),
  };
}
