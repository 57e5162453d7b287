use anchor_lang::prelude::*;

use crate::errors::EscrowError;

/// Where a rental is in its life.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum RentalStatus {
    /// Streaming to the provider until `end_ts`.
    Active,
    /// The renter disputed it: provider claims are frozen until resolved.
    Disputed,
    /// Ended early by the renter; what accrued stays claimable.
    Cancelled,
    /// The dispute authority settled it.
    Resolved,
}

/// One rental of one node (PDA `[RENTAL_SEED, renter, rental_id]`).
///
/// Token accounting (base units of the payment mint): the vault holds
/// `deposited − claimed − refunded`. Tokens accrue linearly: before
/// `stream_start` they are `stream_base`; over [stream_start, end_ts]
/// `stream_tokens` more accrue pro rata (rounded down).
#[account]
#[derive(InitSpace)]
pub struct Rental {
    pub renter: Pubkey,
    pub rental_id: u64,
    /// The node_staking Node rented, and its operator (the provider) at creation.
    pub node: Pubkey,
    pub provider: Pubkey,
    /// Optional grouping of rentals created together (0 = none).
    pub cluster_id: u64,
    /// The rental's token vault (PDA `[RENTAL_VAULT_SEED, rental]`).
    pub vault: Pubkey,
    /// Node price + chosen add-ons, micro-USD per hour, fixed at creation.
    pub rate_micro_usd_per_hour: u64,
    /// QoS add-on ids chosen (0 = unused slot).
    pub qos_addon_ids: [u8; 4],
    /// The oracle price used at creation (or the last extension), with its
    /// confidence, exponent and publish time.
    pub price: i64,
    pub conf: u64,
    pub expo: i32,
    pub publish_time: i64,
    /// Unix times: start, and end (moved by extend and cancel).
    pub start_ts: i64,
    pub end_ts: i64,
    /// Piecewise-linear stream (see the struct docs).
    pub stream_start: i64,
    pub stream_base: u64,
    pub stream_tokens: u64,
    /// Tokens escrowed in total (creation + extensions), excluding fees.
    pub deposited: u64,
    /// Tokens settled to the provider side (payout + provider fee).
    pub claimed: u64,
    /// Tokens returned to the renter.
    pub refunded: u64,
    /// Renter-side fees paid at creation and extensions (to the treasury).
    pub renter_fees: u64,
    pub status: RentalStatus,
    /// Unix time the dispute was opened (0 if never).
    pub disputed_at: i64,
    pub bump: u8,
    pub vault_bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 32],
}

impl Rental {
    /// Tokens accrued to the provider at `now` (rounded down, never above `deposited`).
    pub fn accrued(&self, now: i64) -> Result<u64> {
        let t = now.clamp(self.stream_start, self.end_ts);
        let span = self.end_ts.saturating_sub(self.stream_start);
        let streamed = if span <= 0 {
            self.stream_tokens
        } else {
            let elapsed = (t - self.stream_start) as u128;
            u64::try_from((self.stream_tokens as u128) * elapsed / (span as u128))
                .map_err(|_| error!(EscrowError::MathOverflow))?
        };
        self.stream_base
            .checked_add(streamed)
            .ok_or_else(|| error!(EscrowError::MathOverflow))
    }

    /// Tokens still in the vault.
    pub fn held(&self) -> Result<u64> {
        self.deposited
            .checked_sub(self.claimed)
            .and_then(|v| v.checked_sub(self.refunded))
            .ok_or_else(|| error!(EscrowError::RentalInvariantViolated))
    }

    /// Properties that must hold after every instruction that writes a rental:
    /// nothing is paid out twice (claimed + refunded ≤ deposited), the
    /// provider never claims beyond the stream, and the stream never promises
    /// tokens that were refunded.
    pub fn invariant(&self) -> Result<()> {
        self.held()?;
        let streamed = self
            .stream_base
            .checked_add(self.stream_tokens)
            .ok_or(EscrowError::RentalInvariantViolated)?;
        require!(
            self.claimed <= streamed
                && streamed.checked_add(self.refunded) <= Some(self.deposited)
                && self.start_ts <= self.stream_start
                && self.stream_start <= self.end_ts,
            EscrowError::RentalInvariantViolated
        );
        Ok(())
    }
}
