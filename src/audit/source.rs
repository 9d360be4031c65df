//! What `check` reads: where a text came from ([`Origin`]), what kind of file it is, and how its bytes become text.

use std::borrow::Cow;
use std::path::PathBuf;

/// Where a page, stylesheet or image came from: a file, a web address, or a
/// name given to text held in memory (standard input, a rendered artifact).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A file on disk, as named on the command line or found by the walk.
    /// Kept as the OS gave it: a file name need not be UTF-8.
    Path(PathBuf),
    /// A page or file fetched from the web.
    Url(String),
    /// Text in memory, under the name findings should carry.
    Named(String),
}

impl Origin {
    /// The name as text; bytes that are not UTF-8 become U+FFFD.
    pub fn lossy(&self) -> Cow<'_, str> {
        match self {
            Origin::Path(p) => p.to_string_lossy(),
            Origin::Url(s) | Origin::Named(s) => Cow::Borrowed(s),
        }
    }

    /// The name's own bytes when they are not UTF-8 (so [`Origin::lossy`]
    /// lost something); `None` otherwise.
    pub fn raw_bytes(&self) -> Option<Vec<u8>> {
        match self {
            Origin::Path(p) if p.to_str().is_none() => Some(os_bytes(p)),
            _ => None,
        }
    }

    /// The name safe to print on a terminal: control characters are written
    /// as escapes (`\n`, `\x1b`), so a file name cannot move the cursor or
    /// change colours; bytes that are not UTF-8 are written as `\xNN`.
    pub fn escaped(&self) -> String {
        let mut out = String::new();
        match self.raw_bytes() {
            Some(bytes) => {
                for chunk in bytes.utf8_chunks() {
                    escape_into(chunk.valid(), &mut out);
                    for b in chunk.invalid() {
                        out.push_str(&format!("\\x{b:02x}"));
                    }
                }
            }
            None => escape_into(&self.lossy(), &mut out),
        }
        out
    }
}

/// A name's bytes as the OS holds them (on Unix, exactly the bytes).
fn os_bytes(p: &std::path::Path) -> Vec<u8> {
    p.as_os_str().as_encoded_bytes().to_vec()
}

fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || is_format(c) => match u8::try_from(c) {
                Ok(b) => out.push_str(&format!("\\x{b:02x}")),
                Err(_) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            },
            c => out.push(c),
        }
    }
}

/// Characters that reorder or hide text on a terminal (bidi controls, line
/// and paragraph separators).
fn is_format(c: char) -> bool {
    matches!(c as u32, 0x061C | 0x200E | 0x200F | 0x2028 | 0x2029 | 0x202A..=0x202E | 0x2066..=0x2069)
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.escaped())
    }
}

/// What kind of source a file is, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// HTML and the template languages built on it: PHP, Mustache, Twig,
    /// Jinja, Liquid, Handlebars, ERB, XSL, …
    Markup,
    Markdown,
    Css,
    /// JavaScript and TypeScript, with or without JSX.
    Script,
    Vue,
    Svelte,
    Swift,
    Kotlin,
    Java,
    Xml,
    Dart,
    Text,
    /// Settings and data (JSON, YAML, TOML, INI): every CEOP address in one
    /// is a value some template may put in an `href`.
    Data,
}

/// Extensions of files that are not text: a walk passes them by without
/// counting them as skipped (a button GIF is read when a page loads it).
const NOT_TEXT: [&str; 24] = [
    "gif", "png", "jpg", "jpeg", "svg", "webp", "bmp", "avif", "ico", "tif", "tiff", "woff",
    "woff2", "ttf", "otf", "eot", "pdf", "zip", "gz", "mp4", "mp3", "webm", "map", "lock",
];

impl FileKind {
    /// The kind a file name says, or `None` for files a directory walk skips.
    pub fn from_path(path: &str) -> Option<FileKind> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        use FileKind::*;
        Some(match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" | "php" | "phtml" | "inc" | "mustache" | "twig"
            | "jinja" | "jinja2" | "j2" | "liquid" | "hbs" | "handlebars" | "njk" | "erb"
            | "ejs" | "tpl" | "tmpl" | "xsl" | "xslt" | "cshtml" | "aspx" | "ascx" | "jsp"
            | "astro" | "gohtml" | "vm" | "ftl" | "blade" => Markup,
            "md" | "markdown" | "mdx" => Markdown,
            "css" | "scss" | "sass" | "less" => Css,
            "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs" => Script,
            "vue" => Vue,
            "svelte" => Svelte,
            "swift" => Swift,
            "kt" | "kts" => Kotlin,
            "java" => Java,
            "xml" | "plist" => Xml,
            "dart" => Dart,
            "txt" => Text,
            "json" | "yml" | "yaml" | "toml" | "ini" | "conf" | "cfg" | "properties" | "neon" => {
                Data
            }
            _ => return None,
        })
    }

    /// Whether a file name is of a kind that is not text (images, fonts,
    /// archives) or a tool's dotfile (`.gitignore`, `.editorconfig`): not
    /// read, and not counted as skipped.
    pub fn is_not_text(path: &str) -> bool {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        if name.starts_with('.') && !name[1..].contains('.') {
            return true;
        }
        name.rsplit_once('.')
            .is_some_and(|(_, e)| NOT_TEXT.contains(&e.to_ascii_lowercase().as_str()))
    }
}

/// Kinds of app code, where the button must not appear (R8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppKind {
    ReactNative,
    Apple,
    Android,
    Flutter,
    BrowserExtension,
}

