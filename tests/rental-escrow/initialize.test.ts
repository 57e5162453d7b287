// rental_escrow::initialize creates the escrow config PDA exactly once.
// One story on one chain: invalid arguments first, then creation, then a
// rejected second initialize.
import { PublicKey } from "@solana/web3.js";
import { expect } from "chai";

import {
  expectAnchorError,
  expectFailureWithLog,
  expectUnchanged,
  snapshot,
} from "../helpers/assertions";
import { createContext, TestContext } from "../helpers/context";
import { createMint } from "../helpers/tokens";

function escrowConfigPda(ctx: TestContext): [PublicKey, number] {
  const seed = ctx.rentalEscrow.idl.constants.find((c) => c.name === "escrowConfigSeed");
  expect(seed, "ESCROW_CONFIG_SEED constant in the IDL").to.not.equal(undefined);
  return PublicKey.findProgramAddressSync(
    [Buffer.from(JSON.parse(seed!.value) as number[])],
    ctx.rentalEscrow.programId,
  );
}

describe("rental_escrow: initialize", () => {
  let ctx: TestContext;
  let paymentMint: PublicKey;
  let config: PublicKey;
  let bump: number;

  before(async () => {
    ctx = await createContext();
    paymentMint = await createMint(ctx, 6);
    [config, bump] = escrowConfigPda(ctx);
  });

  const initialize = (maxPriceAgeSeconds: number | null, maxConfidenceBps: number | null) =>
    ctx.rentalEscrow.methods
      .initialize({
        nodeStakingProgram: ctx.nodeStaking.programId,
        maxPriceAgeSeconds,
        maxConfidenceBps,
      })
      .accounts({ admin: ctx.payer.publicKey, paymentMint });

  for (const [label, age, bps, error] of [
    ["a zero price age", 0, null, "InvalidMaxPriceAge"],
    ["a price age over one hour", 3601, null, "InvalidMaxPriceAge"],
    ["a zero confidence bound", null, 0, "InvalidMaxConfidence"],
    ["a confidence bound over 100 %", null, 10_001, "InvalidMaxConfidence"],
  ] as const) {
    it(`rejects ${label} with ${error} and creates nothing`, async () => {
      const before = await snapshot(ctx, [config]);
      await expectAnchorError(initialize(age, bps).rpc(), error);
      await expectUnchanged(ctx, before);
    });
  }

  it("creates the escrow config with every field set", async () => {
    await initialize(null, 150).rpc();
    const cfg = await ctx.rentalEscrow.account.escrowConfig.fetch(config);
    expect(cfg.admin.toBase58()).to.equal(ctx.payer.publicKey.toBase58());
    expect(cfg.paymentMint.toBase58()).to.equal(paymentMint.toBase58());
    expect(cfg.nodeStakingProgram.toBase58()).to.equal(ctx.nodeStaking.programId.toBase58());
    expect(cfg.maxPriceAgeSeconds).to.equal(60);
    expect(cfg.maxConfidenceBps).to.equal(150);
    expect(cfg.paused).to.equal(false);
    expect(cfg.bump).to.equal(bump);
    expect(cfg.reserved).to.deep.equal(new Array(64).fill(0));
  });

  it("rejects a second initialize and leaves the config unchanged", async () => {
    const before = await snapshot(ctx, [config]);
    await expectFailureWithLog(
      initialize(10, null).rpc(),
      `Allocate: account Address { address: ${config.toBase58()}, base: None } already in use`,
    );
    await expectUnchanged(ctx, before);
  });
});
