pub mod config;
pub mod delegation;
pub mod node;
pub mod slash_record;
pub mod spec_tier;

pub use config::*;
pub use delegation::*;
pub use node::*;
pub use slash_record::*;
pub use spec_tier::*;
