//! Golden files: an output compared byte for byte with `tests/golden/NAME`,
//! or written there with `UPDATE_GOLDEN=1` after an intended change.

use std::path::{Path, PathBuf};

/// The path of a golden file.
pub fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compare `got` with the golden file `name` (or write it, with
/// `UPDATE_GOLDEN=1`). On a mismatch: the first line that differs, and
/// the whole output.
pub fn check(name: &str, got: &str) -> Result<(), String> {
    let path = path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap();
        return Ok(());
    }
    let want = std::fs::read_to_string(&path)
        .map_err(|_| format!("{} missing: run with UPDATE_GOLDEN=1", path.display()))?;
    if got == want {
        return Ok(());
    }
    let (n, (g, w)) = got
        .lines()
        .map(Some)
        .chain(std::iter::repeat(None))
        .zip(want.lines().map(Some).chain(std::iter::repeat(None)))
        .enumerate()
        .find(|(_, (g, w))| g != w)
        .unwrap_or((0, (None, None)));
    Err(format!(
        "{name} differs from the golden file at line {}:\n  want: {}\n  got:  {}\n\
         after an intended change run the test with UPDATE_GOLDEN=1\n\
         --- got ---\n{got}",
        n + 1,
        w.unwrap_or("(end of file)"),
        g.unwrap_or("(end of file)"),
    ))
}

/// [`check`], failing the test on a mismatch.
pub fn assert(name: &str, got: &str) {
    if let Err(e) = check(name, got) {
        panic!("{e}");
    }
}
