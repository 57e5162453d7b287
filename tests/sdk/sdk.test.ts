// SDK: quotes equal the on-chain conversion to the base unit; PDAs match the
// programs; fetchers use server-side filters; the cluster builder rents
// all-or-nothing; errors decode to readable lines; a transaction's events
// come back typed (both programs, CPIs included); program ids can be moved;
// the package needs no file system.
import { AnchorProvider, Wallet } from "@coral-xyz/anchor";
import { Keypair, PublicKey, Transaction } from "@solana/web3.js";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

import {
  computeUnitLimit,
  costMicroUsd,
  DEFAULT_PROGRAM_IDS,
  describeError,
  eventsNamed,
  GpuMarketClient,
  MAX_CLUSTER_LEGS,
  MAX_TRANSACTION_BYTES,
  quoteRental,
  tokensForUsdCeil,
} from "../../app/src";
import { fundedKeypair, lastTransaction, REPO_ROOT } from "../helpers/context";
import { ensureEscrow, Escrow, freshPrice, quoteTokens, setLegacyPrice } from "../helpers/escrow";
import {
  big,
  bn,
  createTier,
  ensureProtocol,
  holder,
  Protocol,
  registerNode,
  stakeIx,
  tokens,
} from "../helpers/staking";
import { fundTokenAccount } from "../helpers/tokens";
import { computeBudgetOf } from "../helpers/transactions";

