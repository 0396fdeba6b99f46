//! Session and council files: the format, loading and the rules.
//! No terminal code lives here.

pub mod diag;
pub mod load;
pub mod locate;
pub mod model;
pub mod plan;
mod validate;

pub use diag::{Diagnostic, Problem, Severity};
pub use load::{
    Document, LoadError, Loaded, load_council, load_document, load_document_bytes, load_session,
    load_session_bytes,
};
pub use locate::{Locator, Pos};
pub use model::*;
pub use plan::SessionPlan;
