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

import type { NodeStaking } from "../app/src/idl/node_staking";
import type { RentalEscrow } from "../app/src/idl/rental_escrow";
import { nodeStakingResolver } from "../app/src/programs";
import {
  LOCAL_PYTH_LEGACY_PROGRAM,
  PYTH_LEGACY_PRICE_ACCOUNT_SIZE,
  writeLocalPrice,
} from "./pyth-fixture";

interface MigrationConfig {
  cluster: string;
  stakeMint: { create?: boolean; decimals?: number; address?: string };
  /** Token account for slashed stake; default: the admin's associated token account. */
  treasury?: string;
  staking: { minProviderStake: string | null; unbondingSeconds: number | null };
  escrow: {
    maxPriceAgeSeconds: number | null;
    maxConfidenceBps: number | null;
    reservationFeeBps: number | null;
    disputeWindowSeconds: number | null;
    /** Default: the admin. */
    disputeAuthority?: string;
    oracle: OracleSetting;
  };
}

/**
 * Where rentals get their USD price. On localnet a Pyth-format fixture account
 * owned by the Pyth stand-in at the legacy oracle's address (created here); on
 * devnet or mainnet the real Pyth accounts.
 */
type OracleSetting =
  | { kind: "pythLegacy"; program: string; account: string }
  | {
      kind: "pythPull";
      program: string;
      feedId: string;
      /** The sponsored price-feed account to pin; absent = any posted update. */
      account?: string;
    }
  | {
      kind: "localFixture";
      /** Price in units of 10^expo USD per whole token, confidence likewise. */
      price: number;
      conf: number;
      expo: number;
    };

export interface MigrationResult {
  nodeStaking: { programId: PublicKey; config: PublicKey; admin: PublicKey; created: boolean };
  rentalEscrow: { programId: PublicKey; config: PublicKey; admin: PublicKey; created: boolean };
  stakeMint: PublicKey;
}

const ROOT = path.resolve(__dirname, "..");

/** The IDL the SDK ships (app/src/idl; `make test` checks it equals a fresh build). */
function idl<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "app", "src", "idl", `${name}.json`), "utf8"));
}

function seedOf(program: Program<NodeStaking> | Program<RentalEscrow>, name: string): Buffer {
  const constant = program.idl.constants?.find((c) => c.name === name);
  if (!constant)
    throw new Error(`constant ${name} missing from the ${program.idl.metadata.name} IDL`);
  return Buffer.from(JSON.parse(constant.value) as number[]);
}

