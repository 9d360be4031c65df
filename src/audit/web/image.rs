//! The button image of a live page, fetched once per address: what its status, content type and GIF data say (a GIF, 143×51 as the guide's facts give it, animated as the file CEOP issues is), and the finding each page that loads it gets.

use crate::audit::source::excerpt;
use crate::audit::{Auditor, Finding, FindingId, LocalImage, Origin};
use crate::button::ButtonCheck;

/// What the fetched file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageCheck {
    /// The header's verdict: a GIF of the right size, not a GIF, or
    /// another size.
    Header(ButtonCheck),
    /// A GIF of the right size with a single frame: the file CEOP issues
    /// is animated, so this copy had its animation taken out.
    Static,
    /// The server did not give the file: its status.
    Status(u16),
    /// The server answered with something that is no image (its content
    /// type): an error page, say.
    NotImage(String),
    /// Larger than the cap (in bytes), so not read.
    TooLarge(u64),
}

/// Judges a fetched button file. The bytes decide what it is; the content
/// type only tells an image of another format from no image at all.
pub fn judge(status: u16, content_type: &str, body: &[u8], width: u32, height: u32) -> ImageCheck {
    if !(200..300).contains(&status) {
        return ImageCheck::Status(status);
    }
    let check = ButtonCheck::of_header(body, width, height).unwrap_or(ButtonCheck::NotGif);
    if check == ButtonCheck::NotGif && !is_image(content_type, body) {
        return ImageCheck::NotImage(content_type.to_string());
    }
    if check != ButtonCheck::Ok {
        return ImageCheck::Header(check);
    }
    match frames(body) {
        Some(1) => ImageCheck::Static,
        _ => ImageCheck::Header(ButtonCheck::Ok),
    }
}

/// Whether a browser draws `body` as an image: it is served as `image/…`,
/// or its bytes open as a PNG, JPEG, WebP or BMP does (browsers look at the
/// bytes of an image whatever its type says).
fn is_image(content_type: &str, body: &[u8]) -> bool {
    const SIGNATURES: [&[u8]; 4] = [b"\x89PNG", b"\xFF\xD8\xFF", b"RIFF", b"BM"];
    content_type.starts_with("image/") || SIGNATURES.iter().any(|s| body.starts_with(s))
}

