// The security catalogue's classes that apply to node_staking, each breaking
// a rule and checking the error by name and that nothing changed.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, SystemProgram, Transaction } from "@solana/web3.js";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import {
  bn,
  claimRewardsIx,
  createTier,
  delegateIx,
  ensureProtocol,
  holder,
  Holder,
  NodeHandle,
  pda,
  Protocol,
  registerNode,
  stakeIx,
  tokens,
} from "../helpers/staking";
import { createMint, fundTokenAccount } from "../helpers/tokens";
import { legacyIdlCreateInstruction } from "../helpers/transactions";

describe("node_staking: security classes", () => {
  let p: Protocol;
  let n: NodeHandle;
  let h: Holder;

  before(async () => {
    p = await ensureProtocol();
    const tierId = await createTier(p, { maxNodeStake: tokens(10_000) });
    n = await registerNode(p, tierId);
    await stakeIx(p, n, tokens(500)).rpc();
    h = await holder(p);
    await delegateIx(p, n, h, tokens(100)).rpc();
  });

  const state = () =>
    snapshot(p.ctx, [
      n.node,
      n.vault,
      n.operatorTokens,
      h.tokens,
      pda.delegation(p.ctx, n.node, h.kp.publicKey),
    ]);

  it("no legacy IDL instructions: Anchor's IDL Create is refused (IdlInstructionStub)", async () => {
    const ix = await legacyIdlCreateInstruction(p.ctx.nodeStaking.programId, p.ctx.payer.publicKey);
    const before = await snapshot(p.ctx, [ix.keys[1].pubkey, pda.config(p.ctx), n.node]);
    await expectAnchorError(
      p.ctx.provider.sendAndConfirm(new Transaction().add(ix)),
      "IdlInstructionStub",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("missing signer: a stake whose operator did not sign fails with AccountNotSigner", async () => {
    const ix = await stakeIx(p, n, tokens(1)).instruction();
    const key = ix.keys.find((k) => k.pubkey.equals(n.operator.publicKey))!;
    key.isSigner = false;
    const before = await state();
    await expectAnchorError(
      p.ctx.provider.sendAndConfirm(new Transaction().add(ix)),
      "AccountNotSigner",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("type cosplay: a Delegation passed as the Node fails with AccountDiscriminatorMismatch", async () => {
    const before = await state();
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .requestUnstake(bn(1n))
        .accountsPartial({
          operator: n.operator.publicKey,
          node: pda.delegation(p.ctx, n.node, h.kp.publicKey),
          specTier: n.tier,
        })
        .signers([n.operator])
        .rpc(),
      "AccountDiscriminatorMismatch",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("wrong token program: the System program is refused (InvalidProgramId)", async () => {
    const before = await state();
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .stake(bn(tokens(1)))
        .accountsPartial({
          operator: n.operator.publicKey,
          node: n.node,
          vault: n.vault,
          operatorTokens: n.operatorTokens,
          stakeMint: p.stakeMint,
          tokenProgram: SystemProgram.programId,
        })
        .signers([n.operator])
        .rpc(),
      "InvalidProgramId",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("wrong mint: another mint (and a token account of it) is refused (MintMismatch)", async () => {
    const otherMint = await createMint(p.ctx, 9);
    const otherTokens = await fundTokenAccount(p.ctx, otherMint, n.operator.publicKey, tokens(10));
    const before = await state();
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .stake(bn(tokens(1)))
        .accountsPartial({
          operator: n.operator.publicKey,
          node: n.node,
          vault: n.vault,
          operatorTokens: otherTokens,
          stakeMint: otherMint,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([n.operator])
        .rpc(),
      "MintMismatch",
    );
    await expectUnchanged(p.ctx, before);
  });

  for (const [label, destination, error] of [
    ["the stake mint (not a token account)", () => p.stakeMint, "AccountDidNotDeserialize"],
    ["an address with no account", () => Keypair.generate().publicKey, "AccountNotInitialized"],
    ["the node (another program's account)", () => n.node, "AccountOwnedByWrongProgram"],
  ] as const) {
    it(`a payout destination that is ${label} is refused (${error})`, async () => {
      const before = await state();
      await expectAnchorError(
        claimRewardsIx(p, n, h).accountsPartial({ destination: destination() }).rpc(),
        error,
      );
      await expectUnchanged(p.ctx, before);
    });
  }

  it("duplicate accounts: paying out into the node's own vault is refused", async () => {
    const before = await state();
    await expectAnchorError(
      claimRewardsIx(p, n, h).accountsPartial({ destination: n.vault }).rpc(),
      "DestinationIsVault",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("unexpected remaining accounts are refused", async () => {
    const before = await state();
    await expectAnchorError(
      stakeIx(p, n, tokens(1))
        .remainingAccounts([{ pubkey: h.kp.publicKey, isSigner: false, isWritable: true }])
        .rpc(),
      "UnexpectedRemainingAccounts",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("owner check: a byte-for-byte copy of a node owned by another program is refused", async function () {
    if (!p.ctx.svm) {
      // Forging an account needs LiteSVM's setAccount; a validator has no honest way to.
      this.skip();
    }
    const real = p.ctx.svm!.getAccount(n.node)!;
    const fake = Keypair.generate().publicKey;
    p.ctx.svm!.setAccount(fake, { ...real, owner: SystemProgram.programId });
    const before = await state();
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .requestUnstake(bn(1n))
        .accountsPartial({ operator: n.operator.publicKey, node: fake, specTier: n.tier })
        .signers([n.operator])
        .rpc(),
      "AccountOwnedByWrongProgram",
    );
    await expectUnchanged(p.ctx, before);
  });

  // node_staking creates Node accounts only at their PDA (register_node's
  // `init`), so owner + discriminator prove a node without re-deriving its
  // seeds; the account of another type that the program owns is refused.
  it("another node_staking account (its tier) passed as the node is refused (AccountDiscriminatorMismatch)", async () => {
    const before = await state();
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .requestUnstake(bn(1n))
        .accountsPartial({ operator: n.operator.publicKey, node: n.tier, specTier: n.tier })
        .signers([n.operator])
        .rpc(),
      "AccountDiscriminatorMismatch",
    );
    await expectUnchanged(p.ctx, before);
  });
});