impl AppKind {
    pub fn describe(self) -> &'static str {
        match self {
            AppKind::ReactNative => "React Native app code",
            AppKind::Apple => "Swift app code",
            AppKind::Android => "Android app code",
            AppKind::Flutter => "Flutter app code",
            AppKind::BrowserExtension => "a browser extension",
        }
    }

    /// Whether a file of this kind, with this text, is app code. Browser
    /// extensions are recognised by the caller (from `manifest.json`).
    pub fn detect(kind: FileKind, text: &str) -> Option<AppKind> {
        match kind {
            FileKind::Swift => Some(AppKind::Apple),
            FileKind::Dart => Some(AppKind::Flutter),
            FileKind::Kotlin | FileKind::Java if text.contains("android") => Some(AppKind::Android),
            FileKind::Xml if text.contains("android:") || text.contains("<resources") => {
                Some(AppKind::Android)
            }
            FileKind::Script
                if text.contains("'react-native'") || text.contains("\"react-native\"") =>
            {
                Some(AppKind::ReactNative)
            }
            _ => None,
        }
    }
}

/// One text to audit, held in memory.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The name findings carry.
    pub file: &'a str,
    pub kind: FileKind,
    pub text: &'a str,
    /// Set when the caller knows the file is app code the text cannot show
    /// (a browser extension's files); otherwise detected from the text.
    pub app: Option<AppKind>,
}

/// Decodes file bytes for scanning without moving any byte: valid UTF-8 is
/// kept, and each byte that is not is replaced by U+001A (one byte too), so
/// offsets in the text are offsets in the file and fixes can be applied to
/// the original bytes.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                for _ in chunk.invalid() {
                    out.push('\u{1a}');
                }
            }
            Cow::Owned(out)
        }
    }
}

/// Line starts of a text, to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// `s` on one line: each run of whitespace and control characters becomes
/// one space, so a finding stays one line of output whatever it quotes.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() || is_format(c) {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out
}

/// The most characters of the file a message quotes.
pub const QUOTE_MAX: usize = 80;

/// A quoted piece of the file as a reader sees it: HTML entities decoded
/// (`&rarr;` is →), on one line, and at most [`QUOTE_MAX`] characters, the
/// `…` that marks a cut included.
pub fn excerpt(s: &str) -> String {
    excerpt_within(s, QUOTE_MAX)
}

/// [`excerpt`] in at most `max` characters (at least one), for a message
/// that quotes more than one thing and must stay within [`QUOTE_MAX`] in all.
pub fn excerpt_within(s: &str, max: usize) -> String {
    let max = max.max(1);
    // Enough of `s` to fill the quote once entities and whitespace fold.
    let s = match s.char_indices().nth(max * 8) {
        Some((cut, _)) => &s[..cut],
        None => s,
    };
    let s = one_line(&html_escape::decode_html_entities(s));
    if s.chars().count() <= max {
        return s;
    }
    match s.char_indices().nth(max - 1) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_keeps_every_offset() {
        let bytes = b"caf\xe9 <a href=\"x\">\xff\xfe</a>";
        let text = decode(bytes);
        assert_eq!(text.len(), bytes.len());
        assert_eq!(text.find("<a").unwrap(), 5);
    }

    #[test]
    fn line_index_counts_characters() {
        let text = "ab\n‘c’ d\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, text.find('d').unwrap()), (2, 5));
        assert_eq!(idx.locate(text, text.len()), (3, 1));
    }

    #[test]
    fn file_kinds_from_names() {
        assert_eq!(FileKind::from_path("a/footer.PHP"), Some(FileKind::Markup));
        assert_eq!(
            FileKind::from_path("theme/templates/footer.mustache"),
            Some(FileKind::Markup)
        );
        assert_eq!(FileKind::from_path("App.tsx"), Some(FileKind::Script));
        assert_eq!(FileKind::from_path("theme.json"), Some(FileKind::Data));
        assert_eq!(FileKind::from_path("logo.gif"), None);
        assert!(FileKind::is_not_text("logo.GIF"));
        assert_eq!(FileKind::from_path("Makefile"), None);
    }

    #[test]
    fn a_quote_is_decoded_one_line_and_at_most_80_characters() {
        assert_eq!(one_line("a\n\t b\u{0}c  "), "a b c");
        // The `…` that marks a cut counts as one of the 80.
        assert_eq!(excerpt(&"x".repeat(200)).chars().count(), 80);
        assert!(excerpt(&"x".repeat(200)).ends_with('…'));
        assert_eq!(excerpt(&"x".repeat(80)), "x".repeat(80));
        assert_eq!(excerpt("Report &rarr; CEOP&nbsp;now"), "Report → CEOP now");
        assert_eq!(excerpt(&"y".repeat(10_000_000)).chars().count(), 80);
        assert_eq!(excerpt_within("abcdef", 4), "abc…");
    }

    #[test]
    fn names_with_control_characters_are_escaped_for_the_terminal() {
        let o = Origin::Named("a\x1b[31mb\nc".into());
        assert_eq!(o.escaped(), "a\\x1b[31mb\\nc");
        assert!(Origin::Named("x".into()).raw_bytes().is_none());
        assert!(Origin::Path("café.html".into()).raw_bytes().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_stay_recoverable() {
        use std::os::unix::ffi::OsStrExt;
        let p = Origin::Path(PathBuf::from(std::ffi::OsStr::from_bytes(b"caf\xe9.html")));
        assert_eq!(p.escaped(), "caf\\xe9.html");
        assert_eq!(p.raw_bytes().unwrap(), b"caf\xe9.html");
    }
}
