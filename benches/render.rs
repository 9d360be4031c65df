//! Speed of rendering and of `generate`, in process (no terminal, no files).
//!
//!   cargo bench --bench render
//!
//! - `render/<platform>/<format>`: one document from ready answers and decision.
//! - `artifact/<platform>`: every format of the platform and the checklist.
//! - `load/guide`, `load/renderer`: parsing and checking the embedded
//!   wizard.toml; compiling the embedded templates.
//! - `generate/<platform>`: what `generate --answers FILE` does before
//!   writing: parse the answers, load the embedded guide, compile the
//!   templates, decide, render the artifact.

use std::hint::black_box;
use std::time::Duration;

use ceop_onboard::answers::{Answers, Platform};
use ceop_onboard::eligibility::decide;
use ceop_onboard::flow;
use ceop_onboard::guide::Guide;
use ceop_onboard::render::{Document, Format, Renderer};
use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};

/// The answers of an appropriate school, as an answers file, for `platform`.
fn answers_toml(platform: Platform) -> String {
    let mut s = String::from(
        "read_guidance = true\nuk = \"yes\"\nserves_children = \"yes\"\norganisation = \"school\"\ncontent_appropriate = \"yes\"\nno_endorsement = true\n",
    );
    s.push_str(&format!("platform = \"{platform}\"\n"));
    match platform {
        Platform::App => {}
        Platform::Website => s.push_str(
            "audience = \"children\"\nplacement = \"safety-area\"\nimage_src = \"/images/clickceop.gif\"\nnew_tab = false\n",
        ),
        Platform::EmailNewsletter => s.push_str(
            "audience = \"children\"\nimage_src = \"https://www.example.sch.uk/images/clickceop.gif\"\nnew_tab = false\n",
        ),
        Platform::PrintNewsletter => s.push_str("audience = \"children\"\n"),
    }
    s
}

fn answers(platform: Platform) -> Answers {
    Answers::from_toml("bench.toml", &answers_toml(platform)).expect("valid answers")
}

/// `generate --answers FILE` up to the document it would print.
fn generate(answers_file: &str) -> Document {
    let mut answers = Answers::from_toml("answers.toml", answers_file).expect("valid answers");
    flow::prune(&mut answers);
    let guide = Guide::embedded();
    let renderer = Renderer::new(None).expect("embedded templates compile");
    let decision = decide(&guide, &answers, None);
    let artifact = renderer
        .artifact(&guide, &answers, &decision, None)
        .expect("renders")
        .expect("an appropriate school gets an artifact");
    let format = Format::for_platform(artifact.platform)[0];
    artifact
        .documents
        .into_iter()
        .find(|d| d.format == format)
        .expect("the default format is rendered")
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
}

fn benches(c: &mut Criterion) {
    let guide = Guide::embedded();
    let renderer = Renderer::new(None).expect("embedded templates compile");

    let mut group = c.benchmark_group("render");
    configure(&mut group);
    for &platform in Platform::ALL {
        let answers = answers(platform);
        let decision = decide(&guide, &answers, None);
        for &format in Format::for_platform(platform) {
            group.bench_function(format!("{platform}/{format}"), |b| {
                b.iter(|| {
                    renderer
                        .document(&guide, black_box(&answers), &decision, format)
                        .expect("renders")
                        .expect("the platform has this format")
                })
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("artifact");
    configure(&mut group);
    for &platform in Platform::ALL {
        let answers = answers(platform);
        let decision = decide(&guide, &answers, None);
        group.bench_function(platform.as_str(), |b| {
            b.iter(|| {
                renderer
                    .artifact(&guide, black_box(&answers), &decision, None)
                    .expect("renders")
                    .expect("an artifact")
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("load");
    configure(&mut group);
    group.bench_function("guide", |b| b.iter(Guide::embedded));
    group.bench_function("renderer", |b| {
        b.iter(|| Renderer::new(None).expect("embedded templates compile"))
    });
    group.finish();

    let mut group = c.benchmark_group("generate");
    configure(&mut group);
    for &platform in Platform::ALL {
        let file = answers_toml(platform);
        group.bench_function(platform.as_str(), |b| b.iter(|| generate(black_box(&file))));
    }
    group.finish();
}

criterion_group!(render, benches);
criterion_main!(render);
