// One test world: the repository's SBF programs on a real Solana runtime,
// driven through typed Anchor clients built from the IDLs of `anchor build`.
//
// TEST_BACKEND=litesvm (default): a fresh in-process LiteSVM per context, the
//   programs loaded from target/deploy.
// TEST_BACKEND=validator: the solana-test-validator at SOLANA_URL (or Anchor's
//   ANCHOR_PROVIDER_URL), where the programs are already deployed. Every
//   context shares that one chain, so suites are written as ordered stories
//   and create fresh mints, users and nodes rather than assuming empty state.
import { AnchorProvider, Idl, Program, Wallet } from "@coral-xyz/anchor";
import {
  AccountInfo,
  Commitment,
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionInstruction,
} from "@solana/web3.js";
import { Clock, LiteSVM } from "litesvm";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import type { NodeStaking } from "../../target/types/node_staking";
import type { RentalEscrow } from "../../target/types/rental_escrow";
import type { SbfProbe } from "../../target/types/sbf_probe";
import {
  LOCAL_SPONSORED_FEED_ACCOUNT,
  localSponsoredFeedGenesis,
} from "../../migrations/pyth-fixture";
import { nodeStakingResolver } from "../../app/src/programs";
import { recordComputeUnits } from "./cu-log";
import { checkEventContract } from "./event-contract";
import { ExecutedTransaction, LiteSvmProvider } from "./litesvm-provider";
import { wallStats } from "./wall-stats";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
// GPU_DEPIN_DEPLOY_DIR: load the .so files from elsewhere (e.g. an SBPF v3
// build, tools/sbf/README.md); the default is what `make build` writes.
export const DEPLOY_DIR =
  process.env.GPU_DEPIN_DEPLOY_DIR ?? path.join(REPO_ROOT, "target", "deploy");
const IDL_DIR = path.join(REPO_ROOT, "target", "idl");

export type BackendName = "litesvm" | "validator";
export const BACKEND: BackendName =
  (process.env.TEST_BACKEND as BackendName | undefined) ??
  (process.env.ANCHOR_PROVIDER_URL ? "validator" : "litesvm");
if (BACKEND !== "litesvm" && BACKEND !== "validator") {
  throw new Error(`TEST_BACKEND must be litesvm or validator, not ${String(BACKEND)}`);
}

export interface TestContext {
  backend: BackendName;
  connection: Connection;
  provider: LiteSvmProvider | RecordingProvider;
  /** Pays fees and rent; the provider's wallet (and the programs' admin in tests). */
  payer: Keypair;
  nodeStaking: Program<NodeStaking>;
  rentalEscrow: Program<RentalEscrow>;
  probe: Program<SbfProbe>;
  /** The in-process runtime (LiteSVM backend only). */
  svm?: LiteSVM;
}

/**
 * An AnchorProvider that remembers the signature of the last transaction it
 * sent. The logs of every transaction it confirmed (CU samples for `make
 * bench`, the event contract) are read in the background, so a test does
 * not wait for them; `drainLogChecks()` (a root after-each hook) waits and
 * fails the test whose transaction broke the event contract.
 */
export class RecordingProvider extends AnchorProvider {
  lastSignature: string | undefined;
  private pending: Promise<void>[] = [];

  async sendAndConfirm(...args: Parameters<AnchorProvider["sendAndConfirm"]>): Promise<string> {
    this.lastSignature = undefined;
    const start = Date.now();
    const sig = await super.sendAndConfirm(...args);
    wallStats.txCount += 1;
    wallStats.txMs += Date.now() - start;
    this.lastSignature = sig;
    this.pending.push(this.checkLogs(sig));
    return sig;
  }

  private async checkLogs(sig: string): Promise<void> {
    const logs = (await confirmedTransaction(this.connection, sig)).logs;
    recordComputeUnits(logs);
    checkEventContract(logs);
  }

  /** Waits for the background log checks; throws the first failure. */
  async drainLogChecks(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    const results = await Promise.allSettled(pending);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }
}

/** A sent transaction's logs and units once it is confirmed (served by getTransaction). */
async function confirmedTransaction(
  connection: Connection,
  sig: string,
): Promise<ExecutedTransaction> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, 50));
    const tx = await connection.getTransaction(sig, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    if (tx?.meta)
      return {
        signature: sig,
        logs: tx.meta.logMessages ?? [],
        computeUnits: tx.meta.computeUnitsConsumed ?? 0,
      };
  }
  throw new Error(`transaction ${sig} was sent but getTransaction never served it`);
}

