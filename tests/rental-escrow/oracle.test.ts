// The oracle rules: every rejection (stale by 1 s, confidence 1 bps over,
// wrong owner, wrong account, wrong feed, partial verification, bad bytes,
// not Trading, price or EMA ≤ 0), and the USD → token conversion matching
// an independent BigInt computation across exponents, decimals and limits.
// The rules added by the audit (future publish time, EMA divergence, slots,
// exponent range, never older than the rental's last price) are in
// audit-regressions.test.ts (E-M5).
import { Keypair, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import { PYTH } from "../helpers/context";
import {
  createPriceAccount,
  createRentalIx,
  ensureEscrow,
  Escrow,
  ESCROW_TEST_PARAMS,
  escrowUpdateIx,
  fixtureWriteIx,
  freshPrice,
  quoteTokens,
  setLegacyPrice,
  setPullPrice,
} from "../helpers/escrow";
import { encodePriceUpdateV2, encodePythLegacyPrice } from "../helpers/pyth";
import {
  advanceTo,
  big,
  bn,
  chainSlot,
  chainTime,
  createTier,
  ensureProtocol,
  exactClock,
  holder,
  Holder,
  NodeHandle,
  Protocol,
  registerNode,
  stakeIx,
  tokens,
} from "../helpers/staking";

describe("rental_escrow: oracle price and conversion", () => {
  let p: Protocol;
  let e: Escrow;
  let n: NodeHandle;
  let renter: Holder;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
    const tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
    n = await registerNode(p, tierId);
    await stakeIx(p, n, tokens(100)).rpc();
    renter = await holder(p);
  });

  /** Tries a 1-hour rental; expects `error` and no change anywhere. */
  async function rejects(error: string, priceAccount: PublicKey = e.priceAccount) {
    const { builder, rental } = createRentalIx(e, n, renter, {
      durationSeconds: 3600,
      priceAccount,
    });
    const before = await snapshot(p.ctx, [rental, n.node, renter.tokens, e.treasury]);
    await expectAnchorError(builder.rpc(), error);
    await expectUnchanged(p.ctx, before);
  }
  const accepts = async (priceAccount: PublicKey = e.priceAccount) =>
    createRentalIx(e, n, renter, { durationSeconds: 3600, priceAccount }).builder.rpc();

  it("accepts a price exactly max_age old and rejects one a second older (StalePrice)", async () => {
    const now = await chainTime(p.ctx);
    const maxAge = ESCROW_TEST_PARAMS.maxPriceAgeSeconds;
    if (exactClock(p.ctx)) {
      await setLegacyPrice(p.ctx, e.priceAccount, {
        ...(await freshPrice(p.ctx)),
        publishTime: BigInt(now - maxAge),
      });
      await accepts();
      await setLegacyPrice(p.ctx, e.priceAccount, {
        ...(await freshPrice(p.ctx)),
        publishTime: BigInt(now - maxAge - 1),
      });
      await rejects("StalePrice");
    } else {
      // The validator's clock moves on its own: check each side with a margin.
      await setLegacyPrice(p.ctx, e.priceAccount, {
        ...(await freshPrice(p.ctx)),
        publishTime: BigInt(now - maxAge + 20),
      });
      await accepts();
      await setLegacyPrice(p.ctx, e.priceAccount, {
        ...(await freshPrice(p.ctx)),
        publishTime: BigInt(now - maxAge - 1),
      });
      await rejects("StalePrice");
    }
  });

  it("accepts confidence at the bound and rejects 1 bps over (PriceConfidenceTooWide)", async () => {
    const base = await freshPrice(p.ctx);
    const bound = (base.price * BigInt(ESCROW_TEST_PARAMS.maxConfidenceBps)) / 10_000n;
    await setLegacyPrice(p.ctx, e.priceAccount, { ...base, conf: bound });
    await accepts();
    const oneBpsOver = (base.price * BigInt(ESCROW_TEST_PARAMS.maxConfidenceBps + 1)) / 10_000n;
    await setLegacyPrice(p.ctx, e.priceAccount, { ...base, conf: oneBpsOver });
    await rejects("PriceConfidenceTooWide");
  });

  for (const [label, change, error] of [
    ["a Halted price", { status: "halted" }, "PriceNotTrading"],
    ["an Unknown-status price", { status: "unknown" }, "PriceNotTrading"],
    ["a zero price", { price: 0n, conf: 0n }, "NonPositivePrice"],
    ["a negative price", { price: -5n, conf: 0n }, "NonPositivePrice"],
    ["a non-positive EMA price", { emaPrice: 0n }, "NonPositivePrice"],
  ] as const) {
    it(`rejects ${label} (${error})`, async () => {
      await setLegacyPrice(p.ctx, e.priceAccount, { ...(await freshPrice(p.ctx)), ...change });
      await rejects(error);
    });
  }

  it("rejects bytes that are not a legacy price account (InvalidOracleData)", async () => {
    const good = encodePythLegacyPrice({
      ...(await freshPrice(p.ctx)),
      publishSlot: BigInt(await chainSlot(p.ctx)),
    });
    const badMagic = Buffer.from(good.subarray(0, 240));
    badMagic.writeUInt32LE(0xdeadbeef, 0);
    await p.ctx.provider.sendAndConfirm(
      new Transaction().add(fixtureWriteIx(PYTH.legacyMainnet, e.priceAccount, 0, badMagic)),
    );
    await rejects("InvalidOracleData");
  });

  it("rejects another legacy price account (WrongOracleAccount)", async () => {
    const other = await createPriceAccount(p.ctx, "legacy");
    await setLegacyPrice(p.ctx, other, await freshPrice(p.ctx));
    await rejects("WrongOracleAccount", other);
  });

  it("rejects price bytes in an account the oracle program does not own (WrongOracleOwner)", async () => {
    const foreign = Keypair.generate();
    const bytes = encodePythLegacyPrice(await freshPrice(p.ctx));
    await p.ctx.provider.sendAndConfirm(
      new Transaction().add(
        SystemProgram.createAccount({
          fromPubkey: p.ctx.payer.publicKey,
          newAccountPubkey: foreign.publicKey,
          lamports: await p.ctx.connection.getMinimumBalanceForRentExemption(bytes.length),
          space: bytes.length,
          programId: p.ctx.probe.programId,
        }),
      ),
      [foreign],
    );
    await rejects("WrongOracleOwner", foreign.publicKey);
  });

  describe("pull oracle (PriceUpdateV2)", () => {
    const feedId = Buffer.alloc(32, 7);
    let update: PublicKey;

    before(async () => {
      update = await createPriceAccount(p.ctx, "pull");
      await pullConfig(PublicKey.default);
    });

    /** Pull mode for `feedId`, accepting any update (`account` default) or only `account`. */
    const pullConfig = (account: PublicKey) =>
      escrowUpdateIx(e, {
        oracle: {
          kind: { pythPull: {} },
          program: PYTH.receiver,
          account,
          feedId: Array.from(feedId),
        },
      }).rpc();

    after(async () => {
      e = await ensureEscrow(p); // back to the legacy price account
    });

    it("accepts a fully verified update of the pinned feed from any account", async () => {
      await setPullPrice(p.ctx, update, { ...(await freshPrice(p.ctx)), feedId });
      await accepts(update);
    });

    it("rejects an update for another feed (FeedMismatch)", async () => {
      await setPullPrice(p.ctx, update, {
        ...(await freshPrice(p.ctx)),
        feedId: Buffer.alloc(32, 8),
      });
      await rejects("FeedMismatch", update);
    });

    it("rejects a partially verified update (InsufficientVerification)", async () => {
      await setPullPrice(p.ctx, update, {
        ...(await freshPrice(p.ctx)),
        feedId,
        verification: "partial",
      });
      await rejects("InsufficientVerification", update);
    });

    it("rejects bytes without the PriceUpdateV2 discriminator (InvalidOracleData)", async () => {
      const bytes = encodePriceUpdateV2({ ...(await freshPrice(p.ctx)), feedId });
      bytes[0] ^= 0xff;
      await p.ctx.provider.sendAndConfirm(
        new Transaction().add(fixtureWriteIx(PYTH.receiver, update, 0, bytes)),
      );
      await rejects("InvalidOracleData", update);
    });

    it("with a sponsored feed account pinned, any other update is refused (WrongOracleAccount)", async () => {
      const sponsored = await createPriceAccount(p.ctx, "pull");
      await pullConfig(sponsored);
      try {
        await setPullPrice(p.ctx, sponsored, { ...(await freshPrice(p.ctx)), feedId });
        await setPullPrice(p.ctx, update, { ...(await freshPrice(p.ctx)), feedId });
        await rejects("WrongOracleAccount", update);
        await accepts(sponsored);
      } finally {
        await pullConfig(PublicKey.default);
      }
    });

    it("rejects a stale update", async () => {
      const now = await chainTime(p.ctx);
      await setPullPrice(p.ctx, update, {
        ...(await freshPrice(p.ctx)),
        feedId,
        publishTime: BigInt(now - ESCROW_TEST_PARAMS.maxPriceAgeSeconds - 1),
      });
      await rejects("StalePrice", update);
    });
  });

  it("the on-chain conversion equals a BigInt model across exponents −12…0 and decimals 0…9", async () => {
    // xorshift for reproducible inputs
    let s = 0x1234_5678_9abc_def0n;
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
    const cases: [bigint, bigint, bigint, bigint, number, number][] = [];
    for (let expo = -12; expo <= 0; expo++) {
      for (let decimals = 0; decimals <= 9; decimals += 3) {
        const price = 1n + next(40);
        cases.push([1n + next(20), 1n + next(32), price, price / 1000n, expo, decimals]);
      }
    }
    // Near the limits: huge rate and duration at a tiny price (overflow must be an error).
    cases.push([90n * 86400n, 2n ** 63n, 1n, 0n, -12, 9]);
    cases.push([60n, 1n, 2n ** 62n, 0n, 0, 0]);
    for (const [duration, rate, price, conf, expo, decimals] of cases) {
      const expected = quoteTokens(duration, rate, price, conf, expo, decimals);
      const view = p.ctx.rentalEscrow.methods
        .quote({
          durationSeconds: bn(duration),
          rateMicroUsdPerHour: bn(rate),
          price: bn(price),
          conf: bn(conf),
          expo,
          decimals,
        })
        .view();
      if (expected > 2n ** 64n - 1n) {
        await expectAnchorError(view, "MathOverflow");
      } else {
        const out = await view;
        expect(
          big(out.tokens),
          `${duration}s × ${rate} @ ${price}e${expo}, ${decimals} dec`,
        ).to.equal(expected);
      }
    }
  });

  it("a real rental converts to the same amount as the model", async () => {
    const now = await chainTime(p.ctx);
    const f = { price: 987_654_321n, conf: 1_234_567n, expo: -9, publishTime: BigInt(now) };
    await setLegacyPrice(p.ctx, e.priceAccount, f);
    const { builder, rental } = createRentalIx(e, n, renter, { durationSeconds: 5000 });
    await builder.rpc();
    const r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    expect(big(r.deposited)).to.equal(quoteTokens(5000n, 1_000_000n, f.price, f.conf, f.expo, 9));
    await advanceTo(p.ctx, now);
  });
});
