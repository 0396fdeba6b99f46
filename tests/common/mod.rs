//! Shared by the integration tests and benches: a scratch copy of the seed
//! session and its council, and opening it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use hamer::clock::Clock;
use hamer::i18n::Lang;
use hamer::meeting::{Meeting, OpenOptions};

pub mod mutate;

pub const SEED: &str = "2023-03-08-datagedreven-sturing.ron";
pub const COUNCIL: &str = "hengelo-2022-2026.ron";

/// Copy the seed session and its council into `dir`; the session's path.
pub fn copy_seed(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for f in [SEED, COUNCIL] {
        std::fs::copy(src.join(f), dir.join(f)).expect("copy a sample session");
    }
    dir.join(SEED)
}

/// A scratch folder with the seed session; the folder lives as long as the
/// returned guard.
pub fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let session = copy_seed(dir.path());
    (dir, session)
}

/// Open a session's journal in its default place.
pub fn open<C: Clock>(session: &Path, clock: C) -> Meeting<C> {
    Meeting::open_file(session, clock, &OpenOptions::default(), Lang::Nl)
        .expect("open the session")
        .0
}
