//! `hamer check` end to end: the real binary on real and broken files.
//! One test per validation rule and per message shape.

use std::path::{Path, PathBuf};
use std::process::Command;

fn hamer() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hamer"));
    c.env_remove("HAMER_LANG").env("NO_COLOR", "1");
    c
}

fn sessions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions")
}

struct Run {
    code: i32,
    out: String,
}

fn check(args: &[&str], files: &[&Path], cwd: &Path) -> Run {
    let o = hamer()
        .current_dir(cwd)
        .args(args)
        .arg("check")
        .args(files)
        .output()
        .expect("run hamer");
    Run {
        code: o.status.code().expect("exit code"),
        out: String::from_utf8(o.stdout).expect("utf-8 output")
            + &String::from_utf8(o.stderr).expect("utf-8 errors"),
    }
}

/// A scratch folder with one file `s.ron` (and optionally more).
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }
    fn write(&self, name: &str, text: &str) -> &Self {
        std::fs::write(self.dir.path().join(name), text).expect("write");
        self
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    /// Check `s.ron` in English; the output with the folder left out.
    fn check_en(&self) -> Run {
        check(&["--lang", "en"], &[Path::new("s.ron")], self.path())
    }
}

const COUNCIL: &str = r#"Council(
    municipality: "Hengelo",
    term: "2022-2026",
    seats: 10,
    factions: [
        Faction(short: "A", name: "Partij A", seats: 6, coalition: true, members: ["Anna"]),
        Faction(short: "B", name: "Partij B", seats: 4, members: ["Bert"]),
    ],
    college: [CollegeMember(name: "Freriksen", role: "wethouder")],
)
"#;

/// A valid session; tests replace one line to break one rule.
const SESSION: &str = r#"Session(
    title: "Toets",
    date: "2023-03-08",
    start: Some("19:30"),
    duration_min: 60,
    goal: Oordeelsvormend,
    public_speaking: Some(PublicSpeaking(limit_min: 5)),
    council: Some("council.ron"),
    agenda: [
        Item(title: "Opening", kind: Opening, planned_min: 5),
        Item(title: "Insprekers", kind: PublicSpeaking, planned_min: 10),
        Item(title: "Termijn", kind: Round, planned_min: 40, speaker_limit_min: Some(3)),
    ],
)
"#;

fn session_with(from: &str, to: &str) -> String {
    assert!(
        SESSION.contains(from),
        "test setup: {from:?} not in SESSION"
    );
    SESSION.replacen(from, to, 1)
}

fn broken(from: &str, to: &str) -> Run {
    let s = Scratch::new();
    s.write("council.ron", COUNCIL)
        .write("s.ron", &session_with(from, to));
    s.check_en()
}

fn assert_line(run: &Run, line: &str) {
    assert!(
        run.out.lines().any(|l| l == line),
        "expected the line\n  {line}\nin\n{}",
        run.out
    );
}

// ---- samples ----

#[test]
fn every_sample_passes() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(sessions_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "samples missing: {files:?}");
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let run = check(&[], &refs, Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(run.code, 0, "{}", run.out);
    assert_eq!(
        run.out.lines().filter(|l| l.starts_with("ok ")).count(),
        files.len()
    );
    assert!(!run.out.contains(": fout:"), "{}", run.out);
}

#[test]
fn seed_summary_line_matches_the_issue() {
    let run = check(
        &["--lang", "en"],
        &[Path::new("sessions/2023-03-08-datagedreven-sturing.ron")],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        run.out,
        "ok    sessions/2023-03-08-datagedreven-sturing.ron  Rekenkameronderzoek Datagedreven \
         Sturing · 2023-03-08 · Raadzaal · 7 items (60/60 min) · 13 factions\n"
    );
}

#[test]
fn council_summary_line_in_dutch() {
    let run = check(
        &[],
        &[Path::new("sessions/hengelo-2022-2026.ron")],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        run.out,
        "ok    sessions/hengelo-2022-2026.ron  Hengelo 2022-2026 · 37 zetels · 13 fracties · 6 collegeleden\n"
    );
}

#[test]
fn valid_scratch_session_passes_silently() {
    let s = Scratch::new();
    s.write("council.ron", COUNCIL).write("s.ron", SESSION);
    let run = s.check_en();
    assert_eq!(run.code, 0, "{}", run.out);
    assert_eq!(
        run.out,
        "ok    s.ron  Toets · 2023-03-08 · 3 items (55/60 min) · 2 factions\n"
    );
}

// ---- syntax and shape ----

#[test]
fn syntax_error_is_located() {
    let run = broken("    duration_min: 60,\n", "    duration_min: 60\n");
    assert_eq!(run.code, 1);
    assert_line(&run, "FAIL  s.ron  1 error");
    assert_line(
        &run,
        "s.ron:5:21: error: a comma is expected here; is a `,` missing after the previous value?",
    );
}

