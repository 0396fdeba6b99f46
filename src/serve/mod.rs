//! `hamer run --serve`: the session over HTTP on the council's network.
//! The chair's hamer stays the only writer of the journal; this module
//! runs the server (axum on a tokio runtime of its own thread) and the
//! client of `hamer join` and `hamer display URL`. No domain rule lives
//! here: actions go to the chair's loop through [`crate::meeting::remote`].

pub mod client;
pub mod hub;
pub mod server;
pub mod tokens;