/// The finding for the page `page` whose button `image` loads a file that
/// was judged `check`; `None` when the file is the one CEOP issues.
pub fn finding(a: &Auditor, page: &str, image: &LocalImage, check: &ImageCheck) -> Option<Finding> {
    const GET: &str = "get it from CEOP (the CEOP Education Team), never a copy from another site";
    let src = excerpt(&image.src);
    let replace = format!("replace the file with the Click CEOP GIF as issued, unedited: {GET}");
    let (id, message, fix) = match check {
        ImageCheck::Header(c) => {
            let mut f = a.local_image_finding(page, image, *c)?;
            f.file = Origin::Url(page.to_string());
            return Some(f);
        }
        ImageCheck::Static => (
            FindingId::ButtonFileStill,
            format!(
                "`{src}` is a still GIF (one frame); the file CEOP issues is animated (this tool's reading of R5: no change to the animation)"
            ),
            replace,
        ),
        ImageCheck::TooLarge(cap) => (
            FindingId::ButtonFileTooLarge,
            format!(
                "`{src}` is larger than {} MB (not read); the {}×{} GIF CEOP issues is a few kilobytes, so this is another file",
                cap / (1024 * 1024),
                a.width,
                a.height
            ),
            replace,
        ),
        ImageCheck::Status(status) => (
            FindingId::ButtonFileUnavailable,
            format!("`{src}` cannot be loaded (HTTP {status}): visitors see no button"),
            format!(
                "put the Click CEOP GIF as issued at that address, or point `src` at where it is; {GET}"
            ),
        ),
        ImageCheck::NotImage(ct) => (
            FindingId::ButtonFileUnavailable,
            format!(
                "`{src}` is not an image (served as {}): visitors see no button",
                if ct.is_empty() {
                    "(no content type)"
                } else {
                    ct
                }
            ),
            format!(
                "put the Click CEOP GIF as issued at that address, or point `src` at where it is; {GET}"
            ),
        ),
    };
    Some(Finding {
        id,
        file: Origin::Url(page.to_string()),
        line: image.line,
        column: image.column,
        offset: image.offset,
        message,
        fix,
        edit: None,
    })
}
/// How many frames a GIF holds (`None` when it cannot be decoded).
pub fn frames(body: &[u8]) -> Option<usize> {
    // Only frame headers are read, never pixels: no frame buffer is made,
    // so the decoder's memory limit has nothing to limit; the body itself
    // is at most 1 MB.
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let mut decoder = options.read_info(body).ok()?;
    let mut n = 0;
    // Bounded: a file of at most 1 MB holds few frames.
    while let Ok(Some(_)) = decoder.next_frame_info() {
        n += 1;
        if n > 10_000 {
            break;
        }
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gif(w: u16, h: u16, frames: usize) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = gif::Encoder::new(&mut out, w, h, &[0, 0, 0, 255, 255, 255]).unwrap();
            for _ in 0..frames {
                let f = gif::Frame {
                    width: w,
                    height: h,
                    buffer: std::borrow::Cow::Owned(vec![0; usize::from(w) * usize::from(h)]),
                    ..gif::Frame::default()
                };
                enc.write_frame(&f).unwrap();
            }
        }
        out
    }

    #[test]
    fn an_animated_gif_of_the_right_size_passes() {
        assert_eq!(
            judge(200, "image/gif", &gif(143, 51, 3), 143, 51),
            ImageCheck::Header(ButtonCheck::Ok)
        );
    }

    #[test]
    fn a_gif_of_one_frame_is_told_still() {
        assert_eq!(
            judge(200, "image/gif", &gif(143, 51, 1), 143, 51),
            ImageCheck::Static
        );
        assert_eq!(frames(&gif(143, 51, 4)), Some(4));
    }

    #[test]
    fn a_png_or_another_size_or_a_404_is_told() {
        assert_eq!(
            judge(200, "image/gif", b"\x89PNG\r\n\x1a\n....", 143, 51),
            ImageCheck::Header(ButtonCheck::NotGif)
        );
        assert_eq!(
            judge(200, "image/gif", &gif(288, 100, 1), 143, 51),
            ImageCheck::Header(ButtonCheck::WrongSize {
                width: 288,
                height: 100
            })
        );
        assert_eq!(
            judge(404, "text/html", b"", 143, 51),
            ImageCheck::Status(404)
        );
    }

    #[test]
    fn only_a_2xx_status_is_judged_by_the_bytes() {
        let ok = gif(143, 51, 3);
        for status in [200, 299] {
            assert_eq!(
                judge(status, "image/gif", &ok, 143, 51),
                ImageCheck::Header(ButtonCheck::Ok),
                "{status}"
            );
        }
        for status in [199, 300, 403, 500] {
            assert_eq!(
                judge(status, "image/gif", &ok, 143, 51),
                ImageCheck::Status(status)
            );
        }
    }

    #[test]
    fn the_bytes_decide_and_the_type_tells_no_image_from_another_format() {
        assert_eq!(
            judge(200, "text/html", &gif(143, 51, 3), 143, 51),
            ImageCheck::Header(ButtonCheck::Ok),
            "a GIF served as text/html is still drawn"
        );
        assert_eq!(
            judge(200, "text/html", b"<!DOCTYPE html><p>Not found", 143, 51),
            ImageCheck::NotImage("text/html".into())
        );
        assert_eq!(
            judge(200, "", b"<p>Not found", 143, 51),
            ImageCheck::NotImage(String::new())
        );
        assert_eq!(
            judge(200, "image/png", b"not a gif at all", 143, 51),
            ImageCheck::Header(ButtonCheck::NotGif)
        );
        assert_eq!(
            judge(
                200,
                "application/octet-stream",
                b"\xFF\xD8\xFF\xE0 jpeg",
                143,
                51
            ),
            ImageCheck::Header(ButtonCheck::NotGif)
        );
    }

    #[test]
    fn an_image_is_told_by_its_type_or_its_first_bytes() {
        for body in [
            &b"\x89PNG\r\n\x1a\n"[..],
            b"\xFF\xD8\xFF\xDB",
            b"RIFF\0\0\0\0WEBPVP8 ",
            b"BM6\0\0\0",
        ] {
            assert!(is_image("application/octet-stream", body), "{body:?}");
            assert!(is_image("", body), "{body:?}");
        }
        assert!(is_image("image/svg+xml", b"<svg/>"));
        assert!(!is_image("text/html", b"<html>"));
        assert!(!is_image("", b""));
        assert!(!is_image("text/plain", b"PNG"));
    }

    #[test]
    fn frames_are_counted_up_to_ten_thousand_and_one() {
        assert_eq!(frames(&gif(143, 51, 2)), Some(2));
        assert_eq!(frames(&gif(1, 1, 10_003)), Some(10_001));
        assert_eq!(frames(b"GIF89a"), None);
    }

    fn finding_for(check: ImageCheck) -> Option<Finding> {
        let a = Auditor::new(&crate::guide::Guide::embedded());
        let image = LocalImage {
            src: "/img/clickceop.gif".into(),
            line: 7,
            column: 12,
            offset: 345,
        };
        finding(&a, "https://s.example/safety.html", &image, &check)
    }

    #[test]
    fn each_verdict_on_a_button_file_is_its_own_finding_at_the_img() {
        assert_eq!(finding_for(ImageCheck::Header(ButtonCheck::Ok)), None);
        let cases = [
            (
                ImageCheck::Header(ButtonCheck::NotGif),
                FindingId::ButtonFileNotGif,
                "`/img/clickceop.gif` is not a GIF file",
                "replace the file",
            ),
            (
                ImageCheck::Header(ButtonCheck::WrongSize {
                    width: 288,
                    height: 100,
                }),
                FindingId::ButtonFileWrongSize,
                "is 288×100; the file CEOP issues is 143×51",
                "replace the file",
            ),
            (
                ImageCheck::Static,
                FindingId::ButtonFileStill,
                "`/img/clickceop.gif` is a still GIF (one frame); the file CEOP issues is animated (this tool's reading of R5",
                "replace the file with the Click CEOP GIF as issued",
            ),
            (
                ImageCheck::TooLarge(3 * 1024 * 1024),
                FindingId::ButtonFileTooLarge,
                "`/img/clickceop.gif` is larger than 3 MB (not read); the 143×51 GIF CEOP issues",
                "replace the file with the Click CEOP GIF as issued",
            ),
            (
                ImageCheck::Status(404),
                FindingId::ButtonFileUnavailable,
                "`/img/clickceop.gif` cannot be loaded (HTTP 404): visitors see no button",
                "put the Click CEOP GIF as issued at that address",
            ),
            (
                ImageCheck::NotImage("text/html".into()),
                FindingId::ButtonFileUnavailable,
                "`/img/clickceop.gif` is not an image (served as text/html): visitors see no button",
                "put the Click CEOP GIF as issued at that address",
            ),
            (
                ImageCheck::NotImage(String::new()),
                FindingId::ButtonFileUnavailable,
                "is not an image (served as (no content type))",
                "get it from CEOP (the CEOP Education Team)",
            ),
        ];
        for (check, id, says, fix) in cases {
            let f = finding_for(check.clone()).expect("a finding");
            assert_eq!(f.id, id, "{check:?}");
            assert!(f.message.contains(says), "{check:?}: {}", f.message);
            assert!(f.fix.contains(fix), "{check:?}: {}", f.fix);
            assert_eq!(
                f.file,
                Origin::Url("https://s.example/safety.html".into()),
                "{check:?}"
            );
            assert_eq!((f.line, f.column, f.offset), (7, 12, 345), "{check:?}");
            assert_eq!(f.edit, None);
        }
    }
}