#[test]
fn unknown_field_lists_valid_fields_and_suggests() {
    let run = broken("    title: \"Toets\",", "    titel: \"Toets\",");
    assert_eq!(run.code, 1);
    let line = run.out.lines().nth(1).unwrap();
    assert!(line.starts_with("s.ron:2:5: error: unknown field `titel` in Session; valid fields: `title`, `case_number`"), "{line}");
    assert!(line.ends_with("`agenda` (did you mean `title`?)"), "{line}");
}

#[test]
fn unknown_field_in_an_item() {
    let run = broken("planned_min: 5)", "planned_min: 5, speaker: 3)");
    assert_line(
        &run,
        "s.ron:10:63: error: unknown field `speaker` in Item; valid fields: `title`, `kind`, `planned_min`, `speaker_limit_min`",
    );
}

#[test]
fn unknown_variant_suggests() {
    let run = broken("goal: Oordeelsvormend", "goal: Oordelsvormend");
    assert_line(
        &run,
        "s.ron:6:11: error: unknown value `Oordelsvormend` for Goal; choose one of: `Informerend`, `Beeldvormend`, `Oordeelsvormend` (did you mean `Oordeelsvormend`?)",
    );
}

#[test]
fn missing_required_field() {
    let run = broken("    goal: Oordeelsvormend,\n", "");
    assert_eq!(run.code, 1);
    assert!(
        run.out
            .contains("error: required field `goal` is missing in Session; add `goal: ...`"),
        "{}",
        run.out
    );
}

#[test]
fn wrong_kind_of_value() {
    let run = broken("duration_min: 60", "duration_min: \"60\"");
    assert_line(
        &run,
        "s.ron:5:19: error: a whole number is expected here (without quotes), e.g. `60`",
    );
}

#[test]
fn number_out_of_range() {
    let run = broken("duration_min: 60", "duration_min: 99999999999");
    assert_eq!(run.code, 1);
    assert!(run.out.contains("s.ron:5:"), "{}", run.out);
    assert!(run.out.contains("this number does not fit"), "{}", run.out);
}

#[test]
fn truncated_file_points_at_the_end() {
    let s = Scratch::new();
    s.write("s.ron", "Session(\n    title: \"Toets\",\n");
    let run = s.check_en();
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "s.ron:3:1: error: the file ends too early; is a closing `)`, `]` or `\"` missing?",
    );
}

#[test]
fn not_utf8_is_located() {
    let s = Scratch::new();
    std::fs::write(
        s.path().join("s.ron"),
        b"Session(\n  title: \"caf\xe9\",\n)",
    )
    .unwrap();
    let run = s.check_en();
    assert_eq!(run.code, 1);
    assert!(
        run.out
            .contains("s.ron:2:14: error: this is not UTF-8 text"),
        "{}",
        run.out
    );
}

#[test]
fn neither_session_nor_council() {
    let s = Scratch::new();
    s.write("s.ron", "// comment\nAgenda(items: [])\n");
    let run = s.check_en();
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "s.ron:2:1: error: expected `Session(...)` or `Council(...)` at the top of the file, found: `Agenda`",
    );
}

// ---- semantic errors ----

#[test]
fn empty_title() {
    let run = broken("title: \"Toets\"", "title: \"  \"");
    assert_eq!(run.code, 1);
    assert_line(&run, "s.ron:2:12: error: `title` is empty; fill it in");
}

#[test]
fn zero_duration() {
    let run = broken("duration_min: 60", "duration_min: 0");
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "s.ron:5:19: error: `duration_min` is 0; give a value of at least 1",
    );
}

#[test]
fn zero_limits() {
    let run = broken("limit_min: 5", "limit_min: 0");
    assert_line(
        &run,
        "s.ron:7:53: error: `public_speaking.limit_min` is 0; give a value of at least 1",
    );
    let run = broken("speaker_limit_min: Some(3)", "speaker_limit_min: Some(0)");
    assert_line(
        &run,
        "s.ron:12:86: error: `agenda[2].speaker_limit_min` is 0; give a value of at least 1",
    );
    let run = broken("planned_min: 5)", "planned_min: 0)");
    assert_line(
        &run,
        "s.ron:10:60: error: `agenda[0].planned_min` is 0; give a value of at least 1",
    );
    let run = broken(
        "    agenda: [",
        "    faction_budget: Some(Equal(min: 0)),\n    agenda: [",
    );
    assert_line(
        &run,
        "s.ron:9:37: error: `faction_budget.min` is 0; give a value of at least 1",
    );
}

