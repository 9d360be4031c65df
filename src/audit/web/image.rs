//! The button image of a live page, fetched once per address: what its status, content type and GIF data say (a GIF, 143×51 as the guide's facts give it, animated as the file CEOP issues is).

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
}

/// Judges a fetched button file. `content_type` is reported by the caller
/// when the bytes are not a GIF; the bytes decide, not the header.
pub fn judge(status: u16, body: &[u8], width: u32, height: u32) -> ImageCheck {
    if !(200..300).contains(&status) {
        return ImageCheck::Status(status);
    }
    let check = ButtonCheck::of_header(body, width, height).unwrap_or(ButtonCheck::NotGif);
    if check != ButtonCheck::Ok {
        return ImageCheck::Header(check);
    }
    match frames(body) {
        Some(1) => ImageCheck::Static,
        _ => ImageCheck::Header(ButtonCheck::Ok),
    }
}

/// How many frames a GIF holds (`None` when it cannot be decoded).
pub fn frames(body: &[u8]) -> Option<usize> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    options.set_memory_limit(gif::MemoryLimit::Bytes(
        std::num::NonZeroU64::new(16 * 1024 * 1024).expect("not zero"),
    ));
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
            judge(200, &gif(143, 51, 3), 143, 51),
            ImageCheck::Header(ButtonCheck::Ok)
        );
    }

    #[test]
    fn a_gif_of_one_frame_is_told_still() {
        assert_eq!(judge(200, &gif(143, 51, 1), 143, 51), ImageCheck::Static);
        assert_eq!(frames(&gif(143, 51, 4)), Some(4));
    }

    #[test]
    fn a_png_or_another_size_or_a_404_is_told() {
        assert_eq!(
            judge(200, b"\x89PNG\r\n\x1a\n....", 143, 51),
            ImageCheck::Header(ButtonCheck::NotGif)
        );
        assert_eq!(
            judge(200, &gif(288, 100, 1), 143, 51),
            ImageCheck::Header(ButtonCheck::WrongSize {
                width: 288,
                height: 100
            })
        );
        assert_eq!(judge(404, b"", 143, 51), ImageCheck::Status(404));
    }
}
