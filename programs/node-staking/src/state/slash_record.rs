use anchor_lang::prelude::*;

/// Why a node was slashed.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum SlashReason {
    /// Data leaked from a rental; also jails the node.
    DataLeak,
    /// Quality-of-service failure (uneven or missing service).
    QosFailure,
    Other,
}

/// One slash (PDA `[SLASH_SEED, node, evidence_hash]`); its existence makes a
/// replay of the same evidence fail.
///
/// Created only at this PDA (`init` in slash), and `node` and `evidence_hash` are its seeds; so an
/// `Account<SlashRecord>` (owner + discriminator) is the record of its seeds, and instructions do
/// not re-derive its seeds (1,500 CU each).
#[account]
#[derive(InitSpace)]
pub struct SlashRecord {
    pub node: Pubkey,
    /// Hash of the off-chain evidence.
    pub evidence_hash: [u8; 32],
    pub reason: SlashReason,
    /// Requested fraction of the node's total stake, in basis points.
    pub fraction_bps: u16,
    /// Base units taken in total (provider + delegated + unbonding).
    pub amount: u64,
    /// Of `amount`, base units sent to the harmed renter (the rest to the treasury).
    pub to_renter: u64,
    /// The authority that signed (slash or rental authority).
    pub authority: Pubkey,
    /// Paid the record's rent; gets it back when the record is closed.
    pub payer: Pubkey,
    /// Unix time of the slash.
    pub slashed_at: i64,
    /// Bump of this PDA.
    pub bump: u8,
}
