// The workspace's programs as Anchor.toml lists them, with their keypairs
// (keys/, localnet/test only) and built binaries (target/deploy).
import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import * as fs from "fs";
import * as path from "path";

import { deployUpgradeable, DeployOutcome } from "./loader";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export interface WorkspaceProgram {
  name: string;
  programId: PublicKey;
  soPath: string;
  keypairPath: string;
}

/** Programs of `[programs.localnet]` in Anchor.toml. */
export function workspacePrograms(): WorkspaceProgram[] {
  const toml = fs.readFileSync(path.join(REPO_ROOT, "Anchor.toml"), "utf8");
  const section = toml.split(/^\[programs\.localnet\]\s*$/m)[1]?.split(/^\[/m)[0] ?? "";
  const programs: WorkspaceProgram[] = [];
  for (const m of section.matchAll(/^(\w+)\s*=\s*"(\w+)"/gm)) {
    programs.push({
      name: m[1],
      programId: new PublicKey(m[2]),
      soPath: path.join(REPO_ROOT, "target", "deploy", `${m[1]}.so`),
      keypairPath: path.join(REPO_ROOT, "keys", `${m[1]}-keypair.json`),
    });
  }
  if (programs.length === 0) throw new Error("no [programs.localnet] entries in Anchor.toml");
  return programs;
}

export function readKeypair(file: string): Keypair {
  return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(file, "utf8"))));
}

/** Deploys (or upgrades, or leaves alone) each program; returns what happened to each. */
export async function deployPrograms(
  connection: Connection,
  payer: Keypair,
  programs: WorkspaceProgram[],
): Promise<{ program: WorkspaceProgram; outcome: DeployOutcome; ms: number }[]> {
  const results = [];
  for (const program of programs) {
    if (!fs.existsSync(program.soPath))
      throw new Error(`${program.soPath} missing: run make build`);
    const kp = readKeypair(program.keypairPath);
    if (!kp.publicKey.equals(program.programId)) {
      throw new Error(`${program.keypairPath} is not the key of ${program.programId.toBase58()}`);
    }
    const started = Date.now();
    const outcome = await deployUpgradeable(connection, payer, kp, fs.readFileSync(program.soPath));
    results.push({ program, outcome, ms: Date.now() - started });
  }
  return results;
}