function loadConfig(url: string, configFile?: string): MigrationConfig {
  if (configFile) {
    if (!fs.existsSync(configFile)) throw new Error(`migration config ${configFile} not found`);
    return JSON.parse(fs.readFileSync(configFile, "utf8")) as MigrationConfig;
  }
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

async function resolveOracle(
  provider: AnchorProvider,
  setting: OracleSetting,
  log: (line: string) => void,
): Promise<{ kind: object; program: PublicKey; account: PublicKey; feedId: number[] }> {
  if (setting.kind === "pythLegacy") {
    return {
      kind: { pythLegacy: {} },
      program: new PublicKey(setting.program),
      account: new PublicKey(setting.account),
      feedId: new Array(32).fill(0),
    };
  }
  if (setting.kind === "pythPull") {
    const feed = Buffer.from(setting.feedId.replace(/^0x/, ""), "hex");
    if (feed.length !== 32) throw new Error("migration config: feedId must be 32 bytes of hex");
    return {
      kind: { pythPull: {} },
      program: new PublicKey(setting.program),
      account: setting.account ? new PublicKey(setting.account) : PublicKey.default,
      feedId: Array.from(feed),
    };
  }
  // localFixture: a legacy-format price account owned by the Pyth stand-in.
  const account = Keypair.generate();
  await provider.sendAndConfirm(
    new Transaction().add(
      SystemProgram.createAccount({
        fromPubkey: provider.wallet.publicKey,
        newAccountPubkey: account.publicKey,
        lamports: await provider.connection.getMinimumBalanceForRentExemption(
          PYTH_LEGACY_PRICE_ACCOUNT_SIZE,
        ),
        space: PYTH_LEGACY_PRICE_ACCOUNT_SIZE,
        programId: LOCAL_PYTH_LEGACY_PROGRAM,
      }),
    ),
    [account],
  );
  await writeLocalPrice(provider, account.publicKey, {
    price: BigInt(setting.price),
    conf: BigInt(setting.conf),
    expo: setting.expo,
  });
  log(`created a local Pyth-format price fixture ${account.publicKey.toBase58()} (Pyth stand-in)`);
  return {
    kind: { pythLegacy: {} },
    program: LOCAL_PYTH_LEGACY_PROGRAM,
    account: account.publicKey,
    feedId: new Array(32).fill(0),
  };
}

type StakingConfigAccount = Awaited<ReturnType<Program<NodeStaking>["account"]["config"]["fetch"]>>;
type EscrowConfigAccount = Awaited<
  ReturnType<Program<RentalEscrow>["account"]["escrowConfig"]["fetch"]>
>;

/** Throws, listing every difference, unless `found` is what this cluster's settings ask for. */
function refuseIfDifferent(what: string, diffs: string[]): void {
  if (diffs.length === 0) return;
  throw new Error(
    `${what} already exists on this cluster but differs from migrations/config: ${diffs.join("; ")}. ` +
      "It may have been initialised by someone else: check the program's upgrade authority, " +
      "or update the config file if the deployed values are the ones you want.",
  );
}

async function verifyStaking(
  provider: AnchorProvider,
  c: StakingConfigAccount,
  settings: MigrationConfig,
): Promise<void> {
  const admin = provider.wallet.publicKey;
  const diffs: string[] = [];
  if (!c.admin.equals(admin)) diffs.push(`admin is ${c.admin.toBase58()}, not ${admin.toBase58()}`);
  if (settings.stakeMint.address && !c.stakeMint.equals(new PublicKey(settings.stakeMint.address)))
    diffs.push(`stake mint is ${c.stakeMint.toBase58()}, not ${settings.stakeMint.address}`);
  const mint = await getMint(provider.connection, c.stakeMint, "confirmed", c.tokenProgram);
  if (settings.stakeMint.create && mint.decimals !== (settings.stakeMint.decimals ?? 9))
    diffs.push(`stake mint has ${mint.decimals} decimals, not ${settings.stakeMint.decimals ?? 9}`);
  const treasury = settings.treasury
    ? new PublicKey(settings.treasury)
    : getAssociatedTokenAddressSync(c.stakeMint, admin, true, c.tokenProgram);
  if (!c.treasury.equals(treasury))
    diffs.push(`treasury is ${c.treasury.toBase58()}, not ${treasury.toBase58()}`);
  const minStake =
    settings.staking.minProviderStake === null
      ? 100n * 10n ** BigInt(mint.decimals)
      : BigInt(settings.staking.minProviderStake);
  if (BigInt(c.minProviderStake.toString()) !== minStake)
    diffs.push(`min provider stake is ${c.minProviderStake.toString()}, not ${minStake}`);
  const unbonding = settings.staking.unbondingSeconds ?? 14 * 24 * 3600;
  if (c.unbondingSeconds !== unbonding)
    diffs.push(`unbonding is ${c.unbondingSeconds} s, not ${unbonding} s`);
  refuseIfDifferent("the node_staking config", diffs);
}

function verifyEscrow(
  c: EscrowConfigAccount,
  settings: MigrationConfig,
  admin: PublicKey,
  stakeMint: PublicKey,
): void {
  const e = settings.escrow;
  const diffs: string[] = [];
  const kind = Object.keys(c.oracleKind)[0];
  if (!c.admin.equals(admin)) diffs.push(`admin is ${c.admin.toBase58()}, not ${admin.toBase58()}`);
  if (!c.paymentMint.equals(stakeMint))
    diffs.push(
      `payment mint is ${c.paymentMint.toBase58()}, not the stake mint ${stakeMint.toBase58()}`,
    );
  const disputeAuthority = e.disputeAuthority ? new PublicKey(e.disputeAuthority) : admin;
  if (!c.disputeAuthority.equals(disputeAuthority))
    diffs.push(
      `dispute authority is ${c.disputeAuthority.toBase58()}, not ${disputeAuthority.toBase58()}`,
    );
  const o = e.oracle;
  if (o.kind === "localFixture") {
    if (kind !== "pythLegacy" || !c.oracleProgram.equals(LOCAL_PYTH_LEGACY_PROGRAM))
      diffs.push(`oracle is ${kind} owned by ${c.oracleProgram.toBase58()}, not the local fixture`);
  } else {
    if (kind !== o.kind) diffs.push(`oracle kind is ${kind}, not ${o.kind}`);
    if (!c.oracleProgram.equals(new PublicKey(o.program)))
      diffs.push(`oracle program is ${c.oracleProgram.toBase58()}, not ${o.program}`);
    const account =
      o.kind === "pythLegacy" || o.account ? new PublicKey(o.account!) : PublicKey.default;
    if (!c.oracleAccount.equals(account))
      diffs.push(`oracle account is ${c.oracleAccount.toBase58()}, not ${account.toBase58()}`);
    if (o.kind === "pythPull") {
      const feed = Buffer.from(o.feedId.replace(/^0x/, ""), "hex");
      if (!Buffer.from(c.feedId).equals(feed)) diffs.push("oracle feed id differs");
    }
  }
  const expect = (name: string, found: number, want: number | null, dflt: number) => {
    const w = want ?? dflt;
    if (found !== w) diffs.push(`${name} is ${found}, not ${w}`);
  };
  expect("max price age (s)", c.maxPriceAgeSeconds, e.maxPriceAgeSeconds, 60);
  expect("max confidence (bps)", c.maxConfidenceBps, e.maxConfidenceBps, 200);
  expect("reservation fee (bps)", c.reservationFeeBps, e.reservationFeeBps, 25);
  expect("dispute window (s)", c.disputeWindowSeconds, e.disputeWindowSeconds, 86_400);
  refuseIfDifferent("the rental_escrow config", diffs);
}

/** Genesis hash of Solana mainnet-beta. */
const MAINNET_GENESIS = "5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d";

/**
 * Refuses to touch mainnet-beta unless the caller says so explicitly
 * (`allowMainnet`, or MIGRATION_ALLOW_MAINNET=1): initialising there makes
 * the signer the admin of a real protocol.
 */
async function guardMainnet(provider: AnchorProvider, allowMainnet: boolean): Promise<void> {
  const genesis = await provider.connection.getGenesisHash();
  if (genesis === MAINNET_GENESIS && !allowMainnet && process.env.MIGRATION_ALLOW_MAINNET !== "1") {
    throw new Error(
      `${provider.connection.rpcEndpoint} is mainnet-beta: refusing to migrate without ` +
        "--allow-mainnet (or MIGRATION_ALLOW_MAINNET=1)",
    );
  }
}

export async function migrate(
  provider: AnchorProvider,
  log: (line: string) => void = console.log,
  configFile?: string,
  allowMainnet = false,
): Promise<MigrationResult> {
  await guardMainnet(provider, allowMainnet);
  const settings = loadConfig(provider.connection.rpcEndpoint, configFile);
  // The SDK's resolver fills the node_staking accounts its IDL no longer
  // derives (the config, proven on chain by owner and discriminator).
  const nodeStaking = new Program<NodeStaking>(
    idl("node_staking"),
    provider,
    undefined,
    nodeStakingResolver,
  );
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
    await verifyStaking(provider, existingStaking, settings);
    log(
      `node_staking config ${stakingConfig.toBase58()} exists and matches ${settings.cluster}: unchanged`,
    );
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
      .accountsPartial({ admin, stakeMint, treasury, tokenProgram })
      .rpc();
    stakingCreated = true;
    log(`initialised node_staking config ${stakingConfig.toBase58()}`);
  }

  // rental_escrow (paid in the same protocol token)
  const existingEscrow = await rentalEscrow.account.escrowConfig.fetchNullable(escrowConfig);
  let escrowCreated = false;
  if (existingEscrow) {
    verifyEscrow(existingEscrow, settings, admin, stakeMint);
    log(
      `rental_escrow config ${escrowConfig.toBase58()} exists and matches ${settings.cluster}: unchanged`,
    );
  } else {
    const oracle = await resolveOracle(provider, settings.escrow.oracle, log);
    const mintInfo = await provider.connection.getAccountInfo(stakeMint);
    const tokenProgram = mintInfo!.owner;
    const escrowTreasury = getAssociatedTokenAddressSync(stakeMint, admin, true, tokenProgram);
    await provider.sendAndConfirm(
      new Transaction().add(
        createAssociatedTokenAccountIdempotentInstruction(
          admin,
          escrowTreasury,
          admin,
          stakeMint,
          tokenProgram,
        ),
      ),
    );
    await rentalEscrow.methods
      .initialize({
        oracleKind: oracle.kind as never,
        oracleProgram: oracle.program,
        oracleAccount: oracle.account,
        feedId: oracle.feedId,
        disputeAuthority: settings.escrow.disputeAuthority
          ? new PublicKey(settings.escrow.disputeAuthority)
          : admin,
        maxPriceAgeSeconds: settings.escrow.maxPriceAgeSeconds,
        maxConfidenceBps: settings.escrow.maxConfidenceBps,
        reservationFeeBps: settings.escrow.reservationFeeBps,
        disputeWindowSeconds: settings.escrow.disputeWindowSeconds,
      })
      .accountsPartial({
        admin,
        stakingConfig,
        paymentMint: stakeMint,
        treasury: escrowTreasury,
        tokenProgram,
      })
      .rpc();
    escrowCreated = true;
    log(`initialised rental_escrow config ${escrowConfig.toBase58()}`);
  }

  // node_staking must accept the escrow's PDA as its rental authority.
  const [rentalAuthority] = PublicKey.findProgramAddressSync(
    [seedOf(rentalEscrow, "rentalAuthoritySeed")],
    rentalEscrow.programId,
  );
  const stakingNow = await nodeStaking.account.config.fetch(stakingConfig);
  if (!stakingNow.rentalAuthority.equals(rentalAuthority)) {
    if (!stakingNow.admin.equals(admin)) {
      throw new Error(
        `node_staking's rental authority is not rental_escrow's PDA and ${admin.toBase58()} is not its admin`,
      );
    }
    await nodeStaking.methods
      .updateConfig({
        minProviderStake: null,
        minDelegation: null,
        maxSlashPerEpoch: null,
        unbondingSeconds: null,
        epochSeconds: null,
        minUptimeBps: null,
        maxLowEpochs: null,
        slashAuthority: null,
        rewardAuthority: null,
        rentalAuthority,
      })
      .accountsPartial({ admin, config: stakingConfig, newTreasury: null })
      .rpc();
    log(`set node_staking's rental authority to rental_escrow's PDA ${rentalAuthority.toBase58()}`);
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
