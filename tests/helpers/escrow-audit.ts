// The market both rental_escrow audit-regression files run in (split in two
// so the validator suite can run them on two shards): a node tier, and the
// helpers that rent a fresh node at $3.60/h and move the clock within a rental.
import { PythPriceFixture } from "./pyth";
import {
  ensureEscrow,
  Escrow,
  fetchRental,
  openDisputeIx,
  quoteTokens,
  rent,
  RentalModel,
  RentalRef,
  setFreshPrice,
} from "./escrow";
import {
  advanceTo,
  big,
  createTier,
  ensureProtocol,
  holder,
  independently,
  NodeHandle,
  Protocol,
  registerNode,
  tokens,
} from "./staking";

/** $3.60 per hour = $0.001 per second. */
export const RATE = 3_600_000n;

export interface AuditMarket {
  p: Protocol;
  e: Escrow;
  /** A tier with a 100 000-token cap, the nodes' default. */
  tierId: number;
}

/** The protocol, the escrow and a fresh tier (call in a `before` hook). */
export async function auditMarket(): Promise<AuditMarket> {
  const p = await ensureProtocol();
  const e = await ensureEscrow(p);
  const tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
  return { p, e, tierId };
}

/** Helpers over the market `market()` returns (set by the file's `before`). */
export function auditHelpers(market: () => AuditMarket) {
  /** A node staked with `stake` (default: exactly the 100-token minimum) in `tier`. */
  const rentableNode = (
    stake = tokens(100),
    tier = market().tierId,
    priceMicroUsd = RATE,
  ): Promise<NodeHandle> => registerNode(market().p, tier, { priceMicroUsd, stake });

  /** A fresh renter renting `n` (default: a fresh node; priced at RATE) for `seconds` at a fresh $1.25 price. */
  async function rented(
    seconds: number,
    n?: NodeHandle,
    fresh?: PythPriceFixture,
  ): Promise<{ ref: RentalRef; m: RentalModel }> {
    const { p, e } = market();
    const [node, renter, price] = await independently(
      p.ctx,
      () => (n ? Promise.resolve(n) : rentableNode()),
      () => holder(p),
      () => (fresh ? Promise.resolve(fresh) : setFreshPrice(e)),
    );
    const ref = await rent(e, node, renter, { durationSeconds: seconds });
    const r = await fetchRental(e, ref);
    const expected = quoteTokens(BigInt(seconds), RATE, price.price, price.conf, price.expo, 9);
    return { ref, m: RentalModel.create(big(r.startTs), seconds, expected) };
  }

  /** Rentals as `rented` makes them, one per length, created together at one fresh price. */
  async function rentedTogether(...lengths: number[]) {
    const price = await setFreshPrice(market().e);
    return independently(
      market().p.ctx,
      ...lengths.map((len) => () => rented(len, undefined, price)),
    );
  }

  /** Every account a rental instruction could touch. */
  const accountsOf = (ref: RentalRef) => [
    ref.rental,
    ref.vault,
    ref.n.node,
    ref.n.operatorTokens,
    ref.renter.tokens,
    market().e.treasury,
  ];

  const at = (m: RentalModel, t: number) => advanceTo(market().p.ctx, Number(m.startTs) + t);
  /** At `t` into the rental, and a second after its dispute (which a validator may land late). */
  const afterDispute = (m: RentalModel, t: number) =>
    advanceTo(market().p.ctx, Math.max(Number(m.startTs) + t, Number(m.disputedAt) + 1));

  async function disputeAt(ref: RentalRef, m: RentalModel, t: number): Promise<void> {
    await at(m, t);
    await openDisputeIx(market().e, ref).rpc();
    m.openDispute(big((await fetchRental(market().e, ref)).disputedAt));
  }

  return { rentableNode, rented, rentedTogether, accountsOf, at, afterDispute, disputeAt };
}