#[test]
fn no_agenda() {
    let s = Scratch::new();
    s.write("council.ron", COUNCIL).write(
        "s.ron",
        "Session(title: \"T\", date: \"2023-03-08\", duration_min: 60, goal: Informerend, council: Some(\"council.ron\"), agenda: [])",
    );
    let run = s.check_en();
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "s.ron:1:116: error: the agenda is empty; add at least one `Item(title: ..., kind: ..., planned_min: ...)`",
    );
}

#[test]
fn not_a_real_date_or_time() {
    let run = broken("date: \"2023-03-08\"", "date: \"2023-02-30\"");
    assert_line(
        &run,
        "s.ron:3:11: error: `date` is \"2023-02-30\", not a real date; write YYYY-MM-DD, e.g. \"2023-03-08\"",
    );
    let run = broken("Some(\"19:30\")", "Some(\"24:30\")");
    assert_line(
        &run,
        "s.ron:4:17: error: `start` is \"24:30\", not a real time; write HH:MM, e.g. \"19:30\"",
    );
    let run = broken("date: \"2023-03-08\"", "date: \"8-3-2023\"");
    assert_eq!(run.code, 1);
}

#[test]
fn duplicate_faction_codes() {
    let s = Scratch::new();
    s.write(
        "council.ron",
        &COUNCIL.replace("short: \"B\"", "short: \"a\""),
    )
    .write("s.ron", SESSION);
    let run = check(&["--lang", "en"], &[Path::new("council.ron")], s.path());
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "council.ron:7:24: error: faction code `a` appears twice (first on line 6); give each faction its own code",
    );
}

#[test]
fn member_in_two_factions() {
    let s = Scratch::new();
    s.write(
        "council.ron",
        &COUNCIL.replace("[\"Bert\"]", "[\"Bert\", \"Anna\"]"),
    );
    let run = check(&["--lang", "en"], &[Path::new("council.ron")], s.path());
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "council.ron:7:75: error: `Anna` is listed in two factions (A and B); a member belongs to one faction",
    );
}

#[test]
fn missing_council_names_the_resolved_path() {
    let s = Scratch::new();
    std::fs::create_dir(s.path().join("sub")).unwrap();
    s.write("sub/s.ron", SESSION);
    let run = check(&["--lang", "en"], &[Path::new("sub/s.ron")], s.path());
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "sub/s.ron:8:19: error: council file sub/council.ron cannot be read: No such file or directory; check `council` (the path is relative to this session file)",
    );
}

#[test]
fn invalid_council_is_reported_in_both_files() {
    let s = Scratch::new();
    s.write("council.ron", &COUNCIL.replace("seats: 6", "seats: zes"))
        .write("s.ron", SESSION);
    let run = s.check_en();
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "s.ron:8:19: error: council file council.ron is invalid (1 error, below); fix that file",
    );
    assert!(run.out.contains("council.ron:6:54: error:"), "{}", run.out);
}

#[test]
fn council_that_is_a_session() {
    let s = Scratch::new();
    s.write("council.ron", SESSION).write("s.ron", SESSION);
    let run = s.check_en();
    assert_eq!(run.code, 1);
    assert!(
        run.out
            .contains("error: expected `Council(...)`, found `Session(...)`"),
        "{}",
        run.out
    );
}

// ---- warnings ----

#[test]
fn agenda_over_duration_warns() {
    let run = broken("planned_min: 40", "planned_min: 50");
    assert_eq!(run.code, 0, "{}", run.out);
    assert_line(
        &run,
        "s.ron:9:13: warning: the agenda plans 65 min, more than the session's 60 min",
    );
}

#[test]
fn public_speaking_item_without_spreekrecht_warns() {
    let run = broken("Some(PublicSpeaking(limit_min: 5))", "None");
    assert_eq!(run.code, 0, "{}", run.out);
    assert_line(
        &run,
        "s.ron:11:41: warning: agenda item \"Insprekers\" is for insprekers, but the session has no spreekrecht (`public_speaking: None`)",
    );
}

#[test]
fn seats_not_adding_up_warns() {
    let s = Scratch::new();
    s.write("council.ron", &COUNCIL.replace("seats: 10", "seats: 37"));
    let run = check(&["--lang", "en"], &[Path::new("council.ron")], s.path());
    assert_eq!(run.code, 0, "{}", run.out);
    assert_line(
        &run,
        "council.ron:5:15: warning: the factions have 10 seats in all, the council has 37",
    );
}

#[test]
fn escape_sequences_are_removed_with_a_warning() {
    let run = broken("title: \"Toets\"", "title: \"Toets\\u{1b}[2J\\u{202e}\"");
    assert_eq!(run.code, 0, "{}", run.out);
    assert!(!run.out.contains('\u{1b}'), "escape reached the output");
    assert!(
        !run.out.contains('\u{202e}'),
        "bidi override reached the output"
    );
    assert_line(
        &run,
        "s.ron:2:12: warning: control characters (escape sequences, bidi controls) removed from `title`",
    );
    assert!(run.out.starts_with("ok    s.ron  Toets · "), "{}", run.out);
}