describe("app: SDK", () => {
  let p: Protocol;
  let e: Escrow;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
  });

  it("quoteRental equals the on-chain quote to the base unit for many random inputs", async () => {
    let s = 0x9e37_79b9_7f4a_7c15n;
    const next = (bits: number) => {
      let out = 0n;
      for (let i = 0; i < bits; i += 32) {
        s ^= (s << 13n) & 0xffffffffffffffffn;
        s ^= s >> 7n;
        s ^= (s << 17n) & 0xffffffffffffffffn;
        out = (out << 32n) | (s & 0xffffffffn);
      }
      return out & ((1n << BigInt(bits)) - 1n);
    };
    for (let i = 0; i < 60; i++) {
      const expo = -Number(next(4) % 13n);
      const decimals = Number(next(4) % 10n);
      const price = 1n + next(36);
      const conf = price / (2n + next(10));
      const duration = 60n + next(20);
      const rate = 1n + next(26);
      const sdk = quoteRental({
        durationSeconds: duration,
        rateMicroUsdPerHour: rate,
        price: { price, conf, expo, publishTime: 0n },
        decimals,
        reservationFeeBps: 25,
      });
      expect(sdk.tokens).to.equal(quoteTokens(duration, rate, price, conf, expo, decimals));
      if (sdk.tokens > 2n ** 64n - 1n) continue;
      const chain = await p.ctx.rentalEscrow.methods
        .quote({
          durationSeconds: bn(duration),
          rateMicroUsdPerHour: bn(rate),
          price: bn(price),
          conf: bn(conf),
          expo,
          decimals,
        })
        .view();
      expect(big(chain.tokens), `case ${i}`).to.equal(sdk.tokens);
      expect(big(chain.costMicroUsd)).to.equal(costMicroUsd(duration, rate));
    }
    expect(() =>
      tokensForUsdCeil(1n, { price: 5n, conf: 5n, expo: -8, publishTime: 0n }, 9),
    ).to.throw("not positive");
  });

  it("derives the same PDAs as the programs", async () => {
    const client = new GpuMarketClient(
      new AnchorProvider(p.ctx.connection, new Wallet(p.ctx.payer), { commitment: "confirmed" }),
    );
    expect(client.pdas.stakingConfig().equals(p.config)).to.equal(true);
    expect(client.pdas.escrowConfig().equals(e.config)).to.equal(true);
    expect(client.pdas.rentalAuthority().equals(e.rentalAuthority)).to.equal(true);
  });

  it("cheap rental and node ids: the first id whose two addresses have bump 255", () => {
    const client = new GpuMarketClient(
      new AnchorProvider(p.ctx.connection, new Wallet(p.ctx.payer), { commitment: "confirmed" }),
    );
    const bumps = (seeds: Buffer[][], program: PublicKey) =>
      seeds.map((s) => PublicKey.findProgramAddressSync(s, program)[1]);
    const le = (v: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(v);
      return b;
    };
    const owner = Keypair.generate().publicKey;
    const escrowId = client.programs.rentalEscrow.programId;
    const stakingId = client.programs.nodeStaking.programId;
    const rentalBumps = (id: bigint) => {
      const rental = client.pdas.rental(owner, id);
      return bumps(
        [
          [Buffer.from("rental"), owner.toBuffer(), le(id)],
          [Buffer.from("rental_vault"), rental.toBuffer()],
        ],
        escrowId,
      );
    };
    const nodeBumps = (id: bigint) => {
      const node = client.pdas.node(owner, id);
      return bumps(
        [
          [Buffer.from("node"), owner.toBuffer(), le(id)],
          [Buffer.from("vault"), node.toBuffer()],
        ],
        stakingId,
      );
    };
    for (const [cheap, of] of [
      [(from: bigint) => client.pdas.cheapRentalId(owner, from), rentalBumps],
      [(from: bigint) => client.pdas.cheapNodeId(owner, from), nodeBumps],
    ] as const) {
      let skipped = 0;
      for (let from = 1000n, n = 0; n < 20; n++) {
        const id = cheap(from);
        expect(of(id)).to.deep.equal([255, 255]);
        for (let other = from; other < id; other++, skipped++) {
          expect(of(other)).to.not.deep.equal([255, 255]);
        }
        from = id + 1n;
      }
      expect(skipped).to.be.greaterThan(0); // some ids do not qualify
    }
  });

  it("decodes program errors to one readable line", () => {
    const line = describeError({
      logs: [
        "Program log: AnchorError thrown in programs/node-staking/src/instructions/delegate.rs:71. Error Code: BelowMinimumDelegation. Error Number: 6037. Error Message: Delegation is below the minimum.",
      ],
    });
    expect(line).to.equal("BelowMinimumDelegation: Delegation is below the minimum");
    const token = describeError({
      logs: [
        "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA invoke [2]",
        "Program log: Instruction: TransferChecked",
        "Program log: Error: insufficient funds",
        "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA failed: custom program error: 0x1",
      ],
    });
    expect(token).to.match(/^token program: insufficient funds \(.*fund it and retry\)$/);
  });

  describe("events of a confirmed transaction", () => {
    // Runs on both backends: the builders only read accounts, the context's
    // provider sends, and the SDK reads the transaction back by signature.
    let client: GpuMarketClient;
    before(() => {
      client = new GpuMarketClient(p.ctx.provider as AnchorProvider);
    });

    it("register_node → nodeRegistered; create_rental → rentalCreated and node_staking's CPI lock", async () => {
      const tierId = await createTier(p, { maxNodeStake: tokens(10_000) });
      const operator = await fundedKeypair(p.ctx);
      const nodeId = BigInt(Math.floor(Math.random() * 2 ** 40));
      const reg = await client.registerNode({
        operator: operator.publicKey,
        nodeId,
        tierId,
        gpuCount: 4,
        region: "europe",
        priceMicroUsdPerHour: 2_000_000n,
        commissionBps: 700,
      });
      const regSig = await p.ctx.provider.sendAndConfirm(new Transaction().add(reg.instruction), [
        operator,
      ]);
      const regEvents = await client.transactionEvents(regSig);
      expect(regEvents.map((ev) => `${ev.program}.${String(ev.name)}`)).to.deep.equal([
        "nodeStaking.nodeRegistered",
      ]);
      const [registered] = eventsNamed(regEvents, "nodeStaking", "nodeRegistered");
      expect(registered.node.toBase58()).to.equal(reg.accounts.node.toBase58());
      expect(registered.operator.toBase58()).to.equal(operator.publicKey.toBase58());
      expect(big(registered.nodeId)).to.equal(nodeId);
      expect(registered.specTier).to.equal(tierId);
      expect(registered.gpuCount).to.equal(4);
      expect(registered.region).to.deep.equal({ europe: {} });
      expect(big(registered.priceMicroUsdPerHour)).to.equal(2_000_000n);
      expect(registered.commissionBps).to.equal(700);
      // The provider keeps the last transaction's logs (LiteSVM) or signature
      // (validator): parsing them gives the same events.
      expect(client.parseEvents((await lastTransaction(p.ctx)).logs)).to.deep.equal(regEvents);

      await fundTokenAccount(p.ctx, p.stakeMint, operator.publicKey, tokens(200));
      await p.ctx.provider.sendAndConfirm(
        new Transaction().add(
          (await client.stake(operator.publicKey, reg.accounts.node, tokens(150))).instruction,
        ),
        [operator],
      );

      const renter = await holder(p, tokens(1000));
      await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
      const q = await client.quote(reg.accounts.node, 600n);
      const rent = await client.createRental({
        renter: renter.kp.publicKey,
        node: reg.accounts.node,
        durationSeconds: 600n,
        maxTokens: q.total,
      });
      const rentSig = await p.ctx.provider.sendAndConfirm(new Transaction().add(rent.instruction), [
        renter.kp,
      ]);
      const rentEvents = await client.transactionEvents(rentSig);
      // node_staking's event comes from inside rental_escrow's CPI (rental_lock).
      expect(rentEvents.map((ev) => `${ev.program}.${String(ev.name)}`)).to.deep.equal([
        "nodeStaking.nodeRentalLockChanged",
        "rentalEscrow.rentalCreated",
      ]);
      const [lock] = eventsNamed(rentEvents, "nodeStaking", "nodeRentalLockChanged");
      expect(lock.node.toBase58()).to.equal(reg.accounts.node.toBase58());
      expect(lock.activeRentals).to.equal(1);
      expect(lock.locked).to.equal(true);
      const [created] = eventsNamed(rentEvents, "rentalEscrow", "rentalCreated");
      expect(created.rental.toBase58()).to.equal(rent.accounts.rental.toBase58());
      expect(created.renter.toBase58()).to.equal(renter.kp.publicKey.toBase58());
      expect(created.node.toBase58()).to.equal(reg.accounts.node.toBase58());
      expect(big(created.clusterId)).to.equal(0n);
      expect(big(created.rateMicroUsdPerHour)).to.equal(2_000_000n);
      expect(big(created.endTs) - big(created.startTs)).to.equal(600n);
      expect(big(created.tokens)).to.equal(q.tokens);
      expect(big(created.fee)).to.equal(q.fee);
      expect(big(created.price)).to.equal(q.price.price);
      expect(created.expo).to.equal(q.price.expo);
      expect(big(created.publishTime)).to.equal(q.price.publishTime);
      expect(client.parseEvents((await lastTransaction(p.ctx)).logs)).to.deep.equal(rentEvents);
    });

    it("tells the two programs' same-named events apart (pausedChanged of each)", async () => {
      const admin = p.ctx.payer.publicKey;
      const sig = await p.ctx.provider.sendAndConfirm(
        new Transaction().add(
          await client.programs.nodeStaking.methods
            .setPaused(false)
            .accountsPartial({ admin })
            .instruction(),
          await client.programs.rentalEscrow.methods
            .setPaused(false)
            .accountsPartial({ admin })
            .instruction(),
        ),
      );
      expect(await client.transactionEvents(sig)).to.deep.equal([
        { program: "nodeStaking", name: "pausedChanged", data: { old: false, new: false } },
        { program: "rentalEscrow", name: "pausedChanged", data: { old: false, new: false } },
      ]);
    });
  });

  it("runs against other program ids: IDL addresses, PDAs and the escrow's node_staking id move", async () => {
    const nodeStaking = Keypair.generate().publicKey;
    const rentalEscrow = Keypair.generate().publicKey;
    const client = new GpuMarketClient(p.ctx.provider as AnchorProvider, {
      nodeStaking,
      rentalEscrow,
    });
    expect(client.programs.nodeStaking.programId.equals(nodeStaking)).to.equal(true);
    expect(client.programs.rentalEscrow.programId.equals(rentalEscrow)).to.equal(true);
    const escrowIdl = JSON.stringify(client.programs.rentalEscrow.rawIdl);
    expect(escrowIdl).to.include(nodeStaking.toBase58());
    expect(escrowIdl).to.not.include(DEFAULT_PROGRAM_IDS.nodeStaking.toBase58());
    expect(escrowIdl).to.not.include(
      JSON.stringify(Array.from(DEFAULT_PROGRAM_IDS.nodeStaking.toBytes())).slice(1, -1),
    );
    const ix = await client.programs.rentalEscrow.methods
      .setPaused(true)
      .accountsPartial({ admin: p.ctx.payer.publicKey })
      .instruction();
    expect(ix.programId.equals(rentalEscrow)).to.equal(true);
    expect(ix.keys.some((k) => k.pubkey.equals(client.pdas.escrowConfig()))).to.equal(true);
    expect(client.pdas.escrowConfig().equals(e.config)).to.equal(false);
    // The default client is unchanged (the bundled IDLs are not mutated).
    const plain = new GpuMarketClient(p.ctx.provider as AnchorProvider);
    expect(plain.pdas.escrowConfig().equals(e.config)).to.equal(true);
  });

  it("bundles its IDLs and imports no Node built-in (browser bundles)", () => {
    const dir = path.join(REPO_ROOT, "app", "src");
    const sources = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")] as const);
    expect(sources.length).to.be.greaterThan(5);
    for (const [file, text] of sources) {
      expect(text, file).to.not.match(/from "(node:)?(fs|path|os|child_process|crypto)"|require\(/);
      expect(text, file).to.not.match(/from "[^"]*target\/(idl|types)/);
    }
  });

  describe("against a validator (getProgramAccounts)", () => {
    let client: GpuMarketClient;

    before(function () {
      // LiteSVM has no account index for getProgramAccounts; the fetchers run on the validator.
      if (p.ctx.backend !== "validator") this.skip();
      client = new GpuMarketClient(p.ctx.provider as AnchorProvider);
    });

    it("filters nodes by tier, region, status and price on the RPC side", async () => {
      const tierId = await createTier(p, { maxNodeStake: tokens(10_000) });
      const cheap = await registerNode(p, tierId, { region: "asia", priceMicroUsd: 500_000n });
      const dear = await registerNode(p, tierId, { region: "asia", priceMicroUsd: 5_000_000n });
      await registerNode(p, tierId, { region: "europe", priceMicroUsd: 500_000n });
      await stakeIx(p, cheap, tokens(100)).rpc();
      await stakeIx(p, dear, tokens(100)).rpc();
      const asiaActive = await client.nodes({ specTier: tierId, region: "asia", status: "active" });
      expect(asiaActive.map((n) => n.publicKey.toBase58()).sort()).to.deep.equal(
        [cheap.node.toBase58(), dear.node.toBase58()].sort(),
      );
      const affordable = await client.nodes({
        specTier: tierId,
        region: "asia",
        maxPriceMicroUsd: 1_000_000n,
      });
      expect(affordable.map((n) => n.publicKey.toBase58())).to.deep.equal([cheap.node.toBase58()]);
      const pool = await client.pool(cheap.node);
      expect(pool.providerStake).to.equal(tokens(100));
      expect(pool.status).to.equal("active");
    });

    it("rents an 8-node cluster in one v0 transaction through a lookup table; 9 are refused", async () => {
      const tierId = await createTier(p, { maxNodeStake: tokens(10_000) });
      for (let i = 0; i < MAX_CLUSTER_LEGS; i++)
        await registerNode(p, tierId, {
          priceMicroUsd: 1_000_000n + BigInt(i),
          stake: tokens(100),
        });
      const renter = await holder(p);
      await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
      const rc = new GpuMarketClient(
        new AnchorProvider(p.ctx.connection, new Wallet(renter.kp), { commitment: "confirmed" }),
      );
      let refused = "";
      await rc
        .rentCluster({ renter: renter.kp.publicKey, count: 9, durationSeconds: 600n })
        .catch((err) => (refused = String(err)));
      expect(refused).to.match(/a cluster of 9 nodes is not possible: 1 to 8 nodes per cluster/);

      const cluster = await rc.rentCluster({
        renter: renter.kp.publicKey,
        count: 8,
        durationSeconds: 600n,
        filter: { specTier: tierId },
      });
      console.log(
        `      8-node cluster: ${cluster.transactionBytes} bytes with a lookup table ` +
          `(${await rc.sender.transactionBytes(cluster.instructions)} without one)`,
      );
      expect(cluster.transactionBytes).to.be.at.most(MAX_TRANSACTION_BYTES);
      expect(cluster.lookupTable).to.not.equal(undefined);
      expect(cluster.lookupTableDeactivated).to.equal(true);
      const rentals = await rc.rentals({ clusterId: cluster.clusterId });
      expect(rentals.length).to.equal(8);
      const landed = await p.ctx.connection.getTransaction(cluster.signature, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      });
      expect(landed!.version).to.equal(0);
      expect(landed!.transaction.message.addressTableLookups.length).to.equal(1);
      // The limit came from a simulation of this transaction: consumed ≤
      // limit ≤ consumed + 10 % + 1 000 (a simulation equals the execution
      // here, nothing moved in between).
      const consumed = landed!.meta!.computeUnitsConsumed!;
      const { limit, price } = computeBudgetOf(landed!);
      expect(limit).to.be.at.least(consumed);
      expect(limit).to.equal(computeUnitLimit(consumed));
      // "auto" on a local validator: no priority fee.
      expect(price).to.equal(undefined);
      expect(landed!.meta!.fee).to.equal(5000);
      const table = await p.ctx.connection.getAddressLookupTable(cluster.lookupTable!);
      expect(table.value!.state.deactivationSlot < 2n ** 64n - 1n).to.equal(true);
    });

    it("adds a fixed priority fee: 5 000 lamports plus ceil(price × limit / 10^6)", async () => {
      const tierId = await createTier(p, { maxNodeStake: tokens(10_000) });
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const op = new GpuMarketClient(
        new AnchorProvider(p.ctx.connection, new Wallet(n.operator), { commitment: "confirmed" }),
        {},
        { priorityFee: 2_500 },
      );
      const sig = await op.send(
        [await op.stake(n.operator.publicKey, n.node, tokens(1))],
        [],
        "stake",
      );
      const landed = (await p.ctx.connection.getTransaction(sig, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      }))!;
      const { limit, price } = computeBudgetOf(landed);
      expect(price).to.equal(2_500);
      expect(limit).to.equal(computeUnitLimit(landed.meta!.computeUnitsConsumed!));
      expect(landed.meta!.fee).to.equal(5000 + Math.ceil((2_500 * limit!) / 1e6));
    });

    it("builds a two-node cluster rental that lands in one transaction", async () => {
      const tierId = await createTier(p, { maxNodeStake: tokens(10_000) });
      for (let i = 0; i < 2; i++) {
        const n = await registerNode(p, tierId, {
          region: "americas",
          priceMicroUsd: 1_000_000n + BigInt(i),
        });
        await stakeIx(p, n, tokens(100)).rpc();
      }
      const renter = await holder(p);
      await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
      const rc = new GpuMarketClient(
        new AnchorProvider(p.ctx.connection, new Wallet(renter.kp), { commitment: "confirmed" }),
      );
      const cluster = await rc.buildCluster({
        renter: renter.kp.publicKey,
        count: 2,
        durationSeconds: 600n,
        filter: { specTier: tierId },
      });
      await rc.send(cluster.instructions, [], "createRental");
      const rentals = await rc.rentals({ clusterId: cluster.clusterId });
      expect(rentals.length).to.equal(2);
      expect(rentals.every((r) => r.account.renter.equals(renter.kp.publicKey))).to.equal(true);
      for (const [i, q] of cluster.quotes.entries()) {
        const r = rentals.find((x) => x.account.node.equals(cluster.nodes[i]))!;
        expect(big(r.account.deposited) <= q.tokens + q.tokens / 100n).to.equal(true);
      }
      const positions = await rc.delegations(renter.kp.publicKey);
      expect(positions).to.deep.equal([]);
    });
  });
});
