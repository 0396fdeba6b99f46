use std::process::ExitCode;

fn main() -> ExitCode {
    hamer::cli::main()
}
