// Initialises both programs on a cluster, idempotently: a second run finds the
// configs already there and changes nothing. Used by migrations/deploy.ts
// (`anchor migrate`) and by the local demo.
//
// Settings come from migrations/config/<cluster>.json (MIGRATION_CLUSTER, or
// "localnet" for a loopback URL and "devnet" otherwise).
import { AnchorProvider, BN, Program } from "@coral-xyz/anchor";
import {
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  getAssociatedTokenAddressSync,
  getMint,
  MINT_SIZE,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";
import * as fs from "fs";
import * as path from "path";

import type { NodeStaking } from "../target/types/node_staking";
import type { RentalEscrow } from "../target/types/rental_escrow";

interface MigrationConfig {
  cluster: string;
  stakeMint: { create?: boolean; decimals?: number; address?: string };
  /** Token account for slashed stake; default: the admin's associated token account. */
  treasury?: string;
  staking: { minProviderStake: string | null; unbondingSeconds: number | null };
  escrow: { maxPriceAgeSeconds: number | null; maxConfidenceBps: number | null };
}

export interface MigrationResult {
  nodeStaking: { programId: PublicKey; config: PublicKey; admin: PublicKey; created: boolean };
  rentalEscrow: { programId: PublicKey; config: PublicKey; admin: PublicKey; created: boolean };
  stakeMint: PublicKey;
}

const ROOT = path.resolve(__dirname, "..");

function idl<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "target", "idl", `${name}.json`), "utf8"));
}

function seedOf(program: Program<NodeStaking> | Program<RentalEscrow>, name: string): Buffer {
  const constant = program.idl.constants?.find((c) => c.name === name);
  if (!constant)
    throw new Error(`constant ${name} missing from the ${program.idl.metadata.name} IDL`);
  return Buffer.from(JSON.parse(constant.value) as number[]);
}

function loadConfig(url: string): MigrationConfig {
  const cluster =
    process.env.MIGRATION_CLUSTER ?? (/127\.0\.0\.1|localhost/.test(url) ? "localnet" : "devnet");
  const file = path.join(ROOT, "migrations", "config", `${cluster}.json`);
  if (!fs.existsSync(file))
    throw new Error(`no migration config for cluster "${cluster}" (${file})`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as MigrationConfig;
}

async function createMint(provider: AnchorProvider, decimals: number): Promise<PublicKey> {
  const mint = Keypair.generate();
  const lamports = await provider.connection.getMinimumBalanceForRentExemption(MINT_SIZE);
  await provider.sendAndConfirm(
    new Transaction().add(
      SystemProgram.createAccount({
        fromPubkey: provider.wallet.publicKey,
        newAccountPubkey: mint.publicKey,
        lamports,
        space: MINT_SIZE,
        programId: TOKEN_PROGRAM_ID,
      }),
      createInitializeMint2Instruction(mint.publicKey, decimals, provider.wallet.publicKey, null),
    ),
    [mint],
  );
  return mint.publicKey;
}

export async function migrate(
  provider: AnchorProvider,
  log: (line: string) => void = console.log,
): Promise<MigrationResult> {
  const settings = loadConfig(provider.connection.rpcEndpoint);
  const nodeStaking = new Program<NodeStaking>(idl("node_staking"), provider);
  const rentalEscrow = new Program<RentalEscrow>(idl("rental_escrow"), provider);
  const admin = provider.wallet.publicKey;

  const [stakingConfig] = PublicKey.findProgramAddressSync(
    [seedOf(nodeStaking, "configSeed")],
    nodeStaking.programId,
  );
  const [escrowConfig] = PublicKey.findProgramAddressSync(
    [seedOf(rentalEscrow, "escrowConfigSeed")],
    rentalEscrow.programId,
  );

  // node_staking
  let stakeMint: PublicKey;
  const existingStaking = await nodeStaking.account.config.fetchNullable(stakingConfig);
  let stakingCreated = false;
  if (existingStaking) {
    stakeMint = existingStaking.stakeMint;
    log(`node_staking config ${stakingConfig.toBase58()} exists: unchanged`);
  } else {
    if (settings.stakeMint.address) {
      stakeMint = new PublicKey(settings.stakeMint.address);
      await getMint(provider.connection, stakeMint); // fails clearly if it is not a mint
    } else if (settings.stakeMint.create) {
      stakeMint = await createMint(provider, settings.stakeMint.decimals ?? 9);
      log(`created stake mint ${stakeMint.toBase58()} (mint authority ${admin.toBase58()})`);
    } else {
      throw new Error("migration config: stakeMint needs `address` or `create: true`");
    }
    const mintInfo = await provider.connection.getAccountInfo(stakeMint);
    if (!mintInfo) throw new Error(`stake mint ${stakeMint.toBase58()} does not exist`);
    const tokenProgram = mintInfo.owner;
    let treasury: PublicKey;
    if (settings.treasury) {
      treasury = new PublicKey(settings.treasury);
    } else {
      treasury = getAssociatedTokenAddressSync(stakeMint, admin, true, tokenProgram);
      await provider.sendAndConfirm(
        new Transaction().add(
          createAssociatedTokenAccountIdempotentInstruction(
            admin,
            treasury,
            admin,
            stakeMint,
            tokenProgram,
          ),
        ),
      );
    }
    await nodeStaking.methods
      .initialize({
        minProviderStake:
          settings.staking.minProviderStake === null
            ? null
            : new BN(settings.staking.minProviderStake),
        unbondingSeconds: settings.staking.unbondingSeconds,
      })
      .accounts({ admin, stakeMint, treasury, tokenProgram })
      .rpc();
    stakingCreated = true;
    log(`initialised node_staking config ${stakingConfig.toBase58()}`);
  }

  // rental_escrow (paid in the same protocol token)
  const existingEscrow = await rentalEscrow.account.escrowConfig.fetchNullable(escrowConfig);
  let escrowCreated = false;
  if (existingEscrow) {
    log(`rental_escrow config ${escrowConfig.toBase58()} exists: unchanged`);
  } else {
    await rentalEscrow.methods
      .initialize({
        nodeStakingProgram: nodeStaking.programId,
        maxPriceAgeSeconds: settings.escrow.maxPriceAgeSeconds,
        maxConfidenceBps: settings.escrow.maxConfidenceBps,
      })
      .accounts({ admin, paymentMint: stakeMint })
      .rpc();
    escrowCreated = true;
    log(`initialised rental_escrow config ${escrowConfig.toBase58()}`);
  }

  const s = await nodeStaking.account.config.fetch(stakingConfig);
  const e = await rentalEscrow.account.escrowConfig.fetch(escrowConfig);
  return {
    nodeStaking: {
      programId: nodeStaking.programId,
      config: stakingConfig,
      admin: s.admin,
      created: stakingCreated,
    },
    rentalEscrow: {
      programId: rentalEscrow.programId,
      config: escrowConfig,
      admin: e.admin,
      created: escrowCreated,
    },
    stakeMint: s.stakeMint,
  };
}
