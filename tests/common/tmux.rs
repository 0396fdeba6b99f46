//! A real terminal for the end-to-end tests: tmux on a private server,
//! driven with send-keys and read with capture-pane.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux session on a private server (`tmux -L`), so the tests never
/// touch the developer's own tmux.
pub struct Tmux {
    pub name: String,
}

pub fn tmux() -> Command {
    let mut c = Command::new("tmux");
    c.args([
        "-L",
        &format!("hamer-test-{}", std::process::id()),
        "-f",
        "/dev/null",
    ])
    .env("TERM", "xterm-256color");
    c
}

impl Tmux {
    /// `cmd` in a 120x40 pane.
    pub fn start(name: &str, dir: &Path, cmd: &str) -> Tmux {
        Tmux::start_sized(name, dir, (120, 40), cmd)
    }

    /// `cmd` in a pane of `size` (columns, rows).
    pub fn start_sized(name: &str, dir: &Path, size: (u16, u16), cmd: &str) -> Tmux {
        let _ = tmux().args(["kill-session", "-t", name]).output();
        let status = tmux()
            .args(["new-session", "-d", "-s", name, "-x"])
            .arg(size.0.to_string())
            .arg("-y")
            .arg(size.1.to_string())
            .arg("-c")
            .arg(dir)
            .arg(format!("exec env -u HAMER_LANG TERM=xterm-256color {cmd}"))
            .status()
            .expect("tmux must be installed for the end-to-end tests (.ci/run installs it)");
        assert!(status.success());
        Tmux {
            name: name.to_owned(),
        }
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let ok = tmux()
                .args(["send-keys", "-t", &self.name, k])
                .status()
                .unwrap();
            assert!(ok.success());
            std::thread::sleep(Duration::from_millis(80));
        }
    }

    pub fn literal(&self, text: &str) {
        let ok = tmux()
            .args(["send-keys", "-t", &self.name, "-l", text])
            .status()
            .unwrap();
        assert!(ok.success());
        std::thread::sleep(Duration::from_millis(80));
    }

    pub fn capture(&self) -> String {
        let out = tmux()
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Wait until the screen shows `text`; the screen when it does.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.capture();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {text:?}; the screen is:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn pid(&self) -> u32 {
        let out = tmux()
            .args(["list-panes", "-t", &self.name, "-F", "#{pane_pid}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = tmux().args(["kill-session", "-t", &self.name]).output();
    }
}

impl Tmux {
    /// Is the session still there (its command still running)?
    pub fn alive(&self) -> bool {
        tmux()
            .args(["has-session", "-t", &self.name])
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Wait until the command in the pane has ended.
    pub fn wait_gone(&self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.alive() {
            assert!(Instant::now() < deadline, "{} did not end", self.name);
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A tmux format string of this session's pane, e.g. `#{alternate_on}`.
    pub fn format(&self, fmt: &str) -> String {
        let out = tmux()
            .args(["display-message", "-p", "-t", &self.name, fmt])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Wait until a format string of the pane reads `want`.
    pub fn wait_format(&self, fmt: &str, want: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let got = self.format(fmt);
            if got == want {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {fmt} = {want:?}, it is {got:?}; the screen is:\n{}",
                self.capture()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
