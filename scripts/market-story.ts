// The demo's market story, told through the SDK against a live validator:
// tiers, six nodes in three regions, provider stakes, delegations, a Pyth
// price, a quoted two-node cluster rental, a provider claim, a dispute
// resolved with a slash, and an epoch of availability rewards. Prints what it
// does and readable tables at the end. Safe to run again (new actors each run).
import { AnchorProvider, BN, Program, Wallet } from "@coral-xyz/anchor";
import {
  createAssociatedTokenAccountIdempotentInstruction,
  createMintToInstruction,
  getAssociatedTokenAddressSync,
  getMint,
} from "@solana/spl-token";
import { Keypair, LAMPORTS_PER_SOL, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";
import { createHash } from "crypto";

import { enumName, GpuMarketClient, Region } from "../app/src";
import { writeLocalPrice } from "../migrations/pyth-fixture";

const step = (n: number, text: string) => console.log(`\n[${n}] ${text}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function marketStory(provider: AnchorProvider): Promise<void> {
  const admin = provider.wallet.publicKey;
  const client = new GpuMarketClient(provider);
  const { nodeStaking, rentalEscrow } = client.programs;
  const staking = await client.stakingConfig();
  const escrow = await client.escrowConfig();
  const mint = await getMint(
    provider.connection,
    staking.stakeMint,
    "confirmed",
    staking.tokenProgram,
  );
  const unit = 10n ** BigInt(mint.decimals);
  const tok = (n: number) => BigInt(Math.round(n * 1000)) * (unit / 1000n);
  const show = (v: { toString(): string } | bigint) =>
    (Number(BigInt(v.toString())) / Number(unit)).toFixed(3);

  /** A new wallet with SOL and tokens. */
  async function actor(tokens: number): Promise<Keypair> {
    const kp = Keypair.generate();
    const ata = getAssociatedTokenAddressSync(
      staking.stakeMint,
      kp.publicKey,
      true,
      staking.tokenProgram,
    );
    await provider.sendAndConfirm(
      new Transaction().add(
        SystemProgram.transfer({
          fromPubkey: admin,
          toPubkey: kp.publicKey,
          lamports: 2 * LAMPORTS_PER_SOL,
        }),
        createAssociatedTokenAccountIdempotentInstruction(
          admin,
          ata,
          kp.publicKey,
          staking.stakeMint,
          staking.tokenProgram,
        ),
        createMintToInstruction(
          staking.stakeMint,
          ata,
          admin,
          tok(tokens),
          [],
          staking.tokenProgram,
        ),
      ),
    );
    return kp;
  }
  const as = (kp: Keypair) =>
    new GpuMarketClient(
      new AnchorProvider(provider.connection, new Wallet(kp), { commitment: "confirmed" }),
    );

  step(1, "Spec tiers with per-node stake caps (admin)");
  const tiers = [
    { id: 1, name: "H100-80GB", cap: 16_000, min: 200 },
    { id: 2, name: "A100-80GB", cap: 8_000, min: 100 },
    { id: 3, name: "RTX-4090", cap: 1_000, min: 100 },
  ];
  for (const t of tiers) {
    const exists = await nodeStaking.account.specTier.fetchNullable(client.pdas.specTier(t.id));
    if (exists) {
      console.log(`    tier ${t.id} ${t.name} exists`);
      continue;
    }
    await nodeStaking.methods
      .createSpecTier({
        tierId: t.id,
        name: t.name,
        maxNodeStake: new BN(tok(t.cap).toString()),
        minProviderStake: new BN(tok(t.min).toString()),
        maxDelegatedBps: 5000,
      })
      .accountsPartial({ admin })
      .rpc();
    console.log(
      `    tier ${t.id} ${t.name}: cap ${t.cap} tokens, minimum ${t.min}, delegated share ≤ 50 %`,
    );
  }

  step(2, "Six providers register nodes in three regions and stake");
  const plan: { tier: number; region: Region; gpus: number; usd: number; stake: number }[] = [
    { tier: 1, region: "americas", gpus: 8, usd: 2.4, stake: 4000 },
    { tier: 1, region: "europe", gpus: 8, usd: 2.2, stake: 3000 },
    { tier: 2, region: "asia", gpus: 4, usd: 1.1, stake: 1500 },
    { tier: 2, region: "americas", gpus: 4, usd: 1.0, stake: 1200 },
    { tier: 3, region: "europe", gpus: 1, usd: 0.35, stake: 300 },
    { tier: 3, region: "asia", gpus: 2, usd: 0.3, stake: 400 },
  ];
  const nodes: { op: Keypair; node: PublicKey; usd: number; region: Region }[] = [];
  for (const [i, n] of plan.entries()) {
    const op = await actor(n.stake + 100);
    const c = as(op);
    const nodeId = BigInt(Date.now()) * 10n + BigInt(i);
    const reg = await c.registerNode({
      operator: op.publicKey,
      nodeId,
      tierId: n.tier,
      gpuCount: n.gpus,
      region: n.region,
      priceMicroUsdPerHour: BigInt(Math.round(n.usd * 1e6)),
      commissionBps: 1000,
    });
    await c.send([reg], [], "registerNode");
    await c.send([await c.stake(op.publicKey, reg.accounts.node, tok(n.stake))], [], "stake");
    nodes.push({ op, node: reg.accounts.node, usd: n.usd, region: n.region });
    console.log(
      `    ${tiers[n.tier - 1].name.padEnd(10)} ${n.region.padEnd(9)} ${n.gpus} GPU  $${n.usd.toFixed(2)}/h  staked ${n.stake}`,
    );
  }

  step(3, "Holders delegate to the nodes they trust");
  const holders = [await actor(2000), await actor(2000), await actor(2000)];
  const delegations: [number, number, number][] = [
    [0, 0, 1500],
    [1, 0, 800],
    [1, 2, 600],
    [2, 3, 500],
    [2, 5, 150],
  ];
  for (const [h, n, amount] of delegations) {
    const c = as(holders[h]);
    await c.send(
      [await c.delegate(holders[h].publicKey, nodes[n].node, tok(amount))],
      [],
      "delegate",
    );
    console.log(`    holder ${h + 1} → node ${n + 1}: ${amount} tokens`);
  }

  step(4, "A Pyth-format price: $1.25 per token (local fixture at the legacy Pyth address)");
  await writeLocalPrice(provider, escrow.oracleAccount, {
    price: 125_000_000n,
    conf: 125_000n,
    expo: -8,
  });
  console.log(`    price account ${escrow.oracleAccount.toBase58()} (conservative price $1.2488)`);

  step(5, "A renter quotes and rents a two-node A100 cluster for 2 hours, all or nothing");
  const renter = await actor(1000);
  const rc = as(renter);
  const cluster = await rc.buildCluster({
    renter: renter.publicKey,
    count: 2,
    durationSeconds: 7200n,
    filter: { specTier: 2, maxPriceMicroUsd: 2_000_000n },
  });
  for (const [i, q] of cluster.quotes.entries()) {
    console.log(
      `    node ${cluster.nodes[i].toBase58().slice(0, 8)}…  $${(Number(q.rateMicroUsdPerHour) / 1e6).toFixed(2)}/h × 2 h = $${(Number(q.costMicroUsd) / 1e6).toFixed(2)} → ${show(q.tokens)} tokens + ${show(q.fee)} fee`,
    );
  }
  await rc.send(cluster.instructions, [], "createRental");
  const rentals = cluster.instructions.map((i) => i.accounts.rental);
  console.log(
    `    cluster ${cluster.clusterId} rented: ${rentals.length} rentals in one transaction`,
  );

  step(6, "Time passes; the first provider claims what accrued");
  await sleep(5000);
  const first = await rentalEscrow.account.rental.fetch(rentals[0]);
  const prov = nodes.find((n) => n.node.equals(first.node))!;
  const pc = as(prov.op);
  await pc.send([await pc.claim(rentals[0])], [], "claim");
  const afterClaim = await rentalEscrow.account.rental.fetch(rentals[0]);
  console.log(
    `    provider claimed ${show(afterClaim.claimed)} tokens (per second, minus the 0.25 % fee)`,
  );

  step(7, "The renter disputes the second rental; the dispute authority refunds and slashes 5 %");
  await rc.send([await rc.openDispute(rentals[1])], [], "openDispute");
  const second = await rentalEscrow.account.rental.fetch(rentals[1]);
  const stakeBefore = (await client.node(second.node)).providerStake;
  await client.send(
    [
      await client.resolveDispute(rentals[1], 10_000, {
        evidenceHash: createHash("sha256").update(`demo-dispute-${rentals[1].toBase58()}`).digest(),
        reason: "qosFailure",
        fractionBps: 500,
        renterShareBps: 5000,
      }),
    ],
    [],
    "resolveDispute",
  );
  const stakeAfter = (await client.node(second.node)).providerStake;
  console.log(
    `    refunded the renter; slashed ${show(BigInt(stakeBefore.toString()) - BigInt(stakeAfter.toString()))} tokens from the provider, half to the renter`,
  );

  step(8, "Availability rewards for this epoch (reward authority)");
  const epochSeconds = staking.epochSeconds;
  // The chain's clock, not the wall clock: the validator's lags by a second or two.
  const chainNow = await provider.connection.getBlockTime(await provider.connection.getSlot());
  const epoch = BigInt(Math.floor((chainNow ?? Date.now() / 1000) / epochSeconds));
  const uptimes = [9990, 9950, 9800, 8500, 9700, 9900];
  const adminTokens = getAssociatedTokenAddressSync(
    staking.stakeMint,
    admin,
    true,
    staking.tokenProgram,
  );
  await provider.sendAndConfirm(
    new Transaction().add(
      createAssociatedTokenAccountIdempotentInstruction(
        admin,
        adminTokens,
        admin,
        staking.stakeMint,
        staking.tokenProgram,
      ),
      createMintToInstruction(
        staking.stakeMint,
        adminTokens,
        admin,
        tok(1000),
        [],
        staking.tokenProgram,
      ),
    ),
  );
  for (const [i, n] of nodes.entries()) {
    const node = await client.node(n.node);
    if (enumName(node.status) !== "active") {
      console.log(`    node ${i + 1}: ${enumName(node.status)}, not credited`);
      continue;
    }
    await client.send(
      [await client.creditRewards(n.node, epoch, uptimes[i], tok(50))],
      [],
      "creditRewards",
    );
    console.log(
      `    node ${i + 1}: uptime ${(uptimes[i] / 100).toFixed(2)} % → ${uptimes[i] >= staking.minUptimeBps ? "50 tokens" : "nothing (low epoch)"}`,
    );
  }
  const hc = as(holders[0]);
  await hc.send([await hc.claimRewards(holders[0].publicKey, nodes[0].node)], [], "claimRewards");
  console.log("    holder 1 claimed its delegation rewards from node 1");

  step(9, "The market");
  console.log("\nNodes");
  console.table(
    await Promise.all(
      nodes.map(async (n, i) => {
        const a = await client.node(n.node);
        return {
          "#": i + 1,
          tier: tiers[a.specTier - 1]?.name ?? a.specTier,
          region: enumName(a.region),
          gpus: a.gpuCount,
          "usd/h": (Number(a.priceMicroUsdPerHour.toString()) / 1e6).toFixed(2),
          status: enumName(a.status),
          rentals: a.activeRentals,
        };
      }),
    ),
  );
  console.log("Pools (tokens)");
  console.table(
    await Promise.all(
      nodes.map(async (n, i) => {
        const pool = await client.pool(n.node);
        const a = await client.node(n.node);
        return {
          "#": i + 1,
          provider: show(pool.providerStake),
          delegated: show(pool.poolTokens),
          "share price": pool.sharePrice.toFixed(4),
          "commission %": pool.commissionBps / 100,
          "operator rewards": show(a.operatorRewards),
          slashed: show(a.totalSlashed),
        };
      }),
    ),
  );
  console.log("Rentals");
  console.table(
    await Promise.all(
      rentals.map(async (r) => {
        const a = await rentalEscrow.account.rental.fetch(r);
        return {
          rental: r.toBase58().slice(0, 10) + "…",
          cluster: a.clusterId.toString(),
          status: enumName(a.status),
          "usd/h": (Number(a.rateMicroUsdPerHour.toString()) / 1e6).toFixed(2),
          deposited: show(a.deposited),
          claimed: show(a.claimed),
          refunded: show(a.refunded),
        };
      }),
    ),
  );
}
