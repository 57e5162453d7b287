pub mod escrow_config;

pub use escrow_config::*;
