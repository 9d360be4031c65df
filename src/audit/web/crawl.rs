//! The crawl: one worker per site, each going breadth-first from its given pages to `--depth`, asking robots.txt first; stylesheets and button files fetched once per address across all workers.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use url::Url;

use super::client::{Client, Got};
use super::image::{self, ImageCheck};
use super::{Fetched, Options, links, sitemap};
use crate::audit::inputs::{Input, MAX_FILE_SIZE, SkipReason, Skipped};
use crate::audit::source::{FileKind, Origin, decode, one_line};
use crate::audit::{Auditor, Source};
use crate::button::ButtonCheck;

/// A button file larger than this is not read: the GIF CEOP issues is a
/// few kilobytes.
const MAX_IMAGE_SIZE: u64 = 1024 * 1024;
/// A robots.txt or sitemap larger than this is not read.
const MAX_LIST_SIZE: u64 = 10 * 1024 * 1024;
/// At most this many sitemap files are read (an index of indexes).
const MAX_SITEMAPS: usize = 50;
/// `@import` chains are followed this deep.
const MAX_IMPORT_DEPTH: usize = 5;
/// The name robots.txt groups are matched against.
const ROBOT_NAME: &str = "ceop-onboard";

/// The site a page belongs to: its host without `www.`, and its port
/// when not the scheme's own (so `http://h/`, `https://h/` and
/// `https://www.h/` are one site).
fn site_of(u: &Url) -> String {
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

/// What the workers share.
struct Shared<'a> {
    auditor: &'a Auditor,
    client: &'a Client,
    options: &'a Options,
    sites: HashSet<String>,
    /// Every address queued or fetched, pages and stylesheets alike.
    seen: Mutex<HashSet<Url>>,
    pages: AtomicUsize,
    out: Mutex<Fetched>,
    images: Mutex<HashMap<Url, Option<ImageCheck>>>,
    progress: indicatif::ProgressBar,
}

impl Shared<'_> {
    fn same_site(&self, u: &Url) -> bool {
        self.sites.contains(&site_of(u))
    }

    fn first_time(&self, u: &Url) -> bool {
        lock(&self.seen).insert(u.clone())
    }

    fn note(&self, n: String) {
        lock(&self.out).notes.push(n);
    }

    fn skip(&self, u: &Url, reason: SkipReason, detail: String) {
        lock(&self.out).skipped.push(Skipped {
            origin: Origin::Url(u.to_string()),
            reason,
            detail: Some(detail),
        });
    }
}

