//! hamer: run a Dutch council session (Politieke Markt) from the chair's
//! table. The library holds everything; `main.rs` only calls [`cli::main`].

pub mod check;
pub mod cli;
pub mod clock;
pub mod export;
pub mod follow;
pub mod fsio;
pub mod i18n;
pub mod import;
pub mod journal;
pub mod meeting;
pub mod sanitize;
pub mod serve;
pub mod session;
pub mod slug;
pub mod tui;
