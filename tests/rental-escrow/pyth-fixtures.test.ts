// The Pyth fixture writers produce bytes that the reference decoders read
// back: @pythnetwork/client `parsePriceData` for the legacy v2 price account,
// and Anchor's borsh account coder (with a hand-written IDL of the receiver's
// PriceUpdateV2) for the pull-oracle account. Pure byte tests, no chain.
import { BorshAccountsCoder, Idl } from "@coral-xyz/anchor";
import { parsePriceData, PriceStatus, Magic, Version2, AccountType } from "@pythnetwork/client";
import { PublicKey } from "@solana/web3.js";
import { expect } from "chai";
import { createHash } from "crypto";

import {
  encodePriceUpdateV2,
  encodePythLegacyPrice,
  PRICE_UPDATE_V2_DISCRIMINATOR,
  PRICE_UPDATE_V2_LEN,
  PYTH_LEGACY_OFFSETS,
  PYTH_LEGACY_PRICE_ACCOUNT_SIZE,
  PYTH_RECEIVER_PROGRAM_ID,
  PythPriceFixture,
} from "../helpers/pyth";
import { fixtureWriteIx } from "../helpers/escrow";

const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;

/**
 * First 240 bytes of encodePythLegacyPrice(GOLDEN_FIXTURE). The same hex is
 * pinned in programs/rental-escrow/src/oracle.rs (TS_LEGACY_GOLDEN_HEX) and
 * parsed there by `parse_pyth_legacy`, so both sides agree on the layout.
 */
const GOLDEN_FIXTURE: PythPriceFixture = {
  price: 6_512_345_678n,
  conf: 1_234_567n,
  expo: -8,
  publishTime: 1_700_000_123n,
  status: "trading",
};
const GOLDEN_HEX =
  "d4c3b2a10200000003000000f00c000001000000f8ffffff00000000000000000000000000000000" +
  "00000000000000004e822a84010000004e822a8401000000010000000000000087d6120000000000" +
  "87d612000000000001000000000000007bf153650000000001000000000000000000000000000000" +
  "00000000000000000000000000000000000000000000000000000000000000000000000000000000" +
  "0000000000000000000000000000000000000000000000004e822a840100000087d6120000000000" +
  "7bf15365000000004e822a840100000087d612000000000001000000000000000000000000000000";

/** Minimal IDL of the Pyth receiver's PriceUpdateV2 account (borsh layout). */
const RECEIVER_IDL = {
  address: PYTH_RECEIVER_PROGRAM_ID.toBase58(),
  metadata: { name: "pythSolanaReceiver", version: "0.1.0", spec: "0.1.0" },
  instructions: [],
  accounts: [{ name: "PriceUpdateV2", discriminator: [34, 241, 35, 99, 157, 126, 244, 205] }],
  types: [
    {
      name: "PriceUpdateV2",
      type: {
        kind: "struct",
        fields: [
          { name: "writeAuthority", type: "pubkey" },
          { name: "verificationLevel", type: { defined: { name: "VerificationLevel" } } },
          { name: "priceMessage", type: { defined: { name: "PriceFeedMessage" } } },
          { name: "postedSlot", type: "u64" },
        ],
      },
    },
    {
      name: "VerificationLevel",
      type: {
        kind: "enum",
        variants: [
          { name: "Partial", fields: [{ name: "numSignatures", type: "u8" }] },
          { name: "Full" },
        ],
      },
    },
    {
      name: "PriceFeedMessage",
      type: {
        kind: "struct",
        fields: [
          { name: "feedId", type: { array: ["u8", 32] } },
          { name: "price", type: "i64" },
          { name: "conf", type: "u64" },
          { name: "exponent", type: "i32" },
          { name: "publishTime", type: "i64" },
          { name: "prevPublishTime", type: "i64" },
          { name: "emaPrice", type: "i64" },
          { name: "emaConf", type: "u64" },
        ],
      },
    },
  ],
} as unknown as Idl;

