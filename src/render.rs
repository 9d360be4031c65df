//! Answers + Decision → the artifacts, the checklist and its JSON form, via tera templates.
//!
//! Autoescaping is off: every template escapes each value with the filter for
//! its target language (`html`, `android`, `swift`, `js`, `md`, `md_url`), so
//! one rule covers HTML, XML, Swift, JavaScript and Markdown alike.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::answers::{Answers, Audience, Platform};
use crate::button::ButtonCheck;
use crate::eligibility::{Decision, fill_button};
use crate::error::{Error, Location, Result};
use crate::guide::{Condition, Guide, OfficialText, TextId};

// The escaping filters live in their own module; they are used as
// `render::escape_html` and so on.
pub use crate::escape::{
    escape_android, escape_html, escape_markdown, escape_swift, js_string, markdown_url,
};
// What is handed out lives in its own module, which the artifact gate uses
// too; it is used as `render::Artifact` and so on.
pub use crate::artifact::{
    Artifact, ChecklistEntry, Document, Format, Part, RECORD_FILE_NAME, template_name,
};

pub const CHECKLIST_TEMPLATE: &str = "checklist.md";

/// The templates compiled into the binary, by name.
pub const EMBEDDED_TEMPLATES: [(&str, &str); 13] = [
    ("website.html", include_str!("../templates/website.html")),
    ("website.md", include_str!("../templates/website.md")),
    ("app.html", include_str!("../templates/app.html")),
    ("app.md", include_str!("../templates/app.md")),
    ("app.txt", include_str!("../templates/app.txt")),
    ("app.xml", include_str!("../templates/app.xml")),
    ("app.swift", include_str!("../templates/app.swift")),
    ("app.jsx", include_str!("../templates/app.jsx")),
    (
        "email-newsletter.html",
        include_str!("../templates/email-newsletter.html"),
    ),
    (
        "email-newsletter.txt",
        include_str!("../templates/email-newsletter.txt"),
    ),
    (
        "print-newsletter.txt",
        include_str!("../templates/print-newsletter.txt"),
    ),
    (
        "print-newsletter.md",
        include_str!("../templates/print-newsletter.md"),
    ),
    (
        CHECKLIST_TEMPLATE,
        include_str!("../templates/checklist.md"),
    ),
];

/// A piece of an official text: plain words, or words that link somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub href: Option<String>,
}

/// Splits an official text into paragraphs of segments, linking the first
/// occurrence of each link phrase. The words are never changed: joining every
/// segment's text gives the paragraph back.
pub fn linked_paragraphs(text: &OfficialText, guide: &Guide) -> Vec<Vec<Segment>> {
    // (paragraph, start, end, href) of the first occurrence of each phrase.
    let mut marks: Vec<(usize, usize, usize, &str)> = Vec::new();
    for link in &guide.links {
        let found = text
            .paragraphs
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.find(&link.phrase).map(|at| (i, at)));
        if let Some((i, at)) = found {
            marks.push((i, at, at + link.phrase.len(), &link.href));
        }
    }
    marks.sort();
    text.paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut segments = Vec::new();
            let mut pos = 0;
            for &(_, start, end, href) in marks.iter().filter(|m| m.0 == i) {
                if start < pos {
                    continue; // overlaps an earlier link
                }
                if start > pos {
                    segments.push(Segment {
                        text: p[pos..start].to_string(),
                        href: None,
                    });
                }
                segments.push(Segment {
                    text: p[start..end].to_string(),
                    href: Some(href.to_string()),
                });
                pos = end;
            }
            if pos < p.len() {
                segments.push(Segment {
                    text: p[pos..].to_string(),
                    href: None,
                });
            }
            segments
        })
        .collect()
}

/// Which official text these answers call for (R8, R10).
pub fn signposting_text(answers: &Answers) -> TextId {
    match (answers.platform, answers.audience) {
        (Some(Platform::App), _) => TextId::InApp,
        (_, Some(Audience::Adults)) => TextId::Adults,
        _ => TextId::Children,
    }
}

/// The checklist items whose `when` matches.
pub fn checklist(
    guide: &Guide,
    answers: &Answers,
    button: Option<ButtonCheck>,
) -> Vec<ChecklistEntry> {
    guide
        .checklist
        .iter()
        .filter(|item| {
            item.when.iter().all(|(cond, values)| {
                let actual = match cond {
                    Condition::Answer(key) => answers.get(*key),
                    Condition::ButtonCheck => button.map(|b| b.name().to_string()),
                };
                actual.is_some_and(|a| values.contains(&a))
            })
        })
        .map(|item| ChecklistEntry {
            id: item.id.clone(),
            rules: item.rules.clone(),
            // Config text: no terminal escape reaches a checklist.
            text: crate::output::printable(&fill_button(&item.text, button)).into_owned(),
        })
        .collect()
}

