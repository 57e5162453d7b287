//! Property tests of node_staking's pure math (host only, `cargo test`):
//! share conversion, the reward ledger, the slash split and `mul_div_floor`,
//! with awkward amounts up to u64::MAX. Each property runs 100 000 cases
//! (`PROPTEST_CASES` overrides it).
use proptest::prelude::*;

use crate::{
    constants::{MAX_POOL_WIPES, REWARD_SCALE},
    instructions::SlashSplit,
    math,
    state::{Delegation, Node, NodeStatus, QosAddon, Region},
};

fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn blank_node() -> Node {
    Node {
        operator: Default::default(),
        node_id: 0,
        vault: Default::default(),
        spec_tier: 0,
        gpu_count: 1,
        region: Region::Other,
        status: NodeStatus::Active,
        price_micro_usd_per_hour: 1,
        qos_addons: [QosAddon::default(); 4],
        commission_bps: 0,
        pending_commission_bps: 0,
        commission_effective_at: 0,
        active_rentals: 0,
        consecutive_low_epochs: 0,
        rewarded_until: 0,
        provider_stake: 0,
        provider_unbonding: 0,
        provider_unbonding_ready_at: 0,
        pool_tokens: 0,
        pool_shares: 0,
        pool_generation: 0,
        unbonding_tokens: 0,
        unbonding_shares: 0,
        unbonding_generation: 0,
        acc_reward_per_share: 0,
        wiped_acc: [0; MAX_POOL_WIPES],
        stale_pool_shares: 0,
        reward_remainder: 0,
        delegator_rewards_owed: 0,
        delegator_pending: 0,
        reward_reserve: 0,
        operator_rewards: 0,
        total_slashed: 0,
        registered_at: 0,
        incarnation: 1,
        bump: 0,
        vault_bump: 0,
        reserved: [0; 64],
    }
}

fn blank_delegation(node: &Node) -> Delegation {
    let mut d = Delegation {
        node: Default::default(),
        delegator: Default::default(),
        node_incarnation: 0,
        shares: 0,
        pool_generation: 0,
        reward_checkpoint: 0,
        reward_carry: 0,
        pending_rewards: 0,
        unbonding_shares: 0,
        unbonding_generation: 0,
        unbonding_ready_at: 0,
        bump: 0,
        reserved: [0; 32],
    };
    d.reset_for(Default::default(), Default::default(), node, 0);
    d
}

/// Amounts that hit the edges often: 1, near powers of ten, near u64::MAX.
fn awkward(max: u64) -> impl Strategy<Value = u64> {
    prop_oneof![
        1u64..=max.min(1_000),
        Just(max),
        (max / 2)..=max,
        1u64..=max,
        (0u32..19).prop_map(move |e| 10u64.pow(e).min(max).max(1)),
    ]
}

#[derive(Debug, Clone)]
enum LedgerOp {
    Delegate(usize, u64),
    Undelegate(usize, u64),
    Credit(u64, u16),
    Claim(usize),
    Settle(usize),
}

fn ledger_op() -> impl Strategy<Value = LedgerOp> {
    prop_oneof![
        (0usize..4, awkward(1_000_000_000_000_000)).prop_map(|(i, a)| LedgerOp::Delegate(i, a)),
        (0usize..4, 1u64..=u64::MAX).prop_map(|(i, s)| LedgerOp::Undelegate(i, s)),
        (awkward(10_000_000_000_000_000), 0u16..=10_000).prop_map(|(a, c)| LedgerOp::Credit(a, c)),
        (0usize..4).prop_map(LedgerOp::Claim),
        (0usize..4).prop_map(LedgerOp::Settle),
    ]
}

