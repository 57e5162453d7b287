//! sbf_probe: a test-only program (never deployed outside tests) whose
//! instructions exercise what the project's SBF toolchain must compile
//! correctly: CPIs (system create_account, SPL transfer_checked), formatted
//! `msg!`, a growing `Vec`, 128-bit and signed integer arithmetic, soft-float,
//! return data, a named Anchor error and a deliberate panic.
use anchor_lang::{prelude::*, system_program};
use anchor_spl::token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked};

declare_id!("5NETkTP8jMSYGPXFGHokAicTXsfVDefdU8jYnsK9pn89");

#[program]
pub mod sbf_probe {
    use super::*;

    /// Creates `new_account` (owned by this program) through a system-program CPI.
    pub fn create_account(ctx: Context<CreateAccount>, space: u64) -> Result<()> {
        let lamports = Rent::get()?.minimum_balance(space as usize);
        system_program::create_account(
            CpiContext::new(
                ctx.accounts.system_program.to_account_info(),
                system_program::CreateAccount {
                    from: ctx.accounts.payer.to_account_info(),
                    to: ctx.accounts.new_account.to_account_info(),
                },
            ),
            lamports,
            space,
            &crate::ID,
        )?;
        msg!(
            "created account with {} bytes and {} lamports",
            space,
            lamports
        );
        Ok(())
    }

    /// Moves `amount` base units with an SPL `transfer_checked` CPI.
    pub fn transfer_tokens(ctx: Context<TransferTokens>, amount: u64) -> Result<()> {
        let decimals = ctx.accounts.mint.decimals;
        token_interface::transfer_checked(
            CpiContext::new(
                ctx.accounts.token_program.to_account_info(),
                TransferChecked {
                    from: ctx.accounts.from.to_account_info(),
                    mint: ctx.accounts.mint.to_account_info(),
                    to: ctx.accounts.to.to_account_info(),
                    authority: ctx.accounts.authority.to_account_info(),
                },
            ),
            amount,
            decimals,
        )?;
        msg!("transferred {} base units", amount);
        Ok(())
    }

    /// 128-bit, signed and floating-point arithmetic; results as return data.
    pub fn math(_ctx: Context<Nothing>, args: MathArgs) -> Result<MathOutput> {
        let MathArgs { a, b, c, x, y } = args;
        require!(c != 0 && y != 0, ProbeError::DivisionByZero);
        let product = a.checked_mul(b).ok_or(ProbeError::Overflow)?;
        let out = MathOutput {
            mul_div: product / c,
            quotient: a / c,
            remainder: a % c,
            signed_quotient: x / y,
            signed_remainder: x % y,
            wide_signed: (i128::from(x) * i128::from(y)) / i128::from(y.signum() * 3),
            shifted: a >> (c % 128) as u32,
            float_scaled: (x.unsigned_abs() as f64 * 1.5) as u64,
        };
        msg!("mul_div = {}", out.mul_div);
        Ok(out)
    }

    /// floor(a * b / c) and a * b % c in u128 (checked multiply). For the
    /// bench, the arithmetic alone is bracketed by `sol_log_compute_units_`
    /// calls: three "Program consumption: N units remaining" log lines; the
    /// units of the arithmetic are (n1 - n2) - (n0 - n1). `c == 0` is left to
    /// Rust's own division check (a panic, so the program aborts).
    pub fn mul_div(_ctx: Context<Nothing>, a: u128, b: u128, c: u128) -> Result<MulDivOutput> {
        use core::hint::black_box;
        let (a, b, c) = black_box((a, b, c));
        log_compute_units();
        log_compute_units();
        let quotient_remainder = black_box(a.checked_mul(b).map(|p| (p / c, p % c)));
        log_compute_units();
        let (quotient, remainder) = quotient_remainder.ok_or(ProbeError::Overflow)?;
        Ok(MulDivOutput {
            quotient,
            remainder,
        })
    }

    /// Pushes `n` values into a `Vec` (growing it) and returns their sum.
    pub fn grow_vec(_ctx: Context<Nothing>, n: u32) -> Result<u64> {
        let mut values = Vec::new();
        for i in 0..u64::from(n) {
            values.push(i * i);
        }
        let sum: u64 = values.iter().sum();
        msg!("vec of {} entries sums to {}", values.len(), sum);
        Ok(sum)
    }

    /// Always fails with a named Anchor error.
    pub fn fail_custom(_ctx: Context<Nothing>) -> Result<()> {
        err!(ProbeError::DeliberateFailure)
    }

    /// Always panics (an aborted program, not an Anchor error).
    pub fn panic_now(_ctx: Context<Nothing>, code: u64) -> Result<()> {
        if code != u64::MAX {
            panic!("deliberate panic {code}");
        }
        Ok(())
    }
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug)]
pub struct MathArgs {
    pub a: u128,
    pub b: u128,
    pub c: u128,
    pub x: i64,
    pub y: i64,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug)]
pub struct MathOutput {
    /// a * b / c (checked multiply, truncating divide).
    pub mul_div: u128,
    pub quotient: u128,
    pub remainder: u128,
    /// x / y and x % y (signed, truncating toward zero).
    pub signed_quotient: i64,
    pub signed_remainder: i64,
    /// (x * y) / (3 * sign(y)) computed in i128.
    pub wide_signed: i128,
    /// a >> (c % 128).
    pub shifted: u128,
    /// |x| * 1.5 through f64, converted back with Rust's saturating `as`.
    pub float_scaled: u64,
}

/// The `sol_log_compute_units_` syscall (anchor-lang 0.32 does not re-export
/// solana-msg's wrapper); a no-op off-chain.
fn log_compute_units() {
    #[cfg(target_os = "solana")]
    {
        extern "C" {
            fn sol_log_compute_units_();
        }
        // SAFETY: a Solana syscall without arguments.
        unsafe { sol_log_compute_units_() }
    }
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug)]
pub struct MulDivOutput {
    pub quotient: u128,
    pub remainder: u128,
}

#[derive(Accounts)]
pub struct Nothing {}

#[derive(Accounts)]
pub struct CreateAccount<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    /// CHECK: a fresh keypair account; the system program checks it is unused.
    #[account(mut)]
    pub new_account: Signer<'info>,
    pub system_program: Program<'info, System>,
}

#[derive(Accounts)]
pub struct TransferTokens<'info> {
    pub authority: Signer<'info>,
    #[account(mut, token::mint = mint, token::token_program = token_program)]
    pub from: InterfaceAccount<'info, TokenAccount>,
    #[account(mut, token::mint = mint, token::token_program = token_program)]
    pub to: InterfaceAccount<'info, TokenAccount>,
    pub mint: InterfaceAccount<'info, Mint>,
    pub token_program: Interface<'info, TokenInterface>,
}

#[error_code]
pub enum ProbeError {
    #[msg("Deliberate failure for the toolchain test")]
    DeliberateFailure,
    #[msg("Arithmetic overflow")]
    Overflow,
    #[msg("Division by zero")]
    DivisionByZero,
}
