// Regression tests for what the invariant fuzzer (tests/fuzz, issue 13) and
// its reference model turned up, one `describe` per finding (the table in
// tests/fuzz/README.md). Each asserts the documented behaviour and failed
// before the program was fixed. Runs on both backends (no clock warps).
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import {
  ensureEscrow,
  Escrow,
  extendIx,
  fetchRental,
  rent,
  setFreshPrice,
} from "../helpers/escrow";
import {
  claimRewardsIx,
  createTier,
  delegateIx,
  ensureProtocol,
  holder,
  pda,
  Protocol,
  refreshIx,
  registerNode,
  setPausedIx,
  stakeIx,
  tokens,
  updateTierIx,
} from "../helpers/staking";

describe("fuzz findings: regressions", () => {
  let p: Protocol;
  let e: Escrow;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
  });

  describe("F-1: extend_rental judges the node by a stale stored status", () => {
    // SECURITY.md rental_escrow 7: "Extend ... checks the node as node_staking
    // does (Active, stake at or above the minimum, protocol not paused)", and
    // node_staking 7: a changed minimum is applied lazily, lock_node
    // re-evaluating the node first. extend_rental instead requires the
    // *stored* status to be Active, so after a tier minimum is raised (the
    // node stored Pending by refresh_node) and lowered again, the node is
    // rentable for create_rental (lock_node re-evaluates it) but every
    // extension is refused with NodeNotRentable until someone calls
    // refresh_node.
    it("a node back above a lowered minimum can be extended as it can be rented", async () => {
      const tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
      const tier = pda.tier(p.ctx, tierId);
      const setTierMinimum = (v: bigint) => updateTierIx(p, tier, { minProviderStake: v }).rpc();
      const n = await registerNode(p, tierId);
      await stakeIx(p, n, tokens(100)).rpc();
      await setFreshPrice(e);
      const ref = await rent(e, n, await holder(p), { durationSeconds: 3600 });

      // The tier minimum goes up (refresh_node stores Pending), then back down.
      await setTierMinimum(tokens(200));
      await refreshIx(p, n).rpc();
      expect((await p.ctx.nodeStaking.account.node.fetch(n.node)).status).to.deep.equal({
        pending: {},
      });
      await setTierMinimum(0n);

      // create_rental accepts the node: lock_node re-evaluates it (100 ≥ 100).
      await setFreshPrice(e);
      await rent(e, n, await holder(p), { durationSeconds: 3600 });
      expect((await p.ctx.nodeStaking.account.node.fetch(n.node)).status).to.deep.equal({
        active: {},
      });

      // ...and so must an extension of a rental on the same node in the same state.
      await setTierMinimum(tokens(200));
      await refreshIx(p, n).rpc();
      await setTierMinimum(0n);
      await setFreshPrice(e);
      const before = await fetchRental(e, ref);
      try {
        await extendIx(e, ref, { extraSeconds: 600 }).rpc();
      } catch (err) {
        // Seen on the current program: NodeNotRentable, nothing changed.
        const snap = await snapshot(p.ctx, [ref.rental, ref.vault, ref.renter.tokens]);
        await expectAnchorError(extendIx(e, ref, { extraSeconds: 600 }).rpc(), "NodeNotRentable");
        await expectUnchanged(p.ctx, snap);
        throw new Error(
          `extend_rental refused a node that create_rental accepts (${String(err).split("\n")[0]})`,
        );
      }
      const after = await fetchRental(e, ref);
      expect(after.periodCount).to.equal(before.periodCount + 1);
    });
  });

  describe("F-2: account checks answer before the pause check", () => {
    // When the token-account constraints of claim_rewards moved from
    // Anchor's account checks into the handler (compute-unit work), they
    // ran after the pause check: a payout to someone else's account while
    // paused said Paused where it had said DestinationNotOwned (and the
    // fuzzer's model still did). Account checks come first again.
    it("a stranger's claim to its own account while paused is DestinationNotOwned", async () => {
      const tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const h = await holder(p);
      await delegateIx(p, n, h, tokens(10)).rpc();
      const stranger = await holder(p);
      const delegation = pda.delegation(p.ctx, n.node, h.kp.publicKey);
      await setPausedIx(p, true).rpc();
      try {
        const before = await snapshot(p.ctx, [n.node, delegation, n.vault, stranger.tokens]);
        await expectAnchorError(
          claimRewardsIx(p, n, h, stranger).accountsPartial({ destination: stranger.tokens }).rpc(),
          "DestinationNotOwned",
        );
        await expectUnchanged(p.ctx, before);
      } finally {
        await setPausedIx(p, false).rpc();
      }
    });
  });
});
