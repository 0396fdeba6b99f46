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
                  of the outcomes. The interface speaks Dutch by default (--lang en for English).\n\n\
                  Without a command, hamer shows the sessions in ./sessions (or in DIR) \
                  to pick one."
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

    /// Without a command: the folder whose sessions the picker offers
    /// (default: ./sessions).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the session record from the journal: Markdown (default), CSV or
    /// JSON. Needs no lock: works while the session runs.
    Export {
        /// The session file (`*.ron`).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        opts: ExportArgs,
    },
    /// The public display: the speaker's time, large, for the room. Follows
    /// the journal that `hamer run` writes; never writes, takes no lock.
    /// Given a link of `hamer run --serve` (`http://…?t=…`), it follows
    /// the session over the network.
    Display {
        /// The session file, or a served session's link; without it, pick
        /// one from ./sessions.
        #[arg(value_name = "FILE|URL")]
        file: Option<PathBuf>,
        /// The journal to follow (default: next to the session file); for
        /// a link, where to keep the replica.
        #[arg(long, value_name = "PATH")]
        journal: Option<PathBuf>,
        /// For an https:// link: the chair's certificate to trust (PEM).
        #[arg(long, value_name = "PEM")]
        ca: Option<PathBuf>,
    },
    /// Make a session file from a behandelvoorstel as the council's system
    /// exports it (tab-separated label/value text with HTML fragments).
    Import {
        /// The exported behandelvoorstel.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The council file to name (default: the first one next to OUT).
        #[arg(long, value_name = "PATH")]
        council: Option<PathBuf>,
        /// Where to write (default: sessions/<date>-<subject>.ron).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Overwrite OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Run a session: the chair's screen on the session's journal.
    Run {
        /// The session file (`*.ron`).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        opts: RunArgs,
    },
    /// The clerk's view on a second laptop: join a session that `hamer run
    /// --serve` serves, with the link it shows on `S`. Keeps a replica of
    /// the journal on this laptop; actions wait on disk while the link is
    /// down.
    Join {
        /// The clerk's (or chair's) link: `http://HOST:PORT/?t=TOKEN`.
        #[arg(value_name = "URL")]
        url: String,
        /// Where to keep the replica of the journal (default: in the data
        /// directory, named after the session; the session's files beside it).
        #[arg(long, value_name = "PATH")]
        replica: Option<PathBuf>,
        /// Do not ring the terminal bell when a speaker's time is up.
        #[arg(long)]
        no_bell: bool,
        /// For an https:// link: the chair's certificate to trust (PEM),
        /// when it is not signed by a known authority.
        #[arg(long, value_name = "PEM")]
        ca: Option<PathBuf>,
    },
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

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format (default: md, or the council file's record template).
    #[arg(long, value_enum)]
    pub format: Option<crate::export::Format>,
    /// Render the record through a template: a built-in (`hengelo-ris`) or
    /// a template file. Overrides the council file's `record_template`.
    #[arg(long, value_name = "NAME|PATH", conflicts_with = "format")]
    pub template: Option<String>,
    /// For CSV: which list.
    #[arg(long, value_enum, default_value = "speeches")]
    pub what: crate::export::What,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The journal to read (default: next to the session file).
    #[arg(long, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// For vtt and chapters: when the video stream began, a wall-clock time
    /// on the session's date (default: offsets count from the opening).
    #[arg(long, value_name = "HH:MM:SS", value_parser = crate::export::chapters::parse_stream_start)]
    pub stream_start: Option<chrono::NaiveTime>,
    /// Include the clerk's notes (private: left out of the record unless
    /// asked for).
    #[arg(long)]
    pub with_notes: bool,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The journal to write (default: next to the session file, `<name>.journal`).
    #[arg(long, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Start over: move the existing journal aside (it is kept, with the time in its name).
    #[arg(long)]
    pub fresh: bool,
    /// Do not ring the terminal bell when a speaker's time is up.
    #[arg(long)]
    pub no_bell: bool,
    /// Serve the session on the network: the clerk's laptop (`hamer
    /// join`), the room display in a browser. ADDR:PORT, or a port alone
    /// for 127.0.0.1; `0.0.0.0:PORT` for the council's network.
    #[arg(long, value_name = "ADDR:PORT", num_args = 0..=1, default_missing_value = "127.0.0.1:8080")]
    pub serve: Option<String>,
    /// With --serve: write the three join links to FILE (mode 0600), one
    /// line per role: `chair URL`, `clerk URL`, `display URL`.
    #[arg(long, value_name = "FILE", requires = "serve")]
    pub tokens: Option<PathBuf>,
    /// With --serve: make new tokens (the old links stop working).
    #[arg(long, requires = "serve")]
    pub new_tokens: bool,
    /// With --serve: serve HTTPS with this certificate (PEM); needs --tls-key.
    #[arg(long, value_name = "PEM", requires_all = ["serve", "tls_key"])]
    pub tls_cert: Option<PathBuf>,
    /// With --serve: the certificate's private key (PEM).
    #[arg(long, value_name = "PEM", requires_all = ["serve", "tls_cert"])]
    pub tls_key: Option<PathBuf>,
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
        Some(Command::Run { file, opts }) => run(file, opts, cli.lang),
        Some(Command::Export { file, opts }) => export(&file, &opts, cli.lang),
        Some(Command::Import {
            file,
            council,
            output,
            force,
        }) => import(
            &file,
            council.as_deref(),
            output.as_deref(),
            force,
            cli.lang,
        ),
        Some(Command::Join {
            url,
            replica,
            no_bell,
            ca,
        }) => join(&url, replica.as_deref(), ca, !no_bell, cli.lang),
        Some(Command::Display { file, journal, ca }) => {
            if let Some(code) = refuse_without_terminal("display", cli.lang) {
                return code;
            }
            if let Some(link) = file
                .as_ref()
                .and_then(|f| f.to_str())
                .filter(|f| is_link(f))
            {
                return display_link(link, journal.as_deref(), ca, cli.lang);
            }
            let file = match file {
                Some(f) => f,
                None => match pick(std::path::Path::new("sessions"), cli.lang) {
                    Ok(f) => f,
                    Err(code) => return code,
                },
            };
            let color = use_color(std::io::stdout().is_terminal());
            ended(crate::tui::display(
                &file,
                journal.as_deref(),
                cli.lang,
                color,
            ))
        }
        None => {
            // The picker asks for a terminal itself, once it knows there
            // are sessions to offer (with none, saying so helps more).
            let dir = cli.dir.unwrap_or_else(|| PathBuf::from("sessions"));
            if let Some(code) = refuse_as_folder(&dir, cli.lang) {
                return code;
            }
            match pick(&dir, cli.lang) {
                Ok(file) => run(
                    file,
                    RunArgs {
                        journal: None,
                        fresh: false,
                        no_bell: false,
                        serve: None,
                        tokens: None,
                        new_tokens: false,
                        tls_cert: None,
                        tls_key: None,
                    },
                    cli.lang,
                ),
                Err(code) => code,
            }
        }
    }
}

