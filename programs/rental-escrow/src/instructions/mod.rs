pub mod admin;
pub mod create_rental;
pub mod initialize;
pub mod quote;
pub mod rental_ops;
pub mod settle;

pub use admin::*;
pub use create_rental::*;
pub use initialize::*;
pub use quote::*;
pub use rental_ops::*;
pub use settle::*;
