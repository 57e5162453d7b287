//! close_node: the operator closes a node that owes nothing; vault dust goes
//! to the treasury, rent to the operator. An exit, so it runs while paused.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, CloseAccount, Mint, TokenInterface};

use crate::{
    constants::*,
    errors::StakingError,
    events::NodeClosed,
    state::{Config, Node, NodeStatus},
    token_utils::{no_remaining_accounts, pay_out, TokenAccountView},
};

#[derive(Accounts)]
pub struct CloseNode<'info> {
    /// Receives the rent of the node and of its vault.
    #[account(mut)]
    pub operator: Signer<'info>,

    #[account(
        has_one = stake_mint @ StakingError::MintMismatch,
        has_one = treasury @ StakingError::WrongTreasury,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(
        mut,
        close = operator,
        has_one = operator @ StakingError::NotNodeOperator,
        has_one = vault @ StakingError::VaultMismatch,
    )]
    pub node: Box<Account<'info, Node>>,

    /// CHECK: the node's vault (`has_one = vault`), read by
    /// `TokenAccountView` for what it holds.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: receives tokens in the vault that no balance accounts for
    /// (donations, rounding remainders): the config's treasury (`has_one`);
    /// the token program checks it in the transfer.
    #[account(mut)]
    pub treasury: UncheckedAccount<'info>,

    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl CloseNode<'_> {
    /// A node closes only when it owes nothing to anyone: no provider stake
    /// or unbonding, no delegated or unbonding shares (stale ones settled),
    /// no operator rewards, no delegator rewards that add up to a base unit,
    /// no running rentals. A jailed node stays on record until the admin
    /// unjails it. Every condition is one the operator can bring about
    /// alone: anyone may undelegate, settle and pay out delegators of a node
    /// whose provider has no stake.
    fn validate(&self) -> Result<()> {
        let n = &self.node;
        ensure!(n.status != NodeStatus::Jailed, StakingError::NodeJailed);
        ensure!(
            n.provider_stake == 0
                && n.provider_unbonding == 0
                && n.pool_tokens == 0
                && n.unbonding_tokens == 0
                && n.operator_rewards == 0
                && n.owes_delegators_nothing()
                && n.active_rentals == 0,
            StakingError::NodeNotEmpty
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate()?;
        let a = &ctx.accounts;
        // Reward dust (sub-unit carries, the undivided remainder) and any
        // donation: nothing left is owed to anyone.
        let swept = TokenAccountView::load(&a.vault, &a.token_program.key(), "vault")?.amount;
        pay_out(
            &a.token_program,
            &a.vault.to_account_info(),
            &a.treasury.to_account_info(),
            &a.stake_mint.to_account_info(),
            a.stake_mint.decimals,
            &a.node,
            swept,
        )?;
        let (node_id, bump) = a.node.signer_seeds_parts();
        let seeds: &[&[u8]] = &[NODE_SEED, a.node.operator.as_ref(), &node_id, &bump];
        token_interface::close_account(CpiContext::new_with_signer(
            a.token_program.to_account_info(),
            CloseAccount {
                account: a.vault.to_account_info(),
                destination: a.operator.to_account_info(),
                authority: a.node.to_account_info(),
            },
            &[seeds],
        ))?;
        emit!(NodeClosed {
            node: a.node.key(),
            operator: a.operator.key(),
            swept_to_treasury: swept,
        });
        Ok(())
    }
}