/// Turns a tera error into one message that names the template file, line
/// and fix. `name` is the template being compiled or rendered; `label`
/// gives the file a template name came from. Some tera errors arrive as a
/// finished report ("error: … --> name:line:col …"): its parts are taken
/// out so the message never says "error:" twice.
fn template_error(e: tera::Error, name: &str, label: &dyn Fn(&str) -> String) -> Error {
    let fix = "correct the template; `ceop-onboard` documents the variables templates receive in README.md";
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Error::input(
            Location {
                file: label(if r.filename().is_empty() {
                    name
                } else {
                    r.filename()
                }),
                line: r.span().start_line,
                column: r.span().start_col + 1,
            },
            r.message().to_string(),
            fix,
        ),
        kind => {
            let text = kind.to_string();
            let (location, message) = parse_report(&text)
                .map(|(file, line, column, message)| {
                    (
                        Location {
                            file: label(file),
                            line,
                            column,
                        },
                        message,
                    )
                })
                .unwrap_or_else(|| (Location::start(&label(name)), text.trim().to_string()));
            Error::input(location, message, fix)
        }
    }
}

/// The parts of a report `error: MESSAGE\n --> NAME:LINE:COL\n…`.
fn parse_report(text: &str) -> Option<(&str, usize, usize, String)> {
    let mut lines = text.lines();
    let message = lines.next()?.strip_prefix("error: ")?.trim().to_string();
    let place = lines.next()?.trim().strip_prefix("--> ")?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?, line, column, message))
}

/// The tera engine with the project's templates and escaping filters.
pub struct Renderer {
    tera: OnceLock<Tera>,
    /// The file each custom template came from, by template name.
    labels: BTreeMap<String, String>,
}

impl Renderer {
    /// The embedded templates, each replaced by a file of the same name in
    /// `dir` when one is given.
    pub fn new(dir: Option<&Path>) -> Result<Renderer> {
        let (tera, labels) = compile(dir)?;
        Ok(Renderer {
            tera: OnceLock::from(tera),
            labels,
        })
    }

    /// Where template `name` came from: its file, or the embedded one.
    pub fn label(&self, name: &str) -> String {
        self.labels
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"))
    }

    /// The embedded templates, compiled when first used: the wizard needs
    /// none until its result, so its first screen does not wait for them.
    /// They cannot fail: the test suite compiles them.
    pub fn embedded() -> Renderer {
        Renderer {
            tera: OnceLock::new(),
            labels: BTreeMap::new(),
        }
    }

    fn tera(&self) -> &Tera {
        self.tera.get_or_init(|| {
            compile(None)
                .expect("the embedded templates compile (the test suite checks them)")
                .0
        })
    }

    fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera()
            .render(name, context)
            .map_err(|e| template_error(e, name, &|n| self.label(n)))
    }

    /// Renders one format of the platform's artifact. `None` when the
    /// decision gives no artifact or the platform has no such format.
    pub fn document(
        &self,
        guide: &Guide,
        answers: &Answers,
        decision: &Decision,
        format: Format,
    ) -> Result<Option<Document>> {
        let Some(platform) = answers.platform.filter(|p| {
            decision.outcome.gives_artifact() && Format::for_platform(*p).contains(&format)
        }) else {
            return Ok(None);
        };
        let context = self.context(guide, answers, decision, platform);
        Ok(Some(Document {
            format,
            content: self.render(&template_name(platform, format), &context)?,
        }))
    }

    /// Renders every format of the platform, and the checklist. `None` when
    /// the decision gives no artifact.
    pub fn artifact(
        &self,
        guide: &Guide,
        answers: &Answers,
        decision: &Decision,
        button: Option<ButtonCheck>,
    ) -> Result<Option<Artifact>> {
        let Some(platform) = answers
            .platform
            .filter(|_| decision.outcome.gives_artifact())
        else {
            return Ok(None);
        };
        // An image address `check` would flag is the answer's fault, not a
        // template's: say so before rendering.
        if let Some(src) = answers.image_src.as_deref()
            && let Some(p) = crate::gate::image_src_problem(guide, src)
        {
            return Err(Error::usage(
                format!("image_src `{src}` is refused: {}", p.what),
                format!("{} (`ceop-onboard check` flags this too)", p.fix),
            ));
        }
        let context = self.context(guide, answers, decision, platform);
        let documents = Format::for_platform(platform)
            .iter()
            .map(|&format| {
                Ok(Document {
                    format,
                    content: self.render(&template_name(platform, format), &context)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let checklist = checklist(guide, answers, button);
        let mut context = context;
        context.insert("checklist", &checklist);
        let checklist_markdown = self.render(CHECKLIST_TEMPLATE, &context)?;
        let artifact = Artifact {
            platform,
            documents,
            checklist,
            checklist_markdown,
        };
        // Whatever the templates say, what breaks a rule is never handed out.
        let words = &guide.text(signposting_text(answers)).paragraphs;
        crate::gate::audit_artifact(guide, &artifact, words, &|name| self.label(name))?;
        Ok(Some(artifact))
    }

    fn context(
        &self,
        guide: &Guide,
        answers: &Answers,
        decision: &Decision,
        platform: Platform,
    ) -> Context {
        #[derive(Serialize)]
        struct Image<'a> {
            src: &'a str,
            width: u32,
            height: u32,
            alt: &'a str,
        }
        #[derive(Serialize)]
        struct Signposting<'a> {
            id: TextId,
            title: &'a str,
            paragraphs: Vec<Vec<Segment>>,
        }
        #[derive(Serialize)]
        struct Facts<'a> {
            safety_centre_url: &'a str,
            childline_phone: &'a str,
            childline_web: &'a str,
            emergency_number: &'a str,
            ceop_education_email: &'a str,
        }
        let f = &guide.facts;
        // Only the button as issued gets an artifact (a file of another
        // size is referred to the CEOP Education Team first), so the image
        // is always stated at the issued size.
        let (width, height) = (f.button_width, f.button_height);
        let text = guide.text(signposting_text(answers));
        let mut c = Context::new();
        c.insert("platform", &platform.as_str());
        c.insert("audience", &answers.audience.map(|a| a.as_str()));
        c.insert("outcome", &decision.outcome.as_str());
        c.insert(
            "guide",
            &BTreeMap::from([
                ("title", crate::output::printable(&guide.title)),
                ("version", crate::output::printable(&guide.version)),
            ]),
        );
        c.insert(
            "facts",
            &Facts {
                safety_centre_url: &f.safety_centre_url,
                childline_phone: &f.childline_phone,
                childline_web: &f.childline_web,
                emergency_number: &f.emergency_number,
                ceop_education_email: &f.ceop_education_email,
            },
        );
        c.insert(
            "image",
            &Image {
                src: answers.image_src.as_deref().unwrap_or(""),
                width,
                height,
                alt: &f.button_alt,
            },
        );
        c.insert("new_tab", &answers.new_tab.unwrap_or(false));
        c.insert(
            "signposting",
            &Signposting {
                id: text.id,
                title: &text.title,
                paragraphs: linked_paragraphs(text, guide),
            },
        );
        c
    }
}

/// The embedded templates, each replaced by a file of the same name in `dir`
/// when one is given, compiled with the escaping filters.
fn compile(dir: Option<&Path>) -> Result<(Tera, BTreeMap<String, String>)> {
    let mut templates: BTreeMap<String, String> = EMBEDDED_TEMPLATES
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    if let Some(dir) = dir {
        let fix = "pass --templates a directory holding templates named like the embedded ones (website.html, app.jsx, …)";
        let entries = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, "cannot read the templates directory", fix, e))?;
        for entry in entries {
            let entry =
                entry.map_err(|e| Error::io(dir, "cannot read the templates directory", fix, e))?;
            let path = entry.path();
            // Anything else named like a template is read, so a FIFO or a
            // device is refused with a message rather than skipped or waited on.
            if path.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if !templates.contains_key(&name) {
                return Err(Error::input(
                    Location::start(&path.display().to_string()),
                    format!("`{name}` is not a template ceop-onboard uses"),
                    format!(
                        "name it after one of: {}",
                        EMBEDDED_TEMPLATES.map(|(n, _)| n).join(", ")
                    ),
                ));
            }
            let content = crate::fsio::read_text(&path, crate::fsio::TEMPLATE)?;
            templates.insert(name.clone(), content);
            labels.insert(name, path.display().to_string());
        }
    }
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    tera.register_filter("html", |s: &str, _: Kwargs, _: &State| escape_html(s));
    tera.register_filter("android", |s: &str, _: Kwargs, _: &State| escape_android(s));
    tera.register_filter("swift", |s: &str, _: Kwargs, _: &State| escape_swift(s));
    tera.register_filter("js", |s: &str, _: Kwargs, _: &State| js_string(s));
    tera.register_filter("md", |s: &str, _: Kwargs, _: &State| escape_markdown(s));
    tera.register_filter("md_url", |s: &str, _: Kwargs, _: &State| markdown_url(s));
    let label = |n: &str| {
        labels
            .get(n)
            .cloned()
            .unwrap_or_else(|| format!("templates/{n}"))
    };
    for (name, content) in &templates {
        tera.add_raw_template(name, content)
            .map_err(|e| template_error(e, name, &label))?;
    }
    Ok((tera, labels))
}
