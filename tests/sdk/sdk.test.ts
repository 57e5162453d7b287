// SDK: quotes equal the on-chain conversion to the base unit; PDAs match the
// programs; fetchers use server-side filters; the cluster builder rents
// all-or-nothing; errors decode to readable lines.
import { AnchorProvider, Wallet } from "@coral-xyz/anchor";
import { expect } from "chai";

import {
  costMicroUsd,
  describeError,
  GpuMarketClient,
  quoteRental,
  tokensForUsdCeil,
} from "../../app/src";
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