function expectLegacyRoundTrip(f: PythPriceFixture, product?: PublicKey): void {
  const data = encodePythLegacyPrice(f, product);
  expect(data.length).to.equal(PYTH_LEGACY_PRICE_ACCOUNT_SIZE);
  const parsed = parsePriceData(data);
  const label = `price=${f.price} conf=${f.conf} expo=${f.expo}`;
  expect(parsed.magic, label).to.equal(Magic);
  expect(parsed.version, label).to.equal(Version2);
  expect(parsed.type, label).to.equal(AccountType.Price);
  expect(parsed.size, label).to.equal(PYTH_LEGACY_PRICE_ACCOUNT_SIZE);
  expect(parsed.exponent, label).to.equal(f.expo);
  expect(parsed.aggregate.priceComponent, label).to.equal(f.price);
  expect(parsed.aggregate.confidenceComponent, label).to.equal(f.conf);
  expect(parsed.timestamp, label).to.equal(f.publishTime);
  expect(parsed.numComponentPrices, label).to.equal(0);
  expect(parsed.priceComponents, label).to.deep.equal([]);
  expect(parsed.productAccountKey.equals(product ?? PublicKey.default), label).to.equal(true);
  expect(parsed.nextPriceAccountKey, label).to.equal(null);

  const wantStatus = {
    trading: PriceStatus.Trading,
    unknown: PriceStatus.Unknown,
    halted: PriceStatus.Halted,
  }[f.status ?? "trading"];
  expect(parsed.status, label).to.equal(wantStatus);
  expect(parsed.aggregate.status, label).to.equal(wantStatus);
  if (wantStatus === PriceStatus.Trading) {
    // parsePriceData exposes the float price only while Trading.
    const scale = Math.pow(10, f.expo);
    expect(parsed.price, label).to.be.closeTo(
      Number(f.price) * scale,
      Math.abs(Number(f.price) * scale) * 1e-12,
    );
    expect(parsed.confidence, label).to.be.closeTo(
      Number(f.conf) * scale,
      Number(f.conf) * scale * 1e-12,
    );
  } else {
    expect(parsed.price, label).to.equal(undefined);
    expect(parsed.confidence, label).to.equal(undefined);
  }
}