/// Crawls every site of `starts` and `sitemaps`, the sites in parallel.
pub fn run(
    auditor: &Auditor,
    client: &Client,
    starts: Vec<Url>,
    sitemaps: Vec<Url>,
    options: &Options,
) -> Fetched {
    let sites: HashSet<String> = starts.iter().chain(&sitemaps).map(site_of).collect();
    let hosts = starts
        .iter()
        .chain(&sitemaps)
        .filter_map(|u| u.host_str().map(str::to_ascii_lowercase))
        .collect();
    let progress = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{pos}/{len} pages {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let shared = Shared {
        auditor,
        client,
        options,
        sites,
        seen: Mutex::new(HashSet::new()),
        pages: AtomicUsize::new(0),
        out: Mutex::new(Fetched::default()),
        images: Mutex::new(HashMap::new()),
        progress,
    };
    let mut by_site: BTreeMap<String, Vec<Url>> = BTreeMap::new();
    for u in starts.into_iter().chain(read_sitemaps(&shared, sitemaps)) {
        if shared.first_time(&u) {
            by_site.entry(site_of(&u)).or_default().push(u);
        }
    }
    std::thread::scope(|s| {
        for pages in by_site.into_values() {
            let shared = &shared;
            s.spawn(move || crawl_site(shared, pages));
        }
    });
    shared.progress.finish_and_clear();
    let mut out = shared.out.into_inner().unwrap_or_else(|e| e.into_inner());
    out.hosts = hosts;
    out.inputs.sort_by(|(a, _), (b, _)| a.name.cmp(&b.name));
    out.skipped.sort_by(|a, b| a.origin.cmp(&b.origin));
    out
}

/// The pages the sitemaps list (on their own site only), following
/// sitemap indexes and robots.txt `Sitemap:` lines.
fn read_sitemaps(shared: &Shared, sitemaps: Vec<Url>) -> Vec<Url> {
    let mut queue: VecDeque<Url> = sitemaps.into();
    let mut read = HashSet::new();
    let mut pages = Vec::new();
    while let Some(u) = queue.pop_front() {
        if read.len() >= MAX_SITEMAPS || !read.insert(u.clone()) {
            continue;
        }
        let got = match shared
            .client
            .get(&u, MAX_LIST_SIZE, &|n| shared.same_site(n))
        {
            Ok(g) if (200..300).contains(&g.status) => g,
            Ok(g) => {
                shared.note(format!("{u}: sitemap not read: HTTP {}", g.status));
                continue;
            }
            Err(e) => {
                shared.note(format!("{u}: sitemap not read: {e}"));
                continue;
            }
        };
        let listed = sitemap::parse(&decode(&got.body));
        let on_site = |s: &String| {
            Url::parse(s.trim())
                .ok()
                .filter(|l| site_of(l) == site_of(&got.url))
        };
        queue.extend(listed.sitemaps.iter().filter_map(on_site));
        pages.extend(listed.pages.iter().filter_map(on_site).map(|mut p| {
            p.set_fragment(None);
            p
        }));
    }
    pages
}

/// One site, breadth-first, one request at a time.
fn crawl_site(shared: &Shared, starts: Vec<Url>) {
    shared.progress.inc_length(starts.len() as u64);
    let mut queue: VecDeque<(Url, u32)> = starts.into_iter().map(|u| (u, 0)).collect();
    let mut robots: HashMap<String, Option<texting_robots::Robot>> = HashMap::new();
    while let Some((u, depth)) = queue.pop_front() {
        if shared.pages.fetch_add(1, Ordering::SeqCst) >= shared.options.max_pages {
            let left = queue.len() + 1;
            shared.note(format!(
                "{}: stopped at --max-pages {}; {left} page(s) of this site not fetched",
                site_of(&u),
                shared.options.max_pages
            ));
            return;
        }
        let robot = robots
            .entry(super::client::host_key(&u))
            .or_insert_with(|| fetch_robots(shared, &u));
        if robot.as_ref().is_some_and(|r| !r.allowed(u.as_str())) {
            shared.pages.fetch_sub(1, Ordering::SeqCst);
            shared.note(format!("{u}: not fetched: robots.txt disallows it"));
            shared.progress.inc(1);
            continue;
        }
        shared.progress.set_message(u.to_string());
        for next in page(shared, &u) {
            if depth < shared.options.depth && shared.same_site(&next) && shared.first_time(&next) {
                queue.push_back((next, depth + 1));
                shared.progress.inc_length(1);
            }
        }
        shared.progress.inc(1);
    }
}

/// A site's robots.txt; `None` (everything allowed) when it has none or
/// it cannot be read.
fn fetch_robots(shared: &Shared, page: &Url) -> Option<texting_robots::Robot> {
    let u = page.join("/robots.txt").ok()?;
    let got = shared
        .client
        .get(&u, MAX_LIST_SIZE, &|n| shared.same_site(n))
        .ok()?;
    if !(200..300).contains(&got.status) {
        return None;
    }
    texting_robots::Robot::new(ROBOT_NAME, &got.body).ok()
}

/// Fetches one page, adds it (and its stylesheets and button files) to the
/// output, and returns the pages it links to.
fn page(shared: &Shared, u: &Url) -> Vec<Url> {
    let Some(got) = get_text(
        shared,
        u,
        MAX_FILE_SIZE,
        &["text/html", "application/xhtml+xml"],
    ) else {
        return Vec::new();
    };
    if got.url != *u && !shared.first_time(&got.url) {
        return Vec::new(); // redirected to a page already read
    }
    let text = decode(&got.body).into_owned();
    let pointed = links::of_page(&text, &got.url);
    for css in pointed.stylesheets {
        stylesheet(shared, css, 0);
    }
    let name = got.url.to_string();
    button_files(shared, &name, &got.url, &text);
    lock(&shared.out).inputs.push((
        Input {
            origin: Origin::Url(name.clone()),
            name,
            kind: FileKind::Markup,
            root: PathBuf::from("."),
            app: None,
        },
        got.body,
    ));
    pointed.pages
}

/// Fetches a stylesheet once per address, with what it `@import`s.
fn stylesheet(shared: &Shared, u: Url, depth: usize) {
    if depth > MAX_IMPORT_DEPTH || super::is_never(&u) || !shared.first_time(&u) {
        return;
    }
    let Some(got) = get_text(shared, &u, MAX_FILE_SIZE, &["text/css", "text/plain", ""]) else {
        return;
    };
    let text = decode(&got.body).into_owned();
    for import in links::of_css(&text, &got.url) {
        stylesheet(shared, import, depth + 1);
    }
    let name = got.url.to_string();
    lock(&shared.out).inputs.push((
        Input {
            origin: Origin::Url(name.clone()),
            name,
            kind: FileKind::Css,
            root: PathBuf::from("."),
            app: None,
        },
        got.body,
    ));
}

/// GETs a text of one of `types`; anything else is noted (once) and `None`.
fn get_text(shared: &Shared, u: &Url, cap: u64, types: &[&str]) -> Option<Got> {
    let got = match shared.client.get(u, cap, &|n| shared.same_site(n)) {
        Ok(g) => g,
        Err(e) => {
            shared.skip(u, SkipReason::Unreadable, e);
            return None;
        }
    };
    if !got.redirects.is_empty() {
        shared.note(format!("{u}: redirected to {}", got.url));
    }
    if !(200..300).contains(&got.status) {
        shared.skip(
            &got.url,
            SkipReason::Unreadable,
            format!("HTTP {}", got.status),
        );
        return None;
    }
    if !types.contains(&got.content_type.as_str()) {
        shared.skip(
            &got.url,
            SkipReason::Unreadable,
            format!(
                "content type {}, not {}",
                shown(&got.content_type),
                types[0]
            ),
        );
        return None;
    }
    if got.body[..got.body.len().min(8192)].contains(&0) {
        shared.skip(&got.url, SkipReason::Binary, "binary content".into());
        return None;
    }
    Some(got)
}

fn shown(content_type: &str) -> &str {
    if content_type.is_empty() {
        "(none)"
    } else {
        content_type
    }
}

/// Checks the button files a page loads by a path on its own site: each
/// address fetched once, each page that uses it told.
fn button_files(shared: &Shared, page: &str, base: &Url, text: &str) {
    let a = shared.auditor;
    let scan = a.scan(&Source {
        file: page,
        kind: FileKind::Markup,
        text,
        app: None,
    });
    for img in &scan.local_images {
        let Some(u) = links::join(base, &img.src).filter(|u| !super::is_never(u)) else {
            continue;
        };
        let check = {
            let cached = lock(&shared.images).get(&u).cloned();
            match cached {
                Some(c) => c,
                None => {
                    let c = fetch_image(shared, page, &u, img.line);
                    lock(&shared.images).insert(u.clone(), c.clone());
                    c
                }
            }
        };
        let origin = Origin::Url(page.to_string());
        match check {
            Some(ImageCheck::Header(check)) => {
                if let Some(mut f) = a.local_image_finding(page, img, check) {
                    f.file = origin;
                    lock(&shared.out).findings.push(f);
                }
            }
            Some(ImageCheck::Static) => shared.note(format!(
                "{page}:{}:{}: the button file {u} is a still image (one frame); the file CEOP issues is animated (this tool's reading of R5: no change to the animation)",
                img.line, img.column
            )),
            Some(ImageCheck::Status(s)) => shared.note(format!(
                "{page}:{}:{}: the button file {u} cannot be loaded: HTTP {s}",
                img.line, img.column
            )),
            None => {}
        }
    }
}

/// Fetches and judges one button file; `None` (with a note) when it could
/// not be read at all.
fn fetch_image(shared: &Shared, page: &str, u: &Url, line: usize) -> Option<ImageCheck> {
    let a = shared.auditor;
    match shared
        .client
        .get(u, MAX_IMAGE_SIZE, &|n| !super::is_never(n))
    {
        Ok(got) => {
            let check = image::judge(got.status, &got.body, a.width, a.height);
            if check == ImageCheck::Header(ButtonCheck::NotGif) && got.content_type != "image/gif" {
                shared.note(format!(
                    "{u}: served as {}, not image/gif",
                    shown(&got.content_type)
                ));
            }
            Some(check)
        }
        Err(e) => {
            shared.note(format!(
                "{page}:{line}: the button file {u} cannot be loaded: {}",
                one_line(&e)
            ));
            None
        }
    }
}

/// A lock that a panicked thread cannot poison for the others.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_https_and_www_are_one_site_and_other_ports_or_hosts_are_not() {
        let s = |u: &str| site_of(&Url::parse(u).expect("url"));
        assert_eq!(
            s("http://School.example/a"),
            s("https://www.school.example/b")
        );
        assert_ne!(
            s("http://school.example/"),
            s("http://school.example:8080/")
        );
        assert_ne!(s("http://school.example/"), s("http://cdn.school.example/"));
    }
}