/// A command that draws a screen needs a terminal: say so before any file
/// is touched (without one, `run --fresh` would move a journal aside and
/// then fail). `None` when there is one.
fn refuse_without_terminal(command: &str, lang: Lang) -> Option<ExitCode> {
    if crate::tui::term::has_terminal() {
        return None;
    }
    let command = format!("hamer {command}");
    eprintln!(
        "{}",
        lang.fill("cli.needs_terminal", &[("command", &command)])
    );
    Some(ExitCode::from(2))
}

/// `hamer DIR` needs a folder: a session file is started with `hamer run`
/// (as before `hamer DIR` existed, a file is refused, exit 2), and a path
/// that is not there is said as such, not as an empty folder. `None`:
/// a folder (or the default `./sessions`, which the picker reports itself).
fn refuse_as_folder(dir: &std::path::Path, lang: Lang) -> Option<ExitCode> {
    let key = match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => return None,
        Ok(_) => "cli.dir_is_file",
        Err(_) if dir == std::path::Path::new("sessions") => return None,
        Err(_) => "cli.no_such_dir",
    };
    eprintln!(
        "{}",
        crate::sanitize::for_display(&lang.fill(key, &[("path", &dir.display())]))
    );
    Some(ExitCode::from(2))
}

/// The session picker on `dir`: the file chosen, or the exit status.
fn pick(dir: &std::path::Path, lang: Lang) -> Result<PathBuf, ExitCode> {
    match crate::tui::pick_session(dir, lang) {
        Ok(crate::tui::Pick::Chosen(f)) => Ok(f),
        Ok(crate::tui::Pick::Ended(e)) => Err(ended(Ok(e))),
        Err(e) => Err(ended(Err(e))),
    }
}

