// One in-process Solana runtime (LiteSVM) with this repository's SBF programs
// loaded from target/deploy, and typed Anchor clients built from the IDLs that
// `anchor build` generated.
import { Idl, Program, Wallet } from "@coral-xyz/anchor";
import { Keypair, LAMPORTS_PER_SOL, PublicKey } from "@solana/web3.js";
import { LiteSVM } from "litesvm";
import * as fs from "fs";
import * as path from "path";

import type { NodeStaking } from "../../target/types/node_staking";
import type { RentalEscrow } from "../../target/types/rental_escrow";
import type { SbfProbe } from "../../target/types/sbf_probe";
import { LiteSvmProvider } from "./litesvm-provider";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const DEPLOY_DIR = path.join(REPO_ROOT, "target", "deploy");
const IDL_DIR = path.join(REPO_ROOT, "target", "idl");

export interface TestContext {
  svm: LiteSVM;
  provider: LiteSvmProvider;
  /** Pays fees and rent; the provider's wallet. */
  payer: Keypair;
  nodeStaking: Program<NodeStaking>;
  rentalEscrow: Program<RentalEscrow>;
  probe: Program<SbfProbe>;
}

function loadIdl<T>(name: string): T {
  const file = path.join(IDL_DIR, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run the build first (make build)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

function loadProgram<T extends Idl>(
  svm: LiteSVM,
  provider: LiteSvmProvider,
  name: string,
): Program<T> {
  const idl = loadIdl<T>(name);
  const so = path.join(DEPLOY_DIR, `${name}.so`);
  if (!fs.existsSync(so)) throw new Error(`${so} is missing: run the build first (make build)`);
  svm.addProgramFromFile(new PublicKey(idl.address), so);
  return new Program<T>(idl as never, provider);
}

/** A fresh runtime per call, so test files do not share state. */
export function createContext(): TestContext {
  const svm = new LiteSVM();
  const payer = Keypair.generate();
  svm.airdrop(payer.publicKey, BigInt(1_000 * LAMPORTS_PER_SOL));
  const provider = new LiteSvmProvider(svm, new Wallet(payer));
  return {
    svm,
    provider,
    payer,
    nodeStaking: loadProgram<NodeStaking>(svm, provider, "node_staking"),
    rentalEscrow: loadProgram<RentalEscrow>(svm, provider, "rental_escrow"),
    probe: loadProgram<SbfProbe>(svm, provider, "sbf_probe"),
  };
}

/** A new funded keypair. */
export function fundedKeypair(ctx: TestContext, sol = 10): Keypair {
  const kp = Keypair.generate();
  ctx.svm.airdrop(kp.publicKey, BigInt(sol * LAMPORTS_PER_SOL));
  return kp;
}