function loadIdl<T>(name: string): T {
  const file = path.join(IDL_DIR, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run the build first (make build)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

export const UPGRADEABLE_LOADER = new PublicKey("BPFLoaderUpgradeab1e11111111111111111111111");

/** The Pyth programs' addresses, where the tests load the Pyth stand-in fixture. */
export const PYTH = {
  receiver: new PublicKey("rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ"),
  legacyMainnet: new PublicKey("FsJ3A3u2vn5cTVofAjvy6y5kkfAnkzGZBGq9v1ohhAgh"),
  legacyDevnet: new PublicKey("gSbePebfvPy7tRqimPoVecS2UsBvYv46ynrzWocc92s"),
};
/** TEST FIXTURE (tests/fixtures/pyth-oracle-fixture): writes bytes into accounts it owns. */
export const PYTH_FIXTURE_SO = path.join(DEPLOY_DIR, "pyth_oracle_fixture.so");

export function programDataAddress(programId: PublicKey): PublicKey {
  return PublicKey.findProgramAddressSync([programId.toBuffer()], UPGRADEABLE_LOADER)[0];
}

/**
 * Puts `elf` at `programId` under the upgradeable loader, as a deploy does:
 * a Program account pointing at its ProgramData, whose upgrade authority is
 * `authority` (so `initialize` can require it). The bytes are the shipped
 * `.so`; only the deploy transactions are skipped.
 */
function setUpgradeableProgram(
  svm: LiteSVM,
  programId: PublicKey,
  elf: Buffer,
  authority: PublicKey,
): void {
  const programData = programDataAddress(programId);
  const header = Buffer.alloc(45);
  header.writeUInt32LE(3, 0); // UpgradeableLoaderState::ProgramData
  header.writeBigUInt64LE(0n, 4); // slot
  header.writeUInt8(1, 12); // Some(upgrade authority)
  authority.toBuffer().copy(header, 13);
  const data = Buffer.concat([header, elf]);
  svm.setAccount(programData, {
    lamports: Number(svm.minimumBalanceForRentExemption(BigInt(data.length))),
    data,
    owner: UPGRADEABLE_LOADER,
    executable: false,
  });
  const program = Buffer.alloc(36);
  program.writeUInt32LE(2, 0); // UpgradeableLoaderState::Program
  programData.toBuffer().copy(program, 4);
  svm.setAccount(programId, {
    lamports: Number(svm.minimumBalanceForRentExemption(36n)),
    data: program,
    owner: UPGRADEABLE_LOADER,
    executable: true,
  });
}

function programs(provider: LiteSvmProvider | RecordingProvider, svm?: LiteSVM, admin?: Keypair) {
  const load = <T extends Idl>(name: string): Program<T> => {
    const idl = loadIdl<T>(name);
    if (svm) {
      const so = path.join(DEPLOY_DIR, `${name}.so`);
      if (!fs.existsSync(so)) throw new Error(`${so} is missing: run the build first (make build)`);
      setUpgradeableProgram(svm, new PublicKey(idl.address), fs.readFileSync(so), admin!.publicKey);
    }
    // node_staking's accounts the IDL no longer derives are filled in as the SDK does.
    const resolver = name === "node_staking" ? (nodeStakingResolver as never) : undefined;
    return new Program<T>(idl as never, provider, undefined, resolver);
  };
  if (svm) {
    if (!fs.existsSync(PYTH_FIXTURE_SO))
      throw new Error(`${PYTH_FIXTURE_SO} is missing: run the build first (make build)`);
    for (const id of Object.values(PYTH)) svm.addProgramFromFile(id, PYTH_FIXTURE_SO);
    // TEST FIXTURE: the local pull feed's sponsored account, as the validator's genesis has it.
    const g = localSponsoredFeedGenesis();
    svm.setAccount(LOCAL_SPONSORED_FEED_ACCOUNT, {
      lamports: g.lamports,
      data: new Uint8Array(g.space),
      owner: g.owner,
      executable: false,
    });
  }
  return {
    nodeStaking: load<NodeStaking>("node_staking"),
    rentalEscrow: load<RentalEscrow>("rental_escrow"),
    probe: load<SbfProbe>("sbf_probe"),
  };
}

function validatorWallet(): Keypair {
  const file =
    process.env.TEST_WALLET ??
    process.env.ANCHOR_WALLET ??
    path.join(os.homedir(), ".config", "solana", "id.json");
  return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(file, "utf8"))));
}

