//! Engine benchmarks (issue 3): replaying a 100,000-event journal (target
//! under 0.5 s) and appending one event with its flush to disk.
//!
//! cargo bench --bench engine

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Write;

use criterion::{Criterion, criterion_group, criterion_main};
use hamer::clock::{Clock, SystemClock, parse_ts};
use hamer::journal::{self, Header, OpenRequest, Writer};
use hamer::meeting::{Event, State, sim};

fn write_journal(path: &std::path::Path, n: usize) {
    let header = Header {
        format: journal::FORMAT,
        app: "hamer bench".into(),
        session: "bench.ron".into(),
        session_hash: journal::session_hash(b"bench"),
        created: parse_ts("2023-03-08T09:00:00+01:00"),
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "{}", ron::to_string(&header).unwrap()).unwrap();
    for r in sim::records(n, header.created, 1000) {
        writeln!(out, "{}", ron::to_string(&r).unwrap()).unwrap();
    }
    out.flush().unwrap();
}

fn replay(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.journal");
    write_journal(&path, 100_000);
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "journal of 100,000 events: {:.1} MiB",
        size as f64 / 1_048_576.0
    );
    let mut group = c.benchmark_group("replay");
    group.sample_size(10);
    group.bench_function("read + fold 100k events", |b| {
        b.iter(|| {
            let replay = journal::read(&path).unwrap();
            let state = State::fold(&replay.records);
            assert_eq!(state.last_seq, 100_000);
            state
        })
    });
    group.finish();
}

fn append(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("bench.ron");
    std::fs::write(&session, b"bench").unwrap();
    let req = OpenRequest {
        session_path: &session,
        session_bytes: b"bench",
        journal: None,
        fresh: false,
        data_dir: None,
        now: SystemClock.now(),
    };
    let (mut w, _, _) = Writer::open(&req).unwrap();
    let mut group = c.benchmark_group("append");
    group.sample_size(50);
    group.bench_function("append one event + sync_data", |b| {
        b.iter(|| {
            w.append(SystemClock.now(), Event::LimitAdjusted { delta_sec: 30 })
                .unwrap()
        })
    });
    group.finish();
}

/// Export of a 20,000-event journal, the whole way: read, fold, build the
/// record, render (target under 1 s).
fn export(c: &mut Criterion) {
    let (_dir, session) = common::scratch();
    write_journal(&journal::default_path(&session), 20_000);
    let now = parse_ts("2023-03-09T09:00:00+01:00");
    let mut group = c.benchmark_group("export 20k events");
    group.sample_size(10);
    for (name, format) in [
        ("markdown", hamer::export::Format::Md),
        ("csv speeches", hamer::export::Format::Csv),
        ("json", hamer::export::Format::Json),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let record =
                    hamer::export::record_from_files(&session, None, now, hamer::i18n::Lang::Nl)
                        .unwrap();
                assert!(record.speeches.len() > 4000);
                hamer::export::render(
                    &record,
                    format,
                    hamer::export::What::Speeches,
                    hamer::i18n::Lang::Nl,
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, replay, append, export);
criterion_main!(benches);
