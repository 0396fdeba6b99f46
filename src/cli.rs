//! The command line: `hamer check FILE...` (later: run, export, display, import).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "hamer",
    version,
    about = "Run a Dutch council session (Politieke Markt) from the chair's table",
    long_about = "hamer runs a Politieke Markt session from one terminal screen: agenda, \
                  session clock, speaker queue and timers, factions, and the clerk's record \
                  of the outcomes. The interface speaks Dutch by default (--lang en for English).",
    arg_required_else_help = true
)]
pub struct Cli {
    /// Language of the interface and messages: nl (default) or en.
    #[arg(
        long,
        global = true,
        env = "HAMER_LANG",
        value_enum,
        default_value = "nl"
    )]
    pub lang: Lang,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check session and council files; print a summary line per valid file
    /// and FILE:LINE:COL diagnostics for the rest.
    ///
    /// Exit status: 0 when all files are valid (warnings allowed), 1 when any
    /// file is invalid, 2 on a usage error or a file that cannot be read.
    Check {
        /// Session or council files (`*.ron`); told apart by their top-level name.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
pub fn use_color(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => {
            let stdout = std::io::stdout();
            let color = use_color(stdout.is_terminal());
            let code = crate::check::run(&files, cli.lang, color, &mut stdout.lock());
            ExitCode::from(code)
        }
        // arg_required_else_help shows the help when no subcommand is given.
        None => ExitCode::from(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