/// The exit status of a screen: 0 after `q`, 128 + the signal's number
/// after a signal (as a shell reports it), the error's own after an error
/// (2 for a file hamer refuses to touch or nothing to pick, else 1).
fn ended(result: Result<crate::tui::Ended, crate::tui::TuiError>) -> ExitCode {
    match result {
        Ok(crate::tui::Ended::Quit) => ExitCode::SUCCESS,
        Ok(crate::tui::Ended::Signal(sig)) => ExitCode::from(crate::tui::term::exit_status(sig)),
        Err(e) => {
            eprintln!("{}", crate::sanitize::for_display(&e.to_string()));
            ExitCode::from(e.exit_code())
        }
    }
}

/// The template an export renders through: `--template`, else (without
/// `--format`) the council file's `record_template`, else none.
fn export_template(
    opts: &ExportArgs,
    read: &crate::export::FromFiles,
) -> Result<Option<crate::export::template::Template>, String> {
    use crate::export::template;
    if let Some(arg) = &opts.template {
        return template::resolve(arg).map(Some);
    }
    if opts.format.is_some() {
        return Ok(None);
    }
    match &read.plan.council {
        Some((path, council)) => match &council.record_template {
            Some(rel) => template::from_file(&template::council_template(path, rel)).map(Some),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

fn export(file: &std::path::Path, opts: &ExportArgs, lang: Lang) -> ExitCode {
    use crate::clock::Clock;
    use crate::sanitize::for_display;
    let say = |s: String| eprintln!("{}", for_display(&s));
    // `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
    // convention): the record as of that instant, so the same journal
    // gives the same file byte for byte on any machine.
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map_or_else(|| crate::clock::SystemClock.now(), |t| t.fixed_offset());
    let mut read = match crate::export::read_record(file, opts.journal.as_deref(), now, lang) {
        Ok(r) => r,
        Err(e) => {
            say(e);
            return ExitCode::from(1);
        }
    };
    // The clerk's notes are private: in no published form unless asked.
    if !opts.with_notes {
        read.record.withhold_notes();
    }
    for notice in &read.notices {
        say(notice.clone());
    }
    let (record, stream) = (&read.record, opts.stream_start);
    let template = match export_template(opts, &read) {
        Ok(t) => t,
        Err(e) => {
            say(e);
            return ExitCode::from(1);
        }
    };
    let text = if let Some(template) = &template {
        use crate::export::{template, verslag};
        let ctx = template::TemplateContext::new(record, &read.plan);
        match template::render(template, &verslag::with_verslag(&ctx, record, lang)) {
            Ok(text) => text,
            Err(e) => {
                say(e);
                return ExitCode::from(1);
            }
        }
    } else {
        let format = opts.format.unwrap_or(crate::export::Format::Md);
        match format {
            crate::export::Format::Vtt => crate::export::chapters::vtt(record, lang, stream),
            crate::export::Format::Chapters => crate::export::chapters::list(record, stream),
            _ => crate::export::render(record, format, opts.what, lang),
        }
    };
    match &opts.output {
        Some(path) => {
            if let Some((what, target)) =
                crate::export::protected_target(path, file, read.council.as_deref(), &read.journal)
            {
                say(lang.fill(
                    "export.refused",
                    &[
                        ("path", &path.display()),
                        ("what", &lang.text(what.key())),
                        ("target", &target.display()),
                    ],
                ));
                return ExitCode::from(2);
            }
            match crate::export::write_atomically(path, &text) {
                Ok(()) => {
                    say(lang.fill("cli.exported", &[("path", &path.display())]));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    say(crate::export::write_error_message(path, &e, lang));
                    ExitCode::from(2)
                }
            }
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(2),
            }
        }
    }
}

fn import(
    file: &std::path::Path,
    council: Option<&std::path::Path>,
    output: Option<&std::path::Path>,
    force: bool,
    lang: Lang,
) -> ExitCode {
    use crate::export::{BesideError, Existing};
    use crate::import::Warning;
    use crate::sanitize::for_display;
    let say = |s: String| eprintln!("{}", for_display(&s));
    let bytes = match crate::fsio::read_bounded(file) {
        Ok(b) => b,
        Err(e) => {
            say(format!(
                "{}: {}",
                file.display(),
                lang.fill("msg.unreadable", &[("reason", &e.text(lang))])
            ));
            return ExitCode::from(2);
        }
    };
    let mut imported = crate::import::import(&bytes);
    // The default name is made of a parsed date and a slug only, so that
    // nothing from the document decides where the file goes.
    let out = output.map(std::path::Path::to_owned).unwrap_or_else(|| {
        std::path::Path::new("sessions").join(crate::import::default_file_name(&imported.session))
    });
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    // The council file: given, or the first one beside the output.
    let council = match council {
        Some(c) => Some(c.to_owned()),
        None => {
            let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .filter(|p| crate::session::load_council(p).is_ok())
                .collect();
            found.sort();
            found.into_iter().next()
        }
    };
    match &council {
        Some(c) => {
            // Named relative to the session file's folder, as the format asks.
            let rel = c
                .strip_prefix(dir)
                .map(std::path::Path::to_owned)
                .unwrap_or_else(|_| c.clone());
            imported.session.council = Some(rel.display().to_string());
        }
        None => say(lang.text("import.no_council").to_owned()),
    }
    for w in &imported.warnings {
        say(match w {
            Warning::Missing { label } => lang.fill("import.missing", &[("label", label)]),
            Warning::UnknownLabel { line, label } => {
                lang.fill("import.unknown_label", &[("line", line), ("label", label)])
            }
            Warning::Unreadable { label, value } => {
                lang.fill("import.unreadable", &[("label", label), ("value", value)])
            }
            Warning::NotUtf8 => lang.text("import.not_utf8").to_owned(),
            Warning::Decoded { encoding } => lang.fill("import.decoded", &[("encoding", encoding)]),
        });
    }
    let text = crate::import::to_ron(&imported.session, &file.display().to_string());
    // A session file that would not load is not written: what check says
    // of it is shown, and nothing is left behind (exit 1).
    if let Err(e) = crate::session::load_session_bytes(text.as_bytes(), &out) {
        print!("{}", for_display(&(e.message(lang) + "\n")));
        say(lang.fill("import.not_written", &[("path", &out.display())]));
        return ExitCode::from(1);
    }
    if output.is_none()
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        say(crate::export::write_error_message(&out, &e, lang));
        return ExitCode::from(2);
    }
    // Not even --force replaces a journal (or a link to one) with a
    // session file: the events in it would be gone.
    if crate::export::begins_with_journal_header(&out) {
        say(lang.fill("import.is_journal", &[("path", &out.display())]));
        return ExitCode::from(2);
    }
    let written = crate::export::write_beside(&out, &text, |what| {
        force && matches!(what, Existing::File | Existing::Link)
    });
    match written {
        Ok(()) => {}
        Err(BesideError::Exists {
            what: Existing::File | Existing::Link,
        }) => {
            say(lang.fill("import.exists", &[("path", &out.display())]));
            return ExitCode::from(2);
        }
        Err(e) => {
            say(e.message(&out, lang));
            return ExitCode::from(2);
        }
    }
    say(lang.fill("import.written", &[("path", &out.display())]));
    // What hamer check says of it.
    let (code, report) = crate::check::report(&out, lang);
    print!("{report}");
    ExitCode::from(code)
}

fn run(file: PathBuf, opts: RunArgs, lang: Lang) -> ExitCode {
    if let Some(code) = refuse_without_terminal("run", lang) {
        return code;
    }
    let color = use_color(std::io::stdout().is_terminal());
    let serve = match &opts.serve {
        Some(addr) => match serve_addr(addr) {
            Ok(addr) => Some(serve_hook(&file, addr, &opts, lang)),
            Err(e) => {
                eprintln!("hamer run: {}", crate::sanitize::for_display(&e));
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    ended(crate::tui::run(crate::tui::RunOptions {
        session: file,
        journal: opts.journal,
        fresh: opts.fresh,
        bell: !opts.no_bell,
        lang,
        color,
        serve,
    }))
}

/// `--serve`'s address: `ADDR:PORT`, or a port alone (127.0.0.1).
fn serve_addr(given: &str) -> Result<std::net::SocketAddr, String> {
    let given = given.trim();
    if let Ok(port) = given.trim_start_matches(':').parse::<u16>() {
        return Ok(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
    }
    given
        .parse()
        .map_err(|_| format!("--serve {given}: not ADDR:PORT (e.g. 0.0.0.0:8080) or a port"))
}

/// What wakes a screen's loop from the network.
fn remote_wake(journal: bool) -> std::sync::Arc<dyn Fn() + Send + Sync> {
    let tx = crate::tui::term::sender();
    std::sync::Arc::new(move || {
        let _ = tx.send(if journal {
            crate::tui::term::Wake::Journal
        } else {
            crate::tui::term::Wake::Remote
        });
    })
}

/// What starts the server once the journal is open: its tokens beside the
/// journal, the session's files as loaded, the links file of `--tokens`.
fn serve_hook(
    session: &std::path::Path,
    addr: std::net::SocketAddr,
    opts: &RunArgs,
    lang: Lang,
) -> crate::tui::ServeHook {
    let session = session.to_owned();
    let links_file = opts.tokens.clone();
    let renew = opts.new_tokens;
    let tls = opts.tls_cert.clone().zip(opts.tls_key.clone());
    Box::new(move |journal: &std::path::Path| {
        use crate::serve::{server, tokens};
        let bytes = served_session(&session, journal, lang)?;
        let loaded =
            crate::session::load_session_bytes(&bytes, &session).map_err(|e| e.message(lang))?;
        let council = match (&loaded.value.session.council, &loaded.value.council) {
            (Some(name), Some((path, _))) => Some((
                name.clone(),
                std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?,
            )),
            _ => None,
        };
        let name = session
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tokens = tokens::load_or_make(journal, renew)?;
        let server = server::start(
            server::ServeOptions {
                addr,
                journal: journal.to_owned(),
                session: (name, bytes),
                council,
                tokens,
                lang,
                tls,
            },
            remote_wake(false),
        )?;
        if let Some(file) = &links_file {
            use crate::meeting::remote::Served;
            tokens::write_links(file, &server.links())?;
        }
        Ok(Box::new(server) as Box<dyn crate::meeting::remote::Served>)
    })
}

/// The session file's bytes to serve. The file is read again after the
/// meeting opened it: it must still be the one the journal was opened for,
/// or the clerk's laptop would run the journal over other text than the
/// chair's.
fn served_session(
    session: &std::path::Path,
    journal: &std::path::Path,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let bytes = crate::session::load::read_file(session).map_err(|e| e.message(lang))?;
    let header = crate::journal::read_header(journal).map_err(|e| e.message(lang))?;
    if crate::journal::session_hash(&bytes) != header.session_hash {
        return Err(lang.fill("serve.session_changed", &[("path", &session.display())]));
    }
    Ok(bytes)
}

/// A served session's link rather than a file.
fn is_link(given: &str) -> bool {
    given.starts_with("http://") || given.starts_with("https://")
}

/// `hamer join URL`: the clerk's view of a served session.
fn join(
    url: &str,
    replica: Option<&std::path::Path>,
    ca: Option<PathBuf>,
    bell: bool,
    lang: Lang,
) -> ExitCode {
    if let Some(code) = refuse_without_terminal("join", lang) {
        return code;
    }
    let fail = |e: &str| {
        eprintln!("hamer join: {}", crate::sanitize::for_display(e));
        ExitCode::from(1)
    };
    let target = match crate::serve::client::Target::parse(url) {
        Ok(t) => crate::serve::client::Target { ca, ..t },
        Err(e) => {
            eprintln!("hamer join: {}", crate::sanitize::for_display(&e));
            return ExitCode::from(2);
        }
    };
    let joined = match crate::serve::client::join(&target, replica, false, lang, remote_wake(false))
    {
        Ok(j) => j,
        Err(e) => return fail(&e),
    };
    if joined.access == crate::meeting::remote::Access::Display {
        return fail(lang.text("join.display_link"));
    }
    let plan = match crate::session::load_session(&joined.session) {
        Ok(loaded) => loaded.value,
        Err(e) => return fail(&e.message(lang)),
    };
    let clock = crate::clock::Shifted::new(crate::clock::RunningClock::new(), joined.offset_ms);
    let meeting = crate::meeting::Meeting::replica(
        plan,
        joined.replica.clone(),
        joined.records,
        Box::new(joined.link),
        clock,
    );
    let color = use_color(std::io::stdout().is_terminal());
    let result = crate::tui::join(crate::tui::JoinOptions {
        meeting,
        bell,
        lang,
        color,
    });
    // How to carry on here if the chair's laptop is gone.
    eprintln!(
        "{}",
        crate::sanitize::for_display(&lang.fill(
            "join.takeover",
            &[
                ("session", &joined.session.display()),
                ("replica", &joined.replica.display()),
            ],
        ))
    );
    ended(result)
}

/// `hamer display URL`: the room's display of a served session, from a
/// replica this display keeps.
fn display_link(
    url: &str,
    replica: Option<&std::path::Path>,
    ca: Option<PathBuf>,
    lang: Lang,
) -> ExitCode {
    let target = match crate::serve::client::Target::parse(url) {
        Ok(t) => crate::serve::client::Target { ca, ..t },
        Err(e) => {
            eprintln!("hamer display: {}", crate::sanitize::for_display(&e));
            return ExitCode::from(2);
        }
    };
    let joined = match crate::serve::client::join(&target, replica, true, lang, remote_wake(true)) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("hamer display: {}", crate::sanitize::for_display(&e));
            return ExitCode::from(1);
        }
    };
    let color = use_color(std::io::stdout().is_terminal());
    ended(crate::tui::display(
        &joined.session,
        Some(&joined.replica),
        lang,
        color,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_session_file_changed_after_opening_is_not_served() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.ron");
        let journal = dir.path().join("s.journal");
        std::fs::write(&session, b"Session(one)").unwrap();
        let header = crate::journal::Header {
            format: crate::journal::FORMAT,
            app: "test".into(),
            session: "s.ron".into(),
            session_hash: crate::journal::session_hash(b"Session(one)"),
            created: crate::clock::parse_ts("2023-03-08T19:30:00+01:00"),
        };
        let line = format!("{}\n", ron::to_string(&header).unwrap());
        std::fs::write(&journal, line).unwrap();
        assert_eq!(
            served_session(&session, &journal, Lang::En).unwrap(),
            b"Session(one)"
        );
        std::fs::write(&session, b"Session(two)").unwrap();
        let e = served_session(&session, &journal, Lang::En).unwrap_err();
        assert!(e.contains("changed after hamer opened"), "{e}");
        // The Dutch message too.
        let e = served_session(&session, &journal, Lang::Nl).unwrap_err();
        assert!(e.contains("veranderd"), "{e}");
    }
}
