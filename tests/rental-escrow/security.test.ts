// The security catalogue's classes that apply to rental_escrow: every
// instruction that takes a vault, the treasury, the payment mint, token
// accounts, the token program, the node or node_staking refuses a
// substitute, by name, and changes nothing; closed accounts cannot be
// reused; remaining accounts, foreign programs and forged owners are refused.
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { expect } from "chai";
import { Keypair, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import {
  cancelIx,
  claimIx,
  closeIx,
  createRentalIx,
  ensureEscrow,
  Escrow,
  extendIx,
  fetchRental,
  INTO,
  openDisputeIx,
  rent,
  RENTAL,
  RentalRef,
  resolveIx,
  setFreshPrice,
} from "../helpers/escrow";
import {
  advanceTo,
  createTier,
  ensureProtocol,
  holder,
  Holder,
  independently,
  NodeHandle,
  pda,
  Protocol,
  registerNode,
  tokens,
} from "../helpers/staking";
import { createMint, fundTokenAccount } from "../helpers/tokens";
import { legacyIdlCreateInstruction } from "../helpers/transactions";

type Overrides = Record<string, PublicKey | null>;

describe("rental_escrow: security classes", () => {
  let p: Protocol;
  let e: Escrow;
  let n: NodeHandle;
  let other: NodeHandle;
  let renter: Holder;
  let stranger: Holder;
  let otherMint: PublicKey;
  let renterOtherMint: PublicKey;
  let providerOtherMint: PublicKey;
  let fakeTreasury: PublicKey;
  let otherTier: PublicKey;
  /** Another rental of the same renter: its vault is the substitute. */
  let decoy: RentalRef;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
    const tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
    const rentable = () =>
      registerNode(p, tierId, { priceMicroUsd: 3_600_000n, stake: tokens(100) });
    let otherTierId: number;
    [n, other, renter, stranger, otherMint, fakeTreasury, otherTierId] = await independently(
      p.ctx,
      rentable,
      rentable,
      () => holder(p),
      () => holder(p),
      () => createMint(p.ctx, 9),
      () => fundTokenAccount(p.ctx, p.stakeMint, Keypair.generate().publicKey, 0n),
      () => createTier(p, { maxNodeStake: tokens(100_000) }),
    );
    otherTier = pda.tier(p.ctx, otherTierId);
    [renterOtherMint, providerOtherMint] = await independently(
      p.ctx,
      () => fundTokenAccount(p.ctx, otherMint, renter.kp.publicKey, tokens(1000)),
      () => fundTokenAccount(p.ctx, otherMint, n.operator.publicKey, 0n),
      () => setFreshPrice(e),
    );
    decoy = await rent(e, n, renter, { durationSeconds: 3600 });
  });

  async function rentNow(durationSeconds = 600): Promise<RentalRef> {
    await setFreshPrice(e);
    return rent(e, n, renter, { durationSeconds });
  }

  const state = (ref: RentalRef) =>
    snapshot(p.ctx, [
      ref.rental,
      ref.vault,
      decoy.vault,
      n.node,
      other.node,
      renter.tokens,
      stranger.tokens,
      n.operatorTokens,
      e.treasury,
      fakeTreasury,
    ]);

  /** A substitute account (built once the suite's accounts exist), and the error it must raise. */
  type Case = [label: string, overrides: (ref: RentalRef) => Overrides, error: string];

  /** One `it` per case against `build` on the rental `setup` returns. */
  function substitutions(
    instruction: string,
    setup: () => Promise<RentalRef>,
    build: (ref: RentalRef) => { accountsPartial(o: Overrides): { rpc(): Promise<string> } },
    cases: Case[],
  ) {
    describe(instruction, () => {
      let ref: RentalRef;
      before(async () => {
        ref = await setup();
      });
      for (const [label, overrides, error] of cases) {
        it(`${label} is refused (${error}) and nothing changes`, async () => {
          const before = await state(ref);
          await expectAnchorError(build(ref).accountsPartial(overrides(ref)).rpc(), error);
          await expectUnchanged(p.ctx, before);
        });
      }
    });
  }

  const vault: Case = ["another rental's vault", () => ({ vault: decoy.vault }), "WrongVault"];
  const node: Case = ["another node", () => ({ node: other.node }), "WrongNode"];
  const treasury: Case = [
    "a treasury other than the configured one",
    () => ({ treasury: fakeTreasury }),
    "WrongTreasury",
  ];
  const mint: Case = ["another payment mint", () => ({ paymentMint: otherMint }), "MintMismatch"];
  const providerMint: Case = [
    "a provider account of another mint",
    () => ({ providerTokens: providerOtherMint }),
    "MintMismatch",
  ];
  const renterMint: Case = [
    "a renter account of another mint",
    () => ({ renterTokens: renterOtherMint }),
    "MintMismatch",
  ];
  const providerOwner: Case = [
    "a provider account someone else owns",
    () => ({ providerTokens: stranger.tokens }),
    "WrongProvider",
  ];
  const renterOwner: Case = [
    "a renter account someone else owns",
    () => ({ renterTokens: stranger.tokens }),
    "DestinationMismatch",
  ];
  const tokenProgram: Case = [
    "Token-2022 instead of the payment mint's token program",
    () => ({ tokenProgram: TOKEN_2022_PROGRAM_ID }),
    "TokenProgramMismatch",
  ];
  const stakingProgram: Case = [
    "a program other than node_staking",
    () => ({ nodeStakingProgram: SystemProgram.programId }),
    "InvalidProgramId",
  ];
  const rentalAuthority: Case = [
    "an account other than the rental authority PDA",
    () => ({ rentalAuthority: stranger.kp.publicKey }),
    "WrongRentalAuthority",
  ];

  substitutions(
    "claim",
    async () => {
      const ref = await rentNow();
      await advanceTo(p.ctx, (await fetchRental(e, ref)).startTs.toNumber() + INTO);
      return ref;
    },
    (ref) => claimIx(e, ref),
    [
      vault,
      mint,
      providerMint,
      [
        "the rental's own vault as the payout account",
        (ref) => ({ providerTokens: ref.vault }),
        "DestinationMismatch",
      ],
      tokenProgram,
    ],
  );

  substitutions(
    "cancel_rental",
    () => rentNow(),
    (ref) => cancelIx(e, ref),
    [
      vault,
      node,
      mint,
      renterMint,
      [
        "the rental's own vault as the refund account",
        (ref) => ({ renterTokens: ref.vault }),
        "DestinationMismatch",
      ],
      tokenProgram,
      stakingProgram,
      rentalAuthority,
    ],
  );

  substitutions(
    "extend_rental",
    () => rentNow(),
    (ref) => extendIx(e, ref, { extraSeconds: 600 }),
    [
      vault,
      node,
      mint,
      renterMint,
      [
        "the rental's own vault as the paying account",
        (ref) => ({ renterTokens: ref.vault }),
        "DestinationMismatch",
      ],
      tokenProgram,
      ["another tier than the node's", () => ({ stakingSpecTier: otherTier }), "WrongNode"],
      [
        "a node_staking account that is not its Config",
        () => ({ stakingConfig: n.tier }),
        "AccountDiscriminatorMismatch",
      ],
    ],
  );

  substitutions(
    "close_rental",
    async () => {
      const ref = await rentNow(RENTAL.ENDS);
      await advanceTo(p.ctx, (await fetchRental(e, ref)).endTs.toNumber());
      return ref;
    },
    (ref) => closeIx(e, ref),
    [
      vault,
      node,
      treasury,
      mint,
      providerMint,
      renterMint,
      providerOwner,
      renterOwner,
      [
        "the payment mint itself as the provider's account",
        () => ({ providerTokens: p.stakeMint }),
        "AccountDidNotDeserialize",
      ],
      [
        "a renter account that does not exist",
        () => ({ renterTokens: Keypair.generate().publicKey }),
        "AccountNotInitialized",
      ],
      [
        "a rent receiver other than the renter",
        () => ({ renter: stranger.kp.publicKey }),
        "NotRenter",
      ],
      tokenProgram,
      stakingProgram,
      rentalAuthority,
    ],
  );

  substitutions(
    "resolve_dispute",
    async () => {
      const ref = await rentNow();
      await openDisputeIx(e, ref).rpc();
      return ref;
    },
    (ref) => resolveIx(e, ref, { refundBps: 0 }),
    [
      vault,
      node,
      treasury,
      mint,
      providerMint,
      renterMint,
      providerOwner,
      renterOwner,
      tokenProgram,
      stakingProgram,
      rentalAuthority,
    ],
  );

  describe("create_rental", () => {
    const leg = () => createRentalIx(e, n, renter, { durationSeconds: 600 });

    for (const [label, overrides, error] of [
      ["another payment mint", () => ({ paymentMint: otherMint }), "MintMismatch"],
      [
        "a renter account of another mint",
        () => ({ renterTokens: renterOtherMint }),
        "MintMismatch",
      ],
      [
        "a renter token account that does not exist",
        () => ({ renterTokens: Keypair.generate().publicKey }),
        "AccountNotInitialized",
      ],
      [
        "a renter token account owned by another program (the node)",
        () => ({ renterTokens: n.node }),
        "AccountOwnedByWrongProgram",
      ],
      [
        "a program other than node_staking",
        () => ({ nodeStakingProgram: p.ctx.probe.programId }),
        "InvalidProgramId",
      ],
      [
        "another tier than the node's (node_staking's tier check, through the CPI)",
        () => ({ stakingSpecTier: otherTier }),
        "TierMismatch",
      ],
      [
        "an account other than the rental authority PDA",
        () => ({ rentalAuthority: stranger.kp.publicKey }),
        "WrongRentalAuthority",
      ],
      [
        "a rental address other than the PDA of the renter and id",
        () => ({ rental: Keypair.generate().publicKey }),
        "WrongRentalAddress",
      ],
      [
        "a vault address other than the rental's vault PDA",
        () => ({ vault: Keypair.generate().publicKey }),
        "WrongVault",
      ],
      [
        "Token-2022 instead of the payment mint's token program",
        () => ({ tokenProgram: TOKEN_2022_PROGRAM_ID }),
        "TokenProgramMismatch",
      ],
    ] as const) {
      it(`${label} is refused (${error}) and nothing changes`, async () => {
        await setFreshPrice(e);
        const l = leg();
        const before = await snapshot(p.ctx, [l.rental, l.vault, n.node, renter.tokens]);
        await expectAnchorError(l.builder.accountsPartial(overrides()).rpc(), error);
        await expectUnchanged(p.ctx, before);
      });
    }

    // create_rental creates the rental and the vault itself (not with
    // Anchor's init): lamports sent to their addresses beforehand must not
    // block it (top-up, allocate, assign, as init does).
    it("lamports sent to the rental's and the vault's addresses beforehand do not block the rental", async () => {
      await setFreshPrice(e);
      const l = leg();
      await p.ctx.provider.sendAndConfirm(
        new Transaction().add(
          SystemProgram.transfer({
            fromPubkey: p.ctx.payer.publicKey,
            toPubkey: l.rental,
            lamports: 1_000_000,
          }),
          SystemProgram.transfer({
            fromPubkey: p.ctx.payer.publicKey,
            toPubkey: l.vault,
            lamports: 10_000_000_000,
          }),
        ),
      );
      await l.builder.rpc();
      const r = await fetchRental(e, { rental: l.rental });
      expect(r.vault.equals(l.vault)).to.equal(true);
      const vault = await p.ctx.connection.getAccountInfo(l.vault);
      expect(vault!.owner.equals(TOKEN_PROGRAM_ID)).to.equal(true);
      expect(vault!.lamports).to.equal(10_000_000_000);
    });

    it("a forged node owned by another program is refused (AccountOwnedByWrongProgram)", async function () {
      if (!p.ctx.svm) this.skip(); // forging needs LiteSVM's setAccount
      const real = p.ctx.svm!.getAccount(n.node)!;
      const fake = Keypair.generate().publicKey;
      p.ctx.svm!.setAccount(fake, { ...real, owner: SystemProgram.programId });
      await setFreshPrice(e);
      const l = leg();
      const before = await snapshot(p.ctx, [l.rental, renter.tokens]);
      await expectAnchorError(
        l.builder.accountsPartial({ node: fake }).rpc(),
        "AccountOwnedByWrongProgram",
      );
      await expectUnchanged(p.ctx, before);
    });
  });

  // The rental instructions take the config by owner and discriminator
  // (`initialize` creates the only one, at its PDA; no seeds re-derived):
  // another account of this program in its place is refused by name.
  it("no legacy IDL instructions: Anchor's IDL Create is refused (IdlInstructionStub)", async () => {
    const ix = await legacyIdlCreateInstruction(
      p.ctx.rentalEscrow.programId,
      p.ctx.payer.publicKey,
    );
    const before = await snapshot(p.ctx, [ix.keys[1].pubkey, e.config]);
    await expectAnchorError(
      p.ctx.provider.sendAndConfirm(new Transaction().add(ix)),
      "IdlInstructionStub",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("another rental_escrow account as the config is refused (AccountDiscriminatorMismatch)", async () => {
    const ref = await rentNow();
    const before = await state(ref);
    await expectAnchorError(
      cancelIx(e, ref).accountsPartial({ config: decoy.rental }).rpc(),
      "AccountDiscriminatorMismatch",
    );
    await expectUnchanged(p.ctx, before);
  });

  describe("remaining accounts (UnexpectedRemainingAccounts)", () => {
    let active: RentalRef;
    let ended: RentalRef;
    let disputed: RentalRef;
    const extra = [{ pubkey: Keypair.generate().publicKey, isSigner: false, isWritable: true }];

    before(async () => {
      active = await rentNow();
      ended = await rentNow(RENTAL.ENDS);
      disputed = await rentNow();
      await openDisputeIx(e, disputed).rpc();
      // One wait: `active` has run a while and `ended` has ended.
      await advanceTo(
        p.ctx,
        Math.max(
          (await fetchRental(e, active)).startTs.toNumber() + INTO,
          (await fetchRental(e, ended)).endTs.toNumber(),
        ),
      );
    });

    type WithRemaining = { remainingAccounts(a: typeof extra): { rpc(): Promise<string> } };
    for (const [name, target, build] of [
      [
        "create_rental",
        () => active,
        () => createRentalIx(e, n, renter, { durationSeconds: 600 }).builder,
      ],
      ["claim", () => active, () => claimIx(e, active)],
      ["cancel_rental", () => active, () => cancelIx(e, active)],
      ["extend_rental", () => active, () => extendIx(e, active, { extraSeconds: 600 })],
      ["open_dispute", () => active, () => openDisputeIx(e, active)],
      ["close_rental", () => ended, () => closeIx(e, ended)],
      ["resolve_dispute", () => disputed, () => resolveIx(e, disputed, { refundBps: 0 })],
    ] as [string, () => RentalRef, () => unknown][]) {
      it(`${name} refuses an extra account and changes nothing`, async () => {
        await setFreshPrice(e);
        const before = await state(target());
        await expectAnchorError(
          (build() as WithRemaining).remainingAccounts(extra).rpc(),
          "UnexpectedRemainingAccounts",
        );
        await expectUnchanged(p.ctx, before);
      });
    }
  });

  it("closed-account reuse: a closed rental cannot be claimed again (AccountNotInitialized)", async () => {
    const ref = await rentNow(RENTAL.ENDS);
    await advanceTo(p.ctx, (await fetchRental(e, ref)).endTs.toNumber());
    await closeIx(e, ref).rpc();
    await expectAnchorError(claimIx(e, ref).rpc(), "AccountNotInitialized");
  });
});
