//! Throughput of `ceop-onboard check` on a large site tree, beside ripgrep's on the same tree.
//!
//! ```sh
//! cargo bench --bench check                       # 10,000 files, ~107 MB
//! CEOP_BENCH_FILES=20000 cargo bench --bench check
//! CEOP_BENCH_DIR=/tmp/tree cargo bench --bench check   # keep the tree
//! ```
//!
//! It writes a tree of HTML pages, PHP and Twig templates, CSS, JavaScript
//! and Markdown (about one page or template in forty hosts the button,
//! some of them wrongly) into a temporary directory, then times, after one warm-up run
//! each, `ceop-onboard check --format json DIR` and `rg -i ceop DIR`, both
//! with output to /dev/null. It is not part of `cargo test`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64), so every run builds the same tree.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: [&str; 24] = [
    "school",
    "pupils",
    "parents",
    "term",
    "homework",
    "club",
    "science",
    "library",
    "sports",
    "music",
    "trip",
    "uniform",
    "lunch",
    "governors",
    "newsletter",
    "reading",
    "maths",
    "art",
    "assembly",
    "holiday",
    "safeguarding",
    "wellbeing",
    "computing",
    "curriculum",
];

fn sentence(r: &mut Rng, out: &mut String) {
    let n = 8 + r.below(12);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[r.below(WORDS.len())]);
    }
    out.push_str(". ");
}

/// The button blocks that appear now and then: right, and wrong in the
/// usual ways.
const EMBEDS: [&str; 4] = [
    r#"<div class="ceop-signposting"><p><a href="https://www.ceop.police.uk/safety-centre"><img src="/images/clickceop.gif" width="143" height="51" alt="Click CEOP – get advice or report a concern at the CEOP Safety Centre"></a></p><p>CEOP helps any child or young person under the age of 18 who is being pressured, forced or tricked into taking part in sexual activity of any kind.</p></div>"#,
    r#"<a href="http://www.ceop.gov.uk/reportabuse/"><img src="images/clickceop.gif" width="120" height="40"></a>"#,
    r#"<a href="<?php echo esc_url('http://www.ceop.police.uk/safety-centre/'); ?>"><img src="<?php echo $dir; ?>/ceop-button.png" alt="CEOP"></a>"#,
    r#"<p>This site is CEOP approved.</p><a href="https://www.ceop.police.uk/">Report</a>"#,
];