proptest! {
    #![proptest_config(cases())]

    /// `mul_div_floor` is ⌊a·b/c⌋ exactly, or an error exactly when that does not fit in u64.
    #[test]
    fn mul_div_floor_is_exact(a in awkward(u64::MAX), b in awkward(u64::MAX), c in awkward(u64::MAX)) {
        let exact = (a as u128) * (b as u128) / (c as u128);
        match math::mul_div_floor(a, b, c) {
            Ok(v) => prop_assert_eq!(v as u128, exact),
            Err(_) => prop_assert!(exact > u64::MAX as u128),
        }
    }

    /// Deposit then withdraw never returns more than was deposited, and never
    /// raises the price of the shares left behind (price ≤ 1 token per share).
    #[test]
    fn share_round_trip_never_gains(
        tokens in 1u64..=1_000_000_000_000_000_000,
        extra in 0u64..=1_000_000_000_000,
        amount in awkward(1_000_000_000_000_000_000),
    ) {
        let shares_before = tokens.saturating_add(extra); // price tokens/shares ≤ 1
        let minted = math::shares_for_deposit(amount, tokens, shares_before).unwrap();
        let (t, s) = (tokens + amount, shares_before + minted);
        let back = math::tokens_for_shares(minted, t, s).unwrap();
        prop_assert!(back <= amount);
        // The others' shares are worth at least what they were.
        let others_before = math::tokens_for_shares(shares_before, tokens, shares_before).unwrap();
        let others_after = math::tokens_for_shares(shares_before, t, s).unwrap();
        prop_assert!(others_after >= others_before);
        prop_assert!(minted >= amount || shares_before < tokens);
    }

    /// The slash split takes the provider first, never more than exists and
    /// never more than requested (at most one base unit less).
    #[test]
    fn slash_split_is_bounded(
        provider in awkward(1_000_000_000_000_000),
        provider_unbonding in 0u64..=1_000_000_000_000_000,
        pool in 0u64..=1_000_000_000_000_000,
        unbonding in 0u64..=1_000_000_000_000_000,
        bps in 1u16..=10_000,
    ) {
        let mut n = blank_node();
        n.provider_stake = provider;
        n.provider_unbonding = provider_unbonding;
        n.pool_tokens = pool;
        n.pool_shares = pool;
        n.unbonding_tokens = unbonding;
        n.unbonding_shares = unbonding;
        let requested = math::bps_of(n.slashable().unwrap(), bps).unwrap();
        let s = SlashSplit::compute(&n, requested).unwrap();
        let total = s.total().unwrap();
        prop_assert!(total <= requested && requested - total <= 2);
        prop_assert!(s.from_pool <= pool && s.from_unbonding <= unbonding);
        prop_assert!(s.from_provider_stake <= provider && s.from_provider_unbonding <= provider_unbonding);
        if requested <= provider {
            prop_assert_eq!(s.from_provider_stake, requested);
            prop_assert_eq!(s.from_pool + s.from_unbonding, 0);
        }
    }

    /// The reward ledger over random operations: the node invariant holds after
    /// each step, no claim fails, and after everyone claims and leaves the
    /// reserve holds only the operator's part and bounded dust.
    #[test]
    fn reward_ledger_is_exact(provider in awkward(1_000_000_000_000_000), ops in proptest::collection::vec(ledger_op(), 1..40)) {
        let mut n = blank_node();
        n.provider_stake = provider;
        let mut ds: Vec<Delegation> = (0..4).map(|_| blank_delegation(&n)).collect();
        let mut credited: u128 = 0;
        let mut paid: u128 = 0;
        for op in ops {
            let op_for_msg = op.clone();
            match op {
                LedgerOp::Delegate(i, amount) => {
                    let d = &mut ds[i];
                    d.settle(&mut n).unwrap();
                    let Ok(shares) = math::shares_for_deposit(amount, n.pool_tokens, n.pool_shares) else { continue };
                    if n.pool_tokens.checked_add(amount).is_none() || n.pool_shares.checked_add(shares).is_none() { continue; }
                    n.pool_tokens += amount;
                    n.pool_shares += shares;
                    d.shares += shares;
                }
                LedgerOp::Undelegate(i, s) => {
                    let d = &mut ds[i];
                    d.settle(&mut n).unwrap();
                    let shares = if d.shares == 0 { continue } else { s % d.shares + 1 };
                    let tokens = math::tokens_for_shares(shares, n.pool_tokens, n.pool_shares).unwrap();
                    n.pool_tokens -= tokens;
                    n.pool_shares -= shares;
                    d.shares -= shares;
                }
                LedgerOp::Credit(amount, commission) => {
                    let stake = n.active_stake().unwrap();
                    let gross = math::mul_div_floor(amount, n.pool_tokens, stake).unwrap();
                    let net = gross - math::bps_of(gross, commission).unwrap();
                    if n.reward_reserve.checked_add(amount).is_none() { continue; }
                    n.spread_delegator_rewards(net).unwrap();
                    n.operator_rewards += amount - net;
                    n.reward_reserve += amount;
                    credited += amount as u128;
                }
                LedgerOp::Claim(i) => {
                    let d = &mut ds[i];
                    d.settle(&mut n).unwrap();
                    paid += d.take_pending_rewards(&mut n).unwrap() as u128;
                }
                LedgerOp::Settle(i) => ds[i].settle(&mut n).unwrap(),
            }
            prop_assert!(n.invariant().is_ok(), "invariant after {:?}", op_for_msg);
        }
        // Everyone claims and leaves; the operator claims.
        for d in ds.iter_mut() {
            d.settle(&mut n).unwrap();
            paid += d.take_pending_rewards(&mut n).unwrap() as u128;
            let tokens = math::tokens_for_shares(d.shares, n.pool_tokens, n.pool_shares).unwrap();
            n.pool_tokens -= tokens;
            n.pool_shares -= d.shares;
            d.shares = 0;
            d.forfeit_carry(&mut n).unwrap();
            prop_assert!(n.invariant().is_ok());
        }
        paid += n.operator_rewards as u128;
        let dust = n.reward_reserve as u128 - n.operator_rewards as u128;
        prop_assert_eq!(paid + dust, credited);
        // Bound: under one unit per delegation plus the remainder.
        prop_assert!(dust <= ds.len() as u128 + n.reward_remainder / REWARD_SCALE + 1, "dust {}", dust);
    }
}
