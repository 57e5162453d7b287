use anchor_lang::prelude::*;

#[error_code]
pub enum EscrowError {
    // 6000 0x1770
    #[msg("Maximum price age must be between 1 second and 1 hour (and at least 1 slot)")]
    InvalidMaxPriceAge,
    // 6001 0x1771
    #[msg("Maximum confidence must be between 1 and 10000 basis points")]
    InvalidMaxConfidence,
    // 6002 0x1772
    #[msg("Config invariant violated")]
    ConfigInvariantViolated,
    // 6003 0x1773
    #[msg("This instruction takes no remaining accounts")]
    UnexpectedRemainingAccounts,
    // 6004 0x1774
    #[msg("Reservation fee must be at most 1000 basis points")]
    InvalidFee,
    // 6005 0x1775
    #[msg("Dispute window must be between 1 second and 30 days")]
    InvalidDisputeWindow,
    // 6006 0x1776
    #[msg("Dispute timeout must be between 1 second and 90 days")]
    InvalidDisputeTimeout,
    // 6007 0x1777
    #[msg("Claim holdback must be at most 5000 basis points")]
    InvalidHoldback,
    // 6008 0x1778
    #[msg("Minimum rental must be 1 second to 90 days and the total cap between it and 365 days")]
    InvalidRentalLimits,
    // 6009 0x1779
    #[msg("EMA divergence bound must be between 1 and 10000 basis points")]
    InvalidEmaDivergence,
    // 6010 0x177a
    #[msg("The escrow is paused")]
    Paused,
    // 6011 0x177b
    #[msg("Signer is not the admin")]
    Unauthorized,
    // 6012 0x177c
    #[msg("Signer is not the program's upgrade authority")]
    NotUpgradeAuthority,
    // 6013 0x177d
    #[msg("No admin handover is pending")]
    NoPendingAdmin,
    // 6014 0x177e
    #[msg("Signer is not the proposed admin")]
    NotPendingAdmin,
    // 6015 0x177f
    #[msg("Payment mint must be node_staking's stake mint, with its token program")]
    PaymentMintNotStakeMint,
    // 6016 0x1780
    #[msg("Oracle program is not an allowed Pyth program for this oracle kind")]
    OracleProgramNotAllowed,
    // 6017 0x1781
    #[msg("Price account is not the configured one")]
    WrongOracleAccount,
    // 6018 0x1782
    #[msg("Price account is not owned by the configured oracle program")]
    WrongOracleOwner,
    // 6019 0x1783
    #[msg("Price account data is not a valid Pyth price")]
    InvalidOracleData,
    // 6020 0x1784
    #[msg("Pyth price status is not Trading")]
    PriceNotTrading,
    // 6021 0x1785
    #[msg("Oracle price is zero or negative")]
    NonPositivePrice,
    // 6022 0x1786
    #[msg("Oracle price is older than the maximum age")]
    StalePrice,
    // 6023 0x1787
    #[msg("Oracle price is published in the future")]
    FuturePrice,
    // 6024 0x1788
    #[msg("Oracle price is older than the one this rental last used")]
    PriceOlderThanLastUsed,
    // 6025 0x1789
    #[msg("Oracle confidence interval is wider than the configured bound")]
    PriceConfidenceTooWide,
    // 6026 0x178a
    #[msg("Oracle price is too far from its EMA price")]
    EmaDivergence,
    // 6027 0x178b
    #[msg("Oracle exponent or mint decimals are outside the supported range")]
    UnsupportedExponent,
    // 6028 0x178c
    #[msg("Price update is for another feed")]
    FeedMismatch,
    // 6029 0x178d
    #[msg("Price update is not fully verified")]
    InsufficientVerification,
    // 6030 0x178e
    #[msg("Arithmetic overflow")]
    MathOverflow,
    // 6031 0x178f
    #[msg("Rental duration is outside the configured minimum and 90 days")]
    InvalidDuration,
    // 6032 0x1790
    #[msg("The rental's total length would exceed the configured cap")]
    RentalTooLong,
    // 6033 0x1791
    #[msg("A rental holds at most 8 purchased periods")]
    TooManyExtensions,
    // 6034 0x1792
    #[msg("Node is not rentable (not Active, below its minimum stake, or its protocol is paused)")]
    NodeNotRentable,
    // 6035 0x1793
    #[msg("Node does not offer the requested QoS add-on")]
    UnknownQosAddon,
    // 6036 0x1794
    #[msg("A QoS add-on was requested twice")]
    DuplicateQosAddon,
    // 6037 0x1795
    #[msg("Cost in tokens exceeds the renter's max_tokens")]
    SlippageExceeded,
    // 6038 0x1796
    #[msg("A cluster has at most 8 legs, all in one transaction")]
    TooManyClusterLegs,
    // 6039 0x1797
    #[msg("A cluster rental needs the instructions sysvar")]
    ClusterNeedsInstructions,
    // 6040 0x1798
    #[msg("Token account is not for the payment mint")]
    MintMismatch,
    // 6041 0x1799
    #[msg("Token program does not own the payment mint")]
    TokenProgramMismatch,
    // 6042 0x179a
    #[msg("Signer is not the renter")]
    NotRenter,
    // 6043 0x179b
    #[msg("Signer is not the node's operator")]
    NotProvider,
    // 6044 0x179c
    #[msg("Rental is not active")]
    RentalNotActive,
    // 6045 0x179d
    #[msg("Rental has already ended")]
    RentalEnded,
    // 6046 0x179e
    #[msg("Rental is under dispute")]
    RentalDisputed,
    // 6047 0x179f
    #[msg("Nothing has accrued since the last claim")]
    NothingToClaim,
    // 6048 0x17a0
    #[msg("Rental has not ended, or its dispute window is still open")]
    RentalNotFinished,
    // 6049 0x17a1
    #[msg("The dispute window has closed")]
    DisputeWindowClosed,
    // 6050 0x17a2
    #[msg("Rental is not under dispute")]
    NotDisputed,
    // 6051 0x17a3
    #[msg("Signer is not the dispute authority")]
    NotDisputeAuthority,
    // 6052 0x17a4
    #[msg("Refund must be at most 10000 basis points")]
    InvalidRefund,
    // 6053 0x17a5
    #[msg("A slash needs the node_staking accounts")]
    SlashAccountsMissing,
    // 6054 0x17a6
    #[msg("Node does not match the rental")]
    WrongNode,
    // 6055 0x17a7
    #[msg("Treasury is not the configured one")]
    WrongTreasury,
    // 6056 0x17a8
    #[msg("Provider token account is not owned by the node's operator")]
    WrongProvider,
    // 6057 0x17a9
    #[msg("Rental invariant violated")]
    RentalInvariantViolated,
    // 6058 0x17aa
    #[msg("Token account does not belong to the expected owner")]
    DestinationMismatch,
    // 6059 0x17ab
    #[msg("Vault is not the rental's vault")]
    WrongVault,
    // 6060 0x17ac
    #[msg("Rental authority is not this program's rental authority PDA")]
    WrongRentalAuthority,
    // 6061 0x17ad
    #[msg("Rental is not the PDA of this renter and rental id")]
    WrongRentalAddress,
}

impl node_staking::raise::ProgramErrorCode for EscrowError {
    fn error_name(&self) -> String {
        self.name()
    }
}
