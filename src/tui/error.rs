//! Why a screen could not run, or stopped: one error type for the terminal
//! layer, each with the exit status the command line gives it.

/// What went wrong in `run`, `display` or the picker.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The session or its journal could not be opened or closed; the
    /// message says what to fix, the code is the exit status (2 for a
    /// file hamer refuses to touch).
    #[error("{}", .0.message)]
    Open(crate::meeting::OpenError),
    /// The session file could not be read or is not valid (the display).
    #[error("{0}")]
    Load(String),
    /// No session files to pick from.
    #[error("{0}")]
    NoSessions(String),
    /// There is no terminal to draw on (checked before any file is touched).
    #[error("{0}")]
    NoTerminal(String),
    /// The terminal refused: raw mode, the alternate screen, a write.
    #[error("the terminal: {0}")]
    Terminal(#[from] std::io::Error),
    /// The terminal's input is gone, with no signal to say why.
    #[error("the terminal input closed")]
    InputClosed,
}

impl TuiError {
    /// The exit status for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            TuiError::Open(e) => e.code,
            TuiError::NoSessions(_) | TuiError::NoTerminal(_) => 2,
            TuiError::Load(_) | TuiError::Terminal(_) | TuiError::InputClosed => 1,
        }
    }
}

impl From<crate::meeting::OpenError> for TuiError {
    fn from(e: crate::meeting::OpenError) -> Self {
        TuiError::Open(e)
    }
}