fn html(r: &mut Rng, target: usize, embed: bool) -> String {
    let mut s = String::with_capacity(target + 1024);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Page</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>\n<body>\n<nav><ul>");
    for i in 0..8 {
        let _ = write!(
            s,
            "<li><a href=\"/section-{i}/\">{}</a></li>",
            WORDS[r.below(WORDS.len())]
        );
    }
    s.push_str("</ul></nav>\n<main>\n");
    let mut embedded = !embed;
    while s.len() < target {
        if !embedded && s.len() >= target / 2 {
            s.push_str(EMBEDS[r.below(EMBEDS.len())]);
            s.push('\n');
            embedded = true;
        }
        s.push_str("<p>");
        sentence(r, &mut s);
        sentence(r, &mut s);
        if r.below(4) == 0 {
            let _ = write!(s, "<a href=\"/news/{}\">Read more</a>", r.next() % 10_000);
        }
        s.push_str("</p>\n");
        if r.below(6) == 0 {
            let _ = writeln!(
                s,
                "<img src=\"/images/photo-{}.jpg\" alt=\"A photo\" width=\"640\" height=\"480\">",
                r.next() % 1000
            );
        }
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

fn other(r: &mut Rng, target: usize, kind: usize) -> String {
    let mut s = String::with_capacity(target + 256);
    while s.len() < target {
        match kind {
            0 => {
                let _ = writeln!(
                    s,
                    ".block-{} {{ margin: {}px; color: #{:06x}; }}",
                    r.next() % 5000,
                    r.below(40),
                    r.next() % 0xff_ffff
                );
            }
            1 => {
                let _ = writeln!(
                    s,
                    "function f{}(a, b) {{ if (a < b) {{ return a + {}; }} return b; }}",
                    r.next() % 100_000,
                    r.below(100)
                );
            }
            2 => {
                s.push_str("Some paragraph for the newsletter. ");
                sentence(r, &mut s);
                s.push('\n');
            }
            _ => {
                let _ = writeln!(
                    s,
                    "{{% if user.{} %}}<p>{{{{ page.{} }}}}</p>{{% endif %}}",
                    WORDS[r.below(WORDS.len())],
                    WORDS[r.below(WORDS.len())]
                );
            }
        }
    }
    s
}

/// Writes the tree; returns (files, bytes).
fn build_tree(dir: &Path, files: usize) -> (usize, u64) {
    let mut r = Rng(0x00c0_ffee_1234_5678);
    let mut bytes = 0u64;
    for i in 0..files {
        let sub = dir.join(format!("site-{:02}/section-{:02}", i % 20, (i / 20) % 25));
        std::fs::create_dir_all(&sub).unwrap();
        let size = 6_000 + r.below(9_000);
        let embed = r.below(40) == 0;
        let (name, content) = match i % 10 {
            0..=5 => (format!("page-{i}.html"), html(&mut r, size, embed)),
            6 => (format!("template-{i}.php"), html(&mut r, size, embed)),
            7 => (format!("style-{i}.css"), other(&mut r, size, 0)),
            8 => (format!("script-{i}.js"), other(&mut r, size, 1)),
            _ => {
                if i % 20 == 9 {
                    (format!("news-{i}.md"), other(&mut r, size, 2))
                } else {
                    (format!("partial-{i}.twig"), other(&mut r, size, 3))
                }
            }
        };
        bytes += content.len() as u64;
        std::fs::write(sub.join(name), content).unwrap();
    }
    (files, bytes)
}

fn time(program: &str, args: &[&str], dir: &Path, runs: usize) -> Option<Vec<Duration>> {
    let run = || {
        let start = Instant::now();
        let status = Command::new(program)
            .args(args)
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        // check exits 1 when it finds something; rg exits 1 when it does not.
        (status.code().is_some_and(|c| c <= 1)).then(|| start.elapsed())
    };
    run()?; // warm-up: the page cache
    (0..runs).map(|_| run()).collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let files: usize = std::env::var("CEOP_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runs = 5;
    // CEOP_BENCH_DIR keeps the tree there, to time other commands on it.
    let kept = std::env::var_os("CEOP_BENCH_DIR").map(std::path::PathBuf::from);
    let temp = tempfile::tempdir().expect("a temporary directory");
    let dir = kept.as_deref().unwrap_or(temp.path());
    let started = Instant::now();
    let (files, bytes) = build_tree(dir, files);
    let mb = bytes as f64 / 1_000_000.0;
    println!(
        "tree: {files} files, {mb:.1} MB in {} (built in {:.1} s); {runs} runs after a warm-up, median",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    let check = env!("CARGO_BIN_EXE_ceop-onboard");
    let rows = [
        (
            "ceop-onboard check --format json",
            time(check, &["check", "--format", "json"], dir, runs),
        ),
        ("rg -i ceop", time("rg", &["-i", "ceop"], dir, runs)),
    ];
    println!(
        "{:<34} {:>10} {:>10} {:>12}",
        "command", "time", "MB/s", "files/s"
    );
    for (name, times) in rows {
        match times {
            Some(t) => {
                let m = median(t).as_secs_f64();
                println!(
                    "{name:<34} {:>8.3} s {:>10.0} {:>12.0}",
                    m,
                    mb / m,
                    files as f64 / m
                );
            }
            None => println!("{name:<34} (not run: is it installed?)"),
        }
    }
}