#[test]
fn inline_factions_replace_the_council() {
    let run = broken(
        "    agenda: [",
        "    factions: Some([Faction(short: \"X\", name: \"X\", seats: 10)]),\n    agenda: [",
    );
    assert_eq!(run.code, 0, "{}", run.out);
    assert!(run.out.contains("· 1 faction\n"), "{}", run.out);
}

// ---- exit codes and usage ----

#[test]
fn unreadable_file_exits_2() {
    let s = Scratch::new();
    s.write("council.ron", COUNCIL).write("s.ron", SESSION);
    let run = check(
        &["--lang", "en"],
        &[Path::new("s.ron"), Path::new("nope.ron")],
        s.path(),
    );
    assert_eq!(run.code, 2, "{}", run.out);
    assert_line(
        &run,
        "nope.ron: error: cannot read the file: No such file or directory",
    );
    assert_line(&run, "2 files checked: 1 valid, 1 with errors");
}

#[test]
fn invalid_beats_valid_exit_1() {
    let s = Scratch::new();
    s.write("council.ron", COUNCIL)
        .write("s.ron", SESSION)
        .write("bad.ron", "Session(");
    let run = check(&[], &[Path::new("s.ron"), Path::new("bad.ron")], s.path());
    assert_eq!(run.code, 1, "{}", run.out);
    assert_line(&run, "2 bestanden gecontroleerd: 1 in orde, 1 met fouten");
}

#[test]
fn usage_errors_exit_2() {
    let o = hamer().arg("check").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = hamer().arg("frobnicate").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    // Without a command hamer offers the sessions in ./sessions; in a
    // folder without any it says so and exits 2.
    let empty = tempfile::tempdir().unwrap();
    let o = hamer().current_dir(empty.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("geen sessiebestanden"));
}

#[test]
fn help_and_version() {
    let o = hamer().arg("--help").output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("check"));
    let o = hamer().arg("--version").output().unwrap();
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("hamer {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn language_from_the_environment() {
    let s = Scratch::new();
    s.write("s.ron", "Session(");
    let o = hamer()
        .current_dir(s.path())
        .env("HAMER_LANG", "en")
        .args(["check", "s.ron"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains(": error: "));
}

#[test]
fn date_must_have_the_exact_shape() {
    let run = broken("date: \"2023-03-08\"", "date: \"+2023-3-08\"");
    assert_eq!(run.code, 1, "{}", run.out);
    assert!(
        run.out
            .contains("`date` is \"+2023-3-08\", not a real date"),
        "{}",
        run.out
    );
    let run = broken("Some(\"19:30\")", "Some(\"9:30\")");
    assert_eq!(run.code, 1, "{}", run.out);
}

#[test]
fn council_without_seats() {
    let s = Scratch::new();
    s.write("council.ron", &COUNCIL.replace("seats: 10", "seats: 0"));
    let run = check(&["--lang", "en"], &[Path::new("council.ron")], s.path());
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "council.ron:4:12: error: `seats` is 0; a council has at least 1 seat",
    );
}

#[test]
fn top_level_error_skips_block_comments() {
    let s = Scratch::new();
    s.write("s.ron", "/* one */ /* two */\n  (title: \"x\")\n");
    let run = s.check_en();
    assert_line(
        &run,
        "s.ron:2:3: error: expected `Session(...)` or `Council(...)` at the top of the file, found: `(title: \"x\")`",
    );
}

#[test]
fn inline_college_names_are_checked() {
    let run = broken(
        "    agenda: [",
        "    college: Some([CollegeMember(name: \"\", role: \"wethouder\")]),\n    agenda: [",
    );
    assert_eq!(run.code, 1);
    assert_line(
        &run,
        "s.ron:9:40: error: `college[0].name` is empty; fill it in",
    );
}

#[test]
fn empty_inline_factions_warn() {
    let run = broken("    agenda: [", "    factions: Some([]),\n    agenda: [");
    assert_eq!(run.code, 0, "{}", run.out);
    assert!(
        run.out.contains("s.ron:9:20: warning: no factions"),
        "{}",
        run.out
    );
}

#[test]
fn quoted_enum_value_says_what_to_write() {
    let run = broken("goal: Oordeelsvormend", "goal: \"Oordeelsvormend\"");
    assert_line(
        &run,
        "s.ron:6:11: error: a name without quotes is expected here: a field name or a value such as `Oordeelsvormend`",
    );
}
