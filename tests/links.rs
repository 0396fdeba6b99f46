//! Snapshots of the join links window (`S` on a served session) at 80x24
//! and 120x40, in Dutch and English, with fixed links: the links in full
//! and the QR code of the room display's link drawn in half blocks.

use std::path::{Path, PathBuf};

use hamer::clock::{FakeClock, parse_ts};
use hamer::i18n::Lang;
use hamer::meeting::remote::Access;
use hamer::tui::app::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;
use common::SEED;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new("target").join("links").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    common::copy_seed(&dir);
    dir
}

/// Links as `hamer run FILE --serve 192.168.1.20:8080` gives them, with
/// fixed tokens of 128 bits.
fn links() -> Vec<(Access, String)> {
    let base = "http://192.168.1.20:8080";
    vec![
        (
            Access::Chair,
            format!("{base}/?t=3f9a0c1de2b74f6a8e5d9c0b1a2f3e4d"),
        ),
        (
            Access::Clerk,
            format!("{base}/?t=7b2e4d6f8a0c1e3f5a7b9c0d2e4f6a8b"),
        ),
        (
            Access::Display,
            format!("{base}/display?t=c0ffee00d15ea5e5ba5eba11fee1900d"),
        ),
    ]
}

fn app(name: &str, lang: Lang) -> App<FakeClock> {
    let dir = scratch(name);
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut app = App::new(
        common::open(&dir.join(SEED), clock),
        lang,
        false,
        Vec::new(),
    );
    app.links = links();
    app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    app
}

#[test]
fn the_links_window() {
    for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let app = app(&format!("window-{tag}"), lang);
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = common::screen_text(&app, w, h, true);
            // Every link in full, whatever wraps it: the first word of
            // each row in the window, one after the other.
            let words: String = screen
                .lines()
                .filter_map(|l| l.split_once('│'))
                .filter_map(|(_, rest)| rest.split([' ', '│']).next())
                .collect();
            for (_, url) in links() {
                assert!(words.contains(&url), "{tag} {w}x{h}: {url} in {words}");
            }
            insta::assert_snapshot!(format!("links_{tag}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn the_chair_link_chosen_warns() {
    let mut app = app("chair-nl", Lang::Nl);
    app.handle_key(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE));
    let screen = common::screen_text(&app, 120, 40, false);
    insta::assert_snapshot!("links_chair_nl_120x40", screen);
}

#[test]
fn a_code_that_does_not_fit_is_said_in_words_not_drawn() {
    for lang in Lang::ALL {
        let mut app = app(&format!("small-{lang:?}"), lang);
        // A long host name makes a larger code than 80x24 can hold.
        let host = "hamer-voorzitter-laptop.raadzaal.gemeente-hengelo.example.nl";
        app.links = vec![
            (
                Access::Chair,
                format!("http://{host}:8080/?t=3f9a0c1de2b74f6a8e5d9c0b1a2f3e4d"),
            ),
            (
                Access::Display,
                format!("http://{host}:8080/display?t=c0ffee00d15ea5e5ba5eba11fee1900d"),
            ),
        ];
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
        let screen = common::screen_text(&app, 80, 24, true);
        assert!(screen.contains(lang.text("ui.links.too_small")), "{screen}");
        assert!(!screen.contains('▀') && !screen.contains('▄'), "{screen}");
        // A larger terminal draws it.
        let screen = common::screen_text(&app, 160, 50, true);
        assert!(
            !screen.contains(lang.text("ui.links.too_small")),
            "{screen}"
        );
        assert!(screen.contains('▀'), "{screen}");
    }
}

/// The QR codes a reader finds on a photo of the screen: each cell two
/// modules high (a half block dark in its half), `scale` pixels a module;
/// all other characters light.
fn read_codes(buf: &ratatui::buffer::Buffer, scale: usize) -> Vec<String> {
    let (w, h) = (usize::from(buf.area.width), usize::from(buf.area.height));
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w * scale, 2 * h * scale, |x, y| {
        let (col, half) = (x / scale, y / scale);
        let dark = match buf[(col as u16, (half / 2) as u16)].symbol() {
            "█" => true,
            "▀" => half % 2 == 0,
            "▄" => half % 2 == 1,
            _ => false,
        };
        if dark { 0 } else { 255 }
    });
    img.detect_grids()
        .iter()
        .map(|g| g.decode().expect("the code reads").1)
        .collect()
}

#[test]
fn a_qr_reader_reads_the_chosen_link_off_the_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(&format!("read-{w}x{h}"), Lang::Nl);
        for (key, access) in [
            ('3', Access::Display),
            ('1', Access::Chair),
            ('2', Access::Clerk),
        ] {
            app.handle_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
            common::draw_screen(&mut t, &app, app.now(), false).unwrap();
            let want = links().into_iter().find(|(a, _)| *a == access).unwrap().1;
            let read = read_codes(t.backend().buffer(), 3);
            assert_eq!(read, [want], "{w}x{h} {access:?}");
        }
    }
}

#[test]
fn every_size_from_80x24_draws_a_whole_code_or_says_why_not() {
    for lang in Lang::ALL {
        let app = app(&format!("sizes-{lang:?}"), lang);
        let want = links()
            .into_iter()
            .find(|(a, _)| *a == Access::Display)
            .unwrap()
            .1;
        for w in [80, 81, 95, 110, 140] {
            for h in [24, 25, 31, 32, 33, 40] {
                let mut t =
                    ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
                common::draw_screen(&mut t, &app, app.now(), true).unwrap();
                let read = read_codes(t.backend().buffer(), 2);
                let said =
                    common::screen_text(&app, w, h, true).contains(lang.text("ui.links.too_small"));
                assert!(
                    read == [want.clone()] || said && read.is_empty(),
                    "{w}x{h}: {read:?}"
                );
            }
        }
    }
}
