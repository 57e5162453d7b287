// The security catalogue's classes that apply to rental_escrow.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram } from "@solana/web3.js";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import {
  createRentalIx,
  ensureEscrow,
  Escrow,
  freshPrice,
  setLegacyPrice,
} from "../helpers/escrow";
import {
  advanceTo,
  createTier,
  ensureProtocol,
  holder,
  Holder,
  NodeHandle,
  Protocol,
  registerNode,
  stakeIx,
  tokens,
} from "../helpers/staking";
import { fundTokenAccount } from "../helpers/tokens";

describe("rental_escrow: security classes", () => {
  let p: Protocol;
  let e: Escrow;
  let n: NodeHandle;
  let renter: Holder;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
    const tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
    n = await registerNode(p, tierId, { priceMicroUsd: 3_600_000n });
    await stakeIx(p, n, tokens(100)).rpc();
    renter = await holder(p);
  });

  async function rent(durationSeconds = 600) {
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const leg = createRentalIx(e, n, renter, { durationSeconds });
    await leg.builder.rpc();
    return leg;
  }

  const claim = (rental: PublicKey, vault: PublicKey, treasury = e.treasury) =>
    p.ctx.rentalEscrow.methods
      .claim()
      .accountsPartial({
        provider: n.operator.publicKey,
        rental,
        vault,
        providerTokens: n.operatorTokens,
        treasury,
        paymentMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([n.operator]);

  it("wrong vault: another rental's vault is refused (WrongVault)", async () => {
    const a = await rent();
    const b = await rent();
    const before = await snapshot(p.ctx, [a.rental, a.vault, b.vault]);
    await expectAnchorError(claim(a.rental, b.vault).rpc(), "WrongVault");
    await expectUnchanged(p.ctx, before);
  });

  it("wrong treasury: a token account other than the configured treasury is refused", async () => {
    const a = await rent();
    const fake = await fundTokenAccount(p.ctx, p.stakeMint, Keypair.generate().publicKey, 0n);
    const before = await snapshot(p.ctx, [a.rental, a.vault, fake]);
    await expectAnchorError(claim(a.rental, a.vault, fake).rpc(), "WrongTreasury");
    await expectUnchanged(p.ctx, before);
  });

  it("closed-account reuse: a closed rental cannot be claimed again", async () => {
    const a = await rent(60);
    const r = await p.ctx.rentalEscrow.account.rental.fetch(a.rental);
    await advanceTo(p.ctx, r.endTs.toNumber());
    await p.ctx.rentalEscrow.methods
      .closeRental()
      .accountsPartial({
        closer: renter.kp.publicKey,
        rental: a.rental,
        renter: renter.kp.publicKey,
        vault: a.vault,
        providerTokens: n.operatorTokens,
        renterTokens: renter.tokens,
        treasury: e.treasury,
        paymentMint: p.stakeMint,
        node: n.node,
        stakingConfig: p.config,
        rentalAuthority: e.rentalAuthority,
        nodeStakingProgram: p.ctx.nodeStaking.programId,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([renter.kp])
      .rpc();
    await expectAnchorError(claim(a.rental, a.vault).rpc(), "AccountNotInitialized");
  });

  it("unexpected remaining accounts are refused", async () => {
    const a = await rent();
    const before = await snapshot(p.ctx, [a.rental, a.vault]);
    await expectAnchorError(
      claim(a.rental, a.vault)
        .remainingAccounts([{ pubkey: renter.kp.publicKey, isSigner: false, isWritable: true }])
        .rpc(),
      "UnexpectedRemainingAccounts",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("arbitrary CPI: a program other than node_staking is refused", async () => {
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const leg = createRentalIx(e, n, renter, { durationSeconds: 600 });
    const before = await snapshot(p.ctx, [leg.rental, n.node, renter.tokens]);
    await expectAnchorError(
      leg.builder.accountsPartial({ nodeStakingProgram: p.ctx.probe.programId }).rpc(),
      "InvalidProgramId",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("owner check: a forged node owned by another program is refused", async function () {
    if (!p.ctx.svm) this.skip(); // forging needs LiteSVM's setAccount
    const real = p.ctx.svm!.getAccount(n.node)!;
    const fake = Keypair.generate().publicKey;
    p.ctx.svm!.setAccount(fake, { ...real, owner: SystemProgram.programId });
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const leg = createRentalIx(e, n, renter, { durationSeconds: 600 });
    const before = await snapshot(p.ctx, [leg.rental, renter.tokens]);
    await expectAnchorError(
      leg.builder.accountsPartial({ node: fake }).rpc(),
      "AccountOwnedByWrongProgram",
    );
    await expectUnchanged(p.ctx, before);
  });
});
