pub mod escrow_config;
pub mod rental;

pub use escrow_config::*;
pub use rental::*;
