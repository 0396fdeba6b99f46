//! The large case of issue 8: a session of 1,000 agenda items, a council of
//! 50 factions x 20 members, and a journal of 100,000 events over them.
//!
//! cargo bench --bench large               # generate in a temporary folder,
//!                                         # time opening it in-process
//! cargo bench --bench large -- DIR        # only write the files into DIR
//!                                         # (benches/startup.sh uses them)
//!
//! The files are checked by loading them: a figure over files that do not
//! load would mean nothing.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use hamer::clock::{SystemClock, parse_ts};
use hamer::i18n::Lang;
use hamer::journal::{self, Header};
use hamer::meeting::{Meeting, OpenOptions, sim};

const FACTIONS: usize = 50;
const MEMBERS: usize = 20;
const ITEMS: usize = 1_000;
const EVENTS: usize = 100_000;

fn faction_short(f: usize) -> String {
    format!("F{f:02}")
}

fn council() -> String {
    let mut s = String::from(
        "Council(\n    municipality: \"Benchmarkstad\",\n    term: \"2026-2030\",\n    seats: 1000,\n    factions: [\n",
    );
    for f in 1..=FACTIONS {
        s.push_str(&format!(
            "        Faction(short: \"{}\", name: \"Fractie nummer {f}\", seats: {MEMBERS}, coalition: {}, members: [",
            faction_short(f),
            f % 2 == 0
        ));
        for m in 1..=MEMBERS {
            s.push_str(&format!("\"Lid {m} van fractie {f}\", "));
        }
        s.push_str("]),\n");
    }
    s.push_str("    ],\n    college: [\n");
    for c in 1..=7 {
        s.push_str(&format!(
            "        CollegeMember(name: \"Wethouder {c}\", role: \"wethouder\"),\n"
        ));
    }
    s.push_str("    ],\n)\n");
    s
}

fn session() -> String {
    let mut s = String::from(
        "Session(\n    title: \"Benchmark met duizend agendapunten\",\n    case_number: \"BENCH-1\",\n    date: \"2026-11-28\",\n    start: Some(\"09:00\"),\n    duration_min: 1000,\n    room: \"Raadzaal\",\n    goal: Oordeelsvormend,\n    public_speaking: Some(PublicSpeaking(limit_min: 5)),\n    council: Some(\"council.ron\"),\n    faction_budget: Some(BySeats(total_min: 300)),\n    agenda: [\n",
    );
    for i in 1..=ITEMS {
        s.push_str(&format!(
            "        Item(title: \"Agendapunt {i}: een redelijk lange titel zoals in het echt\", kind: Round, planned_min: 1, speaker_limit_min: Some(3)),\n"
        ));
    }
    s.push_str("    ],\n)\n");
    s
}

/// Write `large.ron`, `council.ron` and `large.journal` into `dir`.
fn write_case(dir: &Path) -> std::io::Result<()> {
    std::fs::write(dir.join("council.ron"), council())?;
    let session = session();
    std::fs::write(dir.join("large.ron"), &session)?;
    let header = Header {
        format: journal::FORMAT,
        app: "hamer bench".into(),
        session: "large.ron".into(),
        session_hash: journal::session_hash(session.as_bytes()),
        created: parse_ts("2026-11-28T09:00:00+01:00"),
    };
    let shape = sim::Shape {
        factions: (1..=FACTIONS).map(faction_short).collect(),
        items: ITEMS,
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("large.journal"))?);
    writeln!(out, "{}", ron::to_string(&header).expect("header"))?;
    // One event every 300 ms: 100,000 events in a little over eight hours.
    for r in sim::records_over(EVENTS, header.created, 300, shape) {
        writeln!(out, "{}", ron::to_string(&r).expect("record"))?;
    }
    out.flush()
}

/// Open the case as `hamer run` does; panics (fails the bench) when the
/// files do not load cleanly.
fn open(dir: &Path) -> Meeting<SystemClock> {
    let options = OpenOptions {
        journal: None,
        fresh: false,
        data_dir: Some(dir),
    };
    let (m, notices) = Meeting::open_file(&dir.join("large.ron"), SystemClock, &options, Lang::En)
        .unwrap_or_else(|e| panic!("the large case does not load: {e}"));
    assert!(
        notices.is_empty(),
        "the large case loads with notices: {notices:?}"
    );
    assert!(
        m.state().notices.is_empty(),
        "the journal folds with notices: {:?}",
        &m.state().notices[..3.min(m.state().notices.len())]
    );
    m
}

fn main() {
    // `cargo bench` passes `--bench`; anything else is the folder.
    let dir_arg = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    if let Some(dir) = dir_arg {
        let dir = Path::new(&dir);
        std::fs::create_dir_all(dir).expect("create the folder");
        write_case(dir).expect("write the large case");
        drop(open(dir));
        println!(
            "large case in {}: large.ron ({ITEMS} items), council.ron ({FACTIONS} factions x {MEMBERS}), large.journal ({EVENTS} events)",
            dir.display()
        );
        return;
    }
    let tmp = tempfile::tempdir().expect("temporary folder");
    write_case(tmp.path()).expect("write the large case");
    let size = std::fs::metadata(tmp.path().join("large.journal"))
        .map(|m| m.len())
        .unwrap_or(0);
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let m = open(tmp.path());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(m);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "open the large case in-process ({ITEMS} items, {FACTIONS} factions, {EVENTS} events, {:.1} MiB journal): median {:.0} ms of 7 (min {:.0}, max {:.0})",
        size as f64 / 1_048_576.0,
        times[3],
        times[0],
        times[6]
    );
}