describe("rental_escrow: Pyth fixture encoders", () => {
  describe("fixtureWriteIx (the Pyth stand-in's one instruction)", () => {
    it("encodes a u32 LE offset followed by the bytes, for one writable account", () => {
      const account = new PublicKey("AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE");
      const ix = fixtureWriteIx(
        PYTH_RECEIVER_PROGRAM_ID,
        account,
        0x0102_0304,
        Buffer.from([9, 8, 7]),
      );
      expect(ix.programId.equals(PYTH_RECEIVER_PROGRAM_ID)).to.equal(true);
      expect(ix.data.toString("hex")).to.equal("04030201" + "090807");
      expect(ix.keys).to.deep.equal([{ pubkey: account, isSigner: false, isWritable: true }]);
    });
  });

  describe("encodePythLegacyPrice", () => {
    it("round-trips through parsePriceData for exponents -12..0", () => {
      for (let expo = -12; expo <= 0; expo++) {
        for (const [price, conf] of [
          [1n, 0n],
          [6_512_345_678n, 1_234_567n],
          [100_000_000n, 99_999_999n],
          [987_654_321_012_345n, 42n],
        ] as const) {
          expectLegacyRoundTrip({ price, conf, expo, publishTime: 1_700_000_000n + BigInt(expo) });
        }
      }
    });

    it("carries non-trading statuses (unknown, halted)", () => {
      for (const status of ["unknown", "halted"] as const) {
        expectLegacyRoundTrip({
          price: 15_000_000_000n,
          conf: 7_500_000n,
          expo: -8,
          publishTime: 1_700_000_000n,
          status,
        });
      }
    });

    it("carries the product key, positive exponents and extreme values", () => {
      const product = new PublicKey("H2NUcPQMPgYYhbzY8toBq5Nq1uZDaVunoSjzZBhGEA6e");
      expectLegacyRoundTrip({ price: 12_345n, conf: 6n, expo: -5, publishTime: 0n }, product);
      expectLegacyRoundTrip({ price: 3n, conf: 1n, expo: 6, publishTime: 1n });
      expectLegacyRoundTrip({ price: I64_MAX, conf: U64_MAX, expo: -18, publishTime: I64_MAX });
      expectLegacyRoundTrip({ price: I64_MIN, conf: 0n, expo: -8, publishTime: I64_MIN });
      expectLegacyRoundTrip({ price: -1n, conf: 0n, expo: 0, publishTime: -1n, status: "halted" });
    });

    it("writes the publish slot that parsePriceData(data, currentSlot) checks", () => {
      const f = { ...GOLDEN_FIXTURE, publishSlot: 1_000n };
      const data = encodePythLegacyPrice(f);
      expect(parsePriceData(data, 1_025).status).to.equal(PriceStatus.Trading);
      expect(parsePriceData(data, 1_026).status).to.equal(PriceStatus.Unknown);
      expect(parsePriceData(data).aggregate.publishSlot).to.equal(1_000);
      expect(parsePriceData(data).validSlot).to.equal(1_000n);
    });

    it("writes the EMA price that oracle.rs reads at offset 48 (default: the spot price)", () => {
      const spot = parsePriceData(encodePythLegacyPrice(GOLDEN_FIXTURE));
      expect(spot.emaPrice.valueComponent).to.equal(GOLDEN_FIXTURE.price);
      const data = encodePythLegacyPrice({ ...GOLDEN_FIXTURE, emaPrice: 6_000_000_000n });
      const parsed = parsePriceData(data);
      expect(parsed.emaPrice.valueComponent).to.equal(6_000_000_000n);
      expect(parsed.emaPrice.numerator).to.equal(6_000_000_000n);
      expect(parsed.emaPrice.denominator).to.equal(1n);
      expect(data.readBigInt64LE(PYTH_LEGACY_OFFSETS.emaPrice)).to.equal(6_000_000_000n);
      // The aggregate is untouched by the EMA.
      expect(parsed.aggregate.priceComponent).to.equal(GOLDEN_FIXTURE.price);
    });

    it("writes the aggregate publish slot at offset 232 (oracle.rs's slot staleness check)", () => {
      const data = encodePythLegacyPrice({ ...GOLDEN_FIXTURE, publishSlot: 123_456_789n });
      expect(data.readBigUInt64LE(PYTH_LEGACY_OFFSETS.aggregatePublishSlot)).to.equal(123_456_789n);
      expect(parsePriceData(data).aggregate.publishSlot).to.equal(123_456_789);
    });

    it("puts the fields at the offsets oracle.rs reads", () => {
      const data = encodePythLegacyPrice(GOLDEN_FIXTURE);
      const o = PYTH_LEGACY_OFFSETS;
      expect(data.readUInt32LE(0)).to.equal(0xa1b2c3d4);
      expect(data.readInt32LE(o.exponent)).to.equal(-8);
      expect(data.readBigInt64LE(o.timestamp)).to.equal(GOLDEN_FIXTURE.publishTime);
      expect(data.readBigInt64LE(208)).to.equal(GOLDEN_FIXTURE.price);
      expect(data.readBigUInt64LE(216)).to.equal(GOLDEN_FIXTURE.conf);
      expect(data.readUInt32LE(224)).to.equal(1);
      expect(data.subarray(0, 240).toString("hex")).to.equal(GOLDEN_HEX);
      expect(
        data.subarray(240).equals(Buffer.alloc(PYTH_LEGACY_PRICE_ACCOUNT_SIZE - 240)),
      ).to.equal(true);
    });
  });

  describe("encodePriceUpdateV2", () => {
    const coder = new BorshAccountsCoder(RECEIVER_IDL);
    const feedId = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1));
    const writeAuthority = new PublicKey("AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE");

    it("uses the receiver program id and the Anchor discriminator of PriceUpdateV2", () => {
      expect(PYTH_RECEIVER_PROGRAM_ID.toBase58()).to.equal(
        "rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ",
      );
      const sha = createHash("sha256").update("account:PriceUpdateV2").digest();
      expect(PRICE_UPDATE_V2_DISCRIMINATOR.equals(sha.subarray(0, 8))).to.equal(true);
    });

    it("decodes with the borsh coder (Full verification)", () => {
      const data = encodePriceUpdateV2({
        price: 15_034_567_891n,
        conf: 12_345_678n,
        expo: -8,
        publishTime: 1_700_000_321n,
        feedId,
        writeAuthority,
        postedSlot: 987_654n,
      });
      expect(data.length).to.equal(PRICE_UPDATE_V2_LEN);
      const acc = coder.decode("PriceUpdateV2", data);
      expect(acc.writeAuthority.equals(writeAuthority)).to.equal(true);
      expect(Object.keys(acc.verificationLevel)).to.deep.equal(["Full"]);
      expect(Buffer.from(acc.priceMessage.feedId).equals(feedId)).to.equal(true);
      expect(acc.priceMessage.price.toString()).to.equal("15034567891");
      expect(acc.priceMessage.conf.toString()).to.equal("12345678");
      expect(acc.priceMessage.exponent).to.equal(-8);
      expect(acc.priceMessage.publishTime.toString()).to.equal("1700000321");
      expect(acc.priceMessage.prevPublishTime.toString()).to.equal("1700000320");
      expect(acc.postedSlot.toString()).to.equal("987654");
      // The offsets oracle.rs reads for Full: feed 41, price 73, conf 81, expo 89, publish 93.
      expect(data.readUInt8(40)).to.equal(1);
      expect(data.subarray(41, 73).equals(feedId)).to.equal(true);
      expect(data.readBigInt64LE(73)).to.equal(15_034_567_891n);
      expect(data.readBigUInt64LE(81)).to.equal(12_345_678n);
      expect(data.readInt32LE(89)).to.equal(-8);
      expect(data.readBigInt64LE(93)).to.equal(1_700_000_321n);
      expect(data.readBigUInt64LE(125)).to.equal(987_654n);
    });

    it("decodes with the borsh coder (Partial verification, extreme values)", () => {
      const data = encodePriceUpdateV2({
        price: I64_MIN,
        conf: U64_MAX,
        expo: -12,
        publishTime: I64_MAX,
        feedId,
        verification: "partial",
        numSignatures: 7,
      });
      expect(data.length).to.equal(PRICE_UPDATE_V2_LEN);
      const acc = coder.decode("PriceUpdateV2", data);
      expect(acc.writeAuthority.equals(PublicKey.default)).to.equal(true);
      expect(Object.keys(acc.verificationLevel)).to.deep.equal(["Partial"]);
      expect(acc.verificationLevel.Partial.numSignatures).to.equal(7);
      expect(acc.priceMessage.price.toString()).to.equal(I64_MIN.toString());
      expect(acc.priceMessage.conf.toString()).to.equal(U64_MAX.toString());
      expect(acc.priceMessage.exponent).to.equal(-12);
      expect(acc.priceMessage.publishTime.toString()).to.equal(I64_MAX.toString());
      expect(acc.postedSlot.toString()).to.equal("0");
    });

    it("writes the EMA price at offset 109 (default: the spot price)", () => {
      const f = { price: 15_034_567_891n, conf: 1n, expo: -8, publishTime: 1_700_000_321n, feedId };
      expect(
        coder.decode("PriceUpdateV2", encodePriceUpdateV2(f)).priceMessage.emaPrice.toString(),
      ).to.equal("15034567891");
      const data = encodePriceUpdateV2({ ...f, emaPrice: 14_000_000_000n });
      expect(coder.decode("PriceUpdateV2", data).priceMessage.emaPrice.toString()).to.equal(
        "14000000000",
      );
      expect(data.readBigInt64LE(109)).to.equal(14_000_000_000n);
    });

    it("rejects a feed id that is not 32 bytes", () => {
      expect(() =>
        encodePriceUpdateV2({
          price: 1n,
          conf: 0n,
          expo: 0,
          publishTime: 0n,
          feedId: Buffer.alloc(31),
        }),
      ).to.throw("feedId must be 32 bytes");
    });
  });
});
