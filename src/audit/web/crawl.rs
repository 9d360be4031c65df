//! The crawl: one worker per site, each going breadth-first from its given pages to `--depth`; every request (pages, stylesheets, `@import`s, button files, sitemaps, redirect hops) asks its host's robots.txt first; stylesheets and button files fetched once per address across all workers.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use url::Url;

use super::client::{Client, Failure, Got, host_key};
use super::image::{self, ImageCheck};
use super::links::site_of;
use super::{Fetched, Options, links, sitemap};
use crate::audit::inputs::{Input, MAX_FILE_SIZE, SkipReason, Skipped};
use crate::audit::source::{FileKind, Origin, decode, one_line};
use crate::audit::{Auditor, LocalImage, Source};
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
    /// Each host's robots.txt (by `host:port`), read once, before any
    /// other request to that host.
    robots: Mutex<HashMap<String, Arc<OnceLock<Option<texting_robots::Robot>>>>>,
    progress: indicatif::ProgressBar,
}

impl Shared<'_> {
    fn same_site(&self, u: &Url) -> bool {
        self.sites.contains(&site_of(u))
    }

    /// Whether the robots.txt of `u`'s host lets the crawl fetch it (read
    /// on the first request to that host).
    fn allowed(&self, u: &Url) -> bool {
        // Asking robots.txt about itself would wait on itself.
        if u.path() == "/robots.txt" {
            return true;
        }
        let cell = lock(&self.robots).entry(host_key(u)).or_default().clone();
        let robot = cell.get_or_init(|| fetch_robots(self, u));
        links::robots_allow(robot.as_ref(), u)
    }

    /// Whether a redirect to `next` may be followed: on the site (as
    /// `on_site` says) and allowed by robots.txt.
    fn follow(&self, next: &Url, on_site: bool) -> std::result::Result<(), &'static str> {
        if !on_site {
            Err("it is on another site")
        } else if !self.allowed(next) {
            Err("robots.txt disallows it")
        } else {
            Ok(())
        }
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
        robots: Mutex::new(HashMap::new()),
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
        if !shared.allowed(&u) {
            shared.note(format!("{u}: sitemap not read: robots.txt disallows it"));
            continue;
        }
        let got = match shared.client.get(&u, MAX_LIST_SIZE, &|n| {
            shared.follow(n, shared.same_site(n))
        }) {
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
        if !shared.allowed(&u) {
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

/// A host's robots.txt; `None` (everything allowed) when it has none or
/// it cannot be read. Its redirects are followed on its own site only.
fn fetch_robots(shared: &Shared, any: &Url) -> Option<texting_robots::Robot> {
    let u = any.join("/robots.txt").ok()?;
    let on_site = |n: &Url| {
        if links::same_site(&u, n) {
            Ok(())
        } else {
            Err("it is on another site")
        }
    };
    let got = shared.client.get(&u, MAX_LIST_SIZE, &on_site).ok()?;
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
    if !shared.allowed(&u) {
        shared.note(format!(
            "{u}: stylesheet not fetched: robots.txt disallows it"
        ));
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
    let got = match shared
        .client
        .get(u, cap, &|n| shared.follow(n, shared.same_site(n)))
    {
        Ok(g) => g,
        Err(e) => {
            shared.skip(u, SkipReason::Unreadable, e.to_string());
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

/// Checks the button files a page (at `base`, after its redirects) loads
/// by a path or an address on its own site: each address fetched once,
/// each page that uses it told.
fn button_files(shared: &Shared, page: &str, base: &Url, text: &str) {
    let a = shared.auditor;
    let scan = a.scan(&Source {
        file: page,
        kind: FileKind::Markup,
        text,
        app: None,
    });
    for img in scan.local_images.iter().chain(&scan.addressed_images) {
        let Some(u) = links::button_file(base, &img.src) else {
            continue;
        };
        let check = {
            let cached = lock(&shared.images).get(&u).cloned();
            match cached {
                Some(c) => c,
                None => {
                    let c = fetch_image(shared, page, img, &u);
                    lock(&shared.images).insert(u.clone(), c.clone());
                    c
                }
            }
        };
        if let Some(f) = check.and_then(|c| image::finding(a, page, img, &c)) {
            lock(&shared.out).findings.push(f);
        }
    }
}

/// Fetches and judges one button file (redirects followed on the page's
/// own site only); `None` (with a note) when it could not be read at all,
/// or robots.txt disallows it.
fn fetch_image(shared: &Shared, page: &str, img: &LocalImage, u: &Url) -> Option<ImageCheck> {
    let a = shared.auditor;
    let at = format!("{page}:{}:{}", img.line, img.column);
    if !shared.allowed(u) {
        shared.note(format!(
            "{at}: the button file {u} is not checked: robots.txt disallows fetching it"
        ));
        return None;
    }
    let follow = |n: &Url| shared.follow(n, links::same_site(u, n));
    match shared.client.get(u, MAX_IMAGE_SIZE, &follow) {
        Ok(got) => {
            let check = image::judge(got.status, &got.content_type, &got.body, a.width, a.height);
            if check == ImageCheck::Header(ButtonCheck::NotGif) && got.content_type != "image/gif" {
                shared.note(format!(
                    "{u}: served as {}, not image/gif",
                    shown(&got.content_type)
                ));
            }
            Some(check)
        }
        Err(Failure::TooLarge(cap)) => Some(ImageCheck::TooLarge(cap)),
        Err(e) => {
            shared.note(format!(
                "{at}: the button file {u} cannot be checked: {}",
                one_line(&e.to_string())
            ));
            None
        }
    }
}

/// A lock that a panicked thread cannot poison for the others.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
