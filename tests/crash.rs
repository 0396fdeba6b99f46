//! Crash test: a real child process appends events as fast as it can and is
//! killed with SIGKILL in the middle; every event it acknowledged must be in
//! the journal when it is opened again. Repeated over several crashes on
//! the same journal.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hamer::clock::SystemClock;
use hamer::meeting::{Action, Event, Meeting};

mod common;

fn open(session: &Path) -> Meeting<SystemClock> {
    common::open(session, SystemClock)
}
const CHILD_ENV: &str = "HAMER_CRASH_CHILD_SESSION";

/// The child: append notes forever, acknowledging each one on stdout only
/// after `act` returned (the event is on disk).
#[test]
#[ignore = "run by crash_test_kill_9 as a child process"]
fn crash_child_writer() {
    let Some(session) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut m = open(Path::new(&session));
    let mut n = 0u64;
    loop {
        n += 1;
        let done = m
            .act(Action::Note(format!(
                "notitie {n} {}",
                "x".repeat((n % 50) as usize)
            )))
            .expect("append");
        println!("ack {}", done.record.seq);
    }
}

fn acked_after_kill(session: &Path, min_acks: usize) -> Vec<u64> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "crash_child_writer",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, session)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut acked = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while acked.len() < min_acks {
        assert!(
            Instant::now() < deadline,
            "child too slow: {} acks",
            acked.len()
        );
        let line = lines.next().expect("child ended early").unwrap();
        if let Some(seq) = line.strip_prefix("ack ") {
            acked.push(seq.parse().unwrap());
        }
    }
    // SIGKILL, in the middle of whatever write comes next.
    child.kill().unwrap();
    // Acks that were written before the kill are still in the pipe.
    for line in lines {
        let Ok(line) = line else { break };
        if let Some(seq) = line.strip_prefix("ack ") {
            acked.push(seq.parse().unwrap());
        }
    }
    child.wait().unwrap();
    acked
}

#[test]
fn crash_test_kill_9() {
    let (_dir, session) = common::scratch();
    let mut all_acked = Vec::new();
    for round in 0..5 {
        let acked = acked_after_kill(&session, 50 + round * 37);
        assert!(!acked.is_empty());
        all_acked.extend(acked);
        // Reopen as the next writer would: torn tail cut, every ack there.
        let m = open(&session);
        let journal = hamer::journal::read(m.journal_path()).unwrap();
        assert!(journal.torn.is_none(), "the writer repaired the tail");
        let seqs: std::collections::HashSet<u64> = journal
            .records
            .iter()
            .filter(|r| matches!(r.event, Event::NoteAdded { .. }))
            .map(|r| r.seq)
            .collect();
        for seq in &all_acked {
            assert!(
                seqs.contains(seq),
                "round {round}: acknowledged event {seq} lost"
            );
        }
        assert_eq!(m.state().outcomes.notes.len(), journal.records.len());
    }
}
