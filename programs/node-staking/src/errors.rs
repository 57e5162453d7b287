use anchor_lang::prelude::*;

#[error_code]
pub enum StakingError {
    // 6000 0x1770
    #[msg("Unbonding period must be between 1 second and 365 days")]
    InvalidUnbondingPeriod,
    // 6001 0x1771
    #[msg("Minimum provider stake must be greater than zero")]
    InvalidMinProviderStake,
    // 6002 0x1772
    #[msg("Arithmetic overflow")]
    MathOverflow,
    // 6003 0x1773
    #[msg("Config invariant violated")]
    ConfigInvariantViolated,
    // 6004 0x1774
    #[msg("This instruction takes no remaining accounts")]
    UnexpectedRemainingAccounts,
    // 6005 0x1775
    #[msg("Epoch length must be at least 1 second")]
    InvalidEpochLength,
    // 6006 0x1776
    #[msg("Basis points must be between 0 and 10000")]
    InvalidBps,
    // 6007 0x1777
    #[msg("Consecutive low epochs before jailing must be at least 1")]
    InvalidMaxLowEpochs,
    // 6008 0x1778
    #[msg("Minimum delegation must be greater than zero")]
    InvalidMinDelegation,
    // 6009 0x1779
    #[msg("Per-epoch slash limit must be greater than zero")]
    InvalidSlashLimit,
    // 6010 0x177a
    #[msg("Stake mint decimals must be 12 or fewer")]
    UnsupportedMintDecimals,
    // 6011 0x177b
    #[msg("Stake mint has a Token-2022 extension the protocol does not accept (transfer fee, permanent delegate, transfer hook, default frozen, ...)")]
    UnsupportedMintExtension,
    // 6012 0x177c
    #[msg("Treasury token account is not for the stake mint")]
    TreasuryMintMismatch,
    // 6013 0x177d
    #[msg("Token program does not own the stake mint")]
    TokenProgramMismatch,
    // 6014 0x177e
    #[msg("The protocol is paused")]
    Paused,
    // 6015 0x177f
    #[msg("Signer is not the admin")]
    Unauthorized,
    // 6016 0x1780
    #[msg("No admin handover is pending")]
    NoPendingAdmin,
    // 6017 0x1781
    #[msg("Signer is not the proposed admin")]
    NotPendingAdmin,
    // 6018 0x1782
    #[msg("Spec tier name must be 1 to 24 bytes of UTF-8")]
    InvalidTierName,
    // 6019 0x1783
    #[msg("Spec tier cap must be positive and at most u64::MAX / 1000 base units")]
    InvalidTierCap,
    // 6020 0x1784
    #[msg("Spec tier is not accepting new nodes")]
    TierInactive,
    // 6021 0x1785
    #[msg("GPU count must be between 1 and 1024")]
    InvalidGpuCount,
    // 6022 0x1786
    #[msg("A node offers at most 4 QoS add-ons")]
    TooManyQosAddons,
    // 6023 0x1787
    #[msg("QoS add-on ids must be unique")]
    DuplicateQosAddon,
    // 6024 0x1788
    #[msg("Price must be greater than zero")]
    InvalidPrice,
    // 6025 0x1789
    #[msg("Commission must be at most 10000 basis points")]
    InvalidCommission,
    // 6026 0x178a
    #[msg("Signer is not the node's operator")]
    NotNodeOperator,
    // 6027 0x178b
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    // 6028 0x178c
    #[msg("Stake would exceed the node's spec-tier cap")]
    NodeCapExceeded,
    // 6029 0x178d
    #[msg("Delegated stake would exceed the tier's share of the node's stake")]
    DelegationShareExceeded,
    // 6030 0x178e
    #[msg("Provider stake cannot drop below the minimum while the node has active rentals")]
    BelowMinimumWithActiveRentals,
    // 6031 0x178f
    #[msg("Amount exceeds the provider's active stake")]
    InsufficientStake,
    // 6032 0x1790
    #[msg("Nothing is unbonding")]
    NothingToWithdraw,
    // 6033 0x1791
    #[msg("The unbonding period has not ended")]
    UnbondingNotElapsed,
    // 6034 0x1792
    #[msg("A node's operator cannot delegate to it")]
    SelfDelegation,
    // 6035 0x1793
    #[msg("Node is not active")]
    NodeNotActive,
    // 6036 0x1794
    #[msg("Node is jailed")]
    NodeJailed,
    // 6037 0x1795
    #[msg("Delegation is below the minimum")]
    BelowMinimumDelegation,
    // 6038 0x1796
    #[msg("The node's delegation pool was slashed to zero and accepts no new stake")]
    PoolWipedOut,
    // 6039 0x1797
    #[msg("Not enough delegation shares")]
    InsufficientShares,
    // 6040 0x1798
    #[msg("No rewards to claim")]
    NothingToClaim,
    // 6041 0x1799
    #[msg("Cannot credit a future epoch")]
    RewardEpochInFuture,
    // 6042 0x179a
    #[msg("Rewards for this epoch (or a later one) were already credited")]
    RewardAlreadyCredited,
    // 6043 0x179b
    #[msg("Uptime must be at most 10000 basis points")]
    InvalidUptime,
    // 6044 0x179c
    #[msg("Signer is neither the slash authority nor the rental authority")]
    NotSlashAuthority,
    // 6045 0x179d
    #[msg("Slash fraction must be between 1 and 10000 basis points")]
    InvalidSlashFraction,
    // 6046 0x179e
    #[msg("A renter share needs the renter's token account")]
    RenterAccountRequired,
    // 6047 0x179f
    #[msg("Slash would exceed the per-epoch circuit breaker")]
    SlashLimitExceeded,
    // 6048 0x17a0
    #[msg("Signer is not the rental authority")]
    NotRentalAuthority,
    // 6049 0x17a1
    #[msg("Node has no active rentals")]
    NoActiveRentals,
    // 6050 0x17a2
    #[msg("Node is not jailed")]
    NodeNotJailed,
    // 6051 0x17a3
    #[msg("Token account is not the node's vault")]
    VaultMismatch,
    // 6052 0x17a4
    #[msg("Token account is not for the stake mint")]
    MintMismatch,
    // 6053 0x17a5
    #[msg("Node invariant violated")]
    NodeInvariantViolated,
    // 6054 0x17a6
    #[msg("Delegation does not belong to this node and delegator")]
    DelegationMismatch,
    // 6055 0x17a7
    #[msg("Reward source is not a token account of the stake mint")]
    RewardAccountMismatch,
    // 6056 0x17a8
    #[msg("Destination cannot be the node's own vault")]
    DestinationIsVault,
    // 6057 0x17a9
    #[msg("Delegation still has shares, unbonding shares or rewards")]
    DelegationNotEmpty,
    // 6058 0x17aa
    #[msg("Node still holds stake, delegations, unbonding, rewards or rentals")]
    NodeNotEmpty,
    // 6059 0x17ab
    #[msg("Token account is not the configured treasury")]
    WrongTreasury,
    // 6060 0x17ac
    #[msg("Signer is not the program's upgrade authority")]
    NotUpgradeAuthority,
    // 6061 0x17ad
    #[msg("Stake mint has a freeze authority, which could freeze the node vaults")]
    MintHasFreezeAuthority,
    // 6062 0x17ae
    #[msg(
        "Someone other than the delegator may pay out only to a token account the delegator owns"
    )]
    DestinationNotOwned,
    // 6063 0x17af
    #[msg("Only the delegator may do this while the node's provider still has stake")]
    NotPermissionless,
    // 6064 0x17b0
    #[msg("Shares are worth less than one base unit; undelegate more or all of them")]
    UndelegationTooSmall,
    // 6065 0x17b1
    #[msg("The slash record is still within its retention period")]
    SlashRecordRetained,
    // 6066 0x17b2
    #[msg("Spec tier cap is below the minimum provider stake (the tier's or the config's)")]
    TierCapBelowMinimum,
    // 6067 0x17b3
    #[msg("Spec tier account is not the node's tier")]
    TierMismatch,
}

impl crate::raise::ProgramErrorCode for StakingError {
    fn error_name(&self) -> String {
        self.name()
    }
}