let sharedValidatorContext: TestContext | undefined;

/**
 * LiteSVM: a fresh runtime per call, so each suite starts from genesis.
 * Validator: the shared chain; the same context object for every caller.
 */
export async function createContext(): Promise<TestContext> {
  if (BACKEND === "litesvm") {
    const svm = new LiteSVM();
    // Start the in-process clock at the real time, like a validator's.
    const c = svm.getClock();
    svm.setClock(
      new Clock(
        c.slot,
        c.epochStartTimestamp,
        c.epoch,
        c.leaderScheduleEpoch,
        BigInt(Math.floor(Date.now() / 1000)),
      ),
    );
    const payer = Keypair.generate();
    svm.airdrop(payer.publicKey, BigInt(1_000 * LAMPORTS_PER_SOL));
    const provider = new LiteSvmProvider(svm, new Wallet(payer));
    return {
      backend: BACKEND,
      connection: provider.connection,
      provider,
      payer,
      svm,
      ...programs(provider, svm, payer),
    };
  }
  if (!sharedValidatorContext) {
    const url =
      process.env.SOLANA_URL ?? process.env.ANCHOR_PROVIDER_URL ?? "http://127.0.0.1:8899";
    const commitment: Commitment = "confirmed";
    const connection = new Connection(url, { commitment });
    const payer = validatorWallet();
    const balance = await connection.getBalance(payer.publicKey);
    if (balance < 100 * LAMPORTS_PER_SOL) {
      const sig = await connection.requestAirdrop(payer.publicKey, 100 * LAMPORTS_PER_SOL);
      await connection.confirmTransaction(sig, commitment);
    }
    const provider = new RecordingProvider(connection, new Wallet(payer), {
      commitment,
      preflightCommitment: commitment,
    });
    sharedValidatorContext = {
      backend: BACKEND,
      connection,
      provider,
      payer,
      ...programs(provider),
    };
  }
  return sharedValidatorContext;
}

/**
 * Waits for the validator provider's background log checks (the event
 * contract) and throws the first failure; a no-op on LiteSVM, which checks
 * each transaction as it runs. Called after every test (timing-hooks.ts).
 */
export async function drainLogChecks(): Promise<void> {
  const provider = sharedValidatorContext?.provider;
  if (provider instanceof RecordingProvider) await provider.drainLogChecks();
}

/**
 * Gives `owner` SOL inside a transaction the caller sends: on LiteSVM an
 * airdrop now (no instruction), on the validator a transfer from the payer.
 */
export function fundIxs(ctx: TestContext, owner: PublicKey, sol = 10): TransactionInstruction[] {
  const lamports = sol * LAMPORTS_PER_SOL;
  if (ctx.svm) {
    ctx.svm.airdrop(owner, BigInt(lamports));
    return [];
  }
  return [SystemProgram.transfer({ fromPubkey: ctx.payer.publicKey, toPubkey: owner, lamports })];
}

/** Gives `owner` SOL: an airdrop on LiteSVM, a transfer from the payer on the validator. */
export async function fund(ctx: TestContext, owner: PublicKey, sol = 10): Promise<void> {
  const ixs = fundIxs(ctx, owner, sol);
  if (ixs.length) await ctx.provider.sendAndConfirm(new Transaction().add(...ixs));
}

/** A new keypair holding `sol` SOL. */
export async function fundedKeypair(ctx: TestContext, sol = 10): Promise<Keypair> {
  const kp = Keypair.generate();
  await fund(ctx, kp.publicKey, sol);
  return kp;
}

export async function getAccount(
  ctx: TestContext,
  address: PublicKey,
): Promise<AccountInfo<Buffer> | null> {
  return ctx.connection.getAccountInfo(address, "confirmed");
}

/** Logs and compute units of the last transaction the context's provider sent. */
export async function lastTransaction(ctx: TestContext): Promise<ExecutedTransaction> {
  const p = ctx.provider;
  if (p instanceof LiteSvmProvider) {
    if (!p.lastTransaction) throw new Error("no transaction sent yet");
    return p.lastTransaction;
  }
  if (!p.lastSignature) throw new Error("the last transaction did not land");
  return confirmedTransaction(ctx.connection, p.lastSignature);
}
