//! Checks a local copy of the button: is it a GIF, and is it the size of the
//! file CEOP issues (143×51, a fact about the file, not a figure from the guide; R5)?

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::rules::RuleId;

/// What the header of a local button file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonCheck {
    /// A GIF of the size of the file CEOP issues.
    Ok,
    /// Not a GIF at all.
    NotGif,
    /// A GIF of another size: not the button as issued, to check first with
    /// the CEOP Education Team (no artifact is made at that size).
    WrongSize { width: u32, height: u32 },
}

impl ButtonCheck {
    /// The names a checklist item's `when = { button_check = [...] }` may use.
    pub const NAMES: [&'static str; 3] = ["ok", "not-gif", "wrong-size"];

    pub fn name(self) -> &'static str {
        match self {
            ButtonCheck::Ok => "ok",
            ButtonCheck::NotGif => "not-gif",
            ButtonCheck::WrongSize { .. } => "wrong-size",
        }
    }

    /// Reads the first bytes of `path` and compares its logical screen size
    /// with the expected one: `Ok`, `NotGif` or `WrongSize`. A file that cannot
    /// be read, or a GIF cut short before its size, is an error. `check`
    /// reports every outcome as a finding.
    pub fn read(path: &Path, width: u32, height: u32) -> Result<ButtonCheck> {
        let fix = "give the path of your copy of the Click CEOP GIF as CEOP issued it, or leave button_file out";
        // A regular file only: a FIFO or device is refused, never waited on.
        let mut file = crate::fsio::open_regular(path, "button file", fix)?;
        let mut header = Vec::with_capacity(10);
        file.by_ref()
            .take(crate::fsio::BUTTON_HEADER)
            .read_to_end(&mut header)
            .map_err(|e| Error::io(path, "cannot read the button file", fix, e))?;
        Self::of_header(&header, width, height).ok_or_else(|| {
            Error::io(
                path,
                "the GIF is cut short before its size",
                "get the Click CEOP GIF again from CEOP (the CEOP Education Team), never from another site",
                std::io::Error::from(std::io::ErrorKind::UnexpectedEof),
            )
        })
    }

    /// The check of the `button_file` answer: as [`ButtonCheck::read`], but a
    /// file that is not a GIF at all is refused, as most likely the wrong
    /// file (R5: the button is the GIF CEOP issues). A GIF of another size
    /// is for the decision: check first with the CEOP Education Team.
    pub fn of_file(path: &Path, width: u32, height: u32) -> Result<ButtonCheck> {
        match Self::read(path, width, height)? {
            ButtonCheck::NotGif => Err(Error::io(
                path,
                "is not a GIF",
                format!(
                    "give the path of the Click CEOP GIF as CEOP issued it, unmodified ({}): get it from the CEOP Education Team, never from another site; or leave button_file out",
                    RuleId::R5
                ),
                std::io::Error::from(std::io::ErrorKind::InvalidData),
            )),
            check => Ok(check),
        }
    }

    /// Judges a GIF header (its first 10 bytes). `None` when a GIF signature is
    /// followed by fewer bytes than the size needs.
    pub fn of_header(header: &[u8], width: u32, height: u32) -> Option<ButtonCheck> {
        let sig = header.get(..6);
        if sig != Some(b"GIF87a") && sig != Some(b"GIF89a") {
            return if b"GIF89a".starts_with(header) && header.len() >= 3 {
                None
            } else {
                Some(ButtonCheck::NotGif)
            };
        }
        let size = header.get(6..10)?;
        let w = u32::from(u16::from_le_bytes([size[0], size[1]]));
        let h = u32::from(u16::from_le_bytes([size[2], size[3]]));
        Some(if (w, h) == (width, height) {
            ButtonCheck::Ok
        } else {
            ButtonCheck::WrongSize {
                width: w,
                height: h,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gif(w: u16, h: u16) -> Vec<u8> {
        let mut v = b"GIF89a".to_vec();
        v.extend(w.to_le_bytes());
        v.extend(h.to_le_bytes());
        v
    }

    #[test]
    fn each_outcome_has_the_name_a_checklist_condition_uses() {
        let wrong = ButtonCheck::WrongSize {
            width: 100,
            height: 36,
        };
        assert_eq!(
            [
                ButtonCheck::Ok.name(),
                ButtonCheck::NotGif.name(),
                wrong.name()
            ],
            ButtonCheck::NAMES
        );
        assert_eq!(ButtonCheck::NAMES, ["ok", "not-gif", "wrong-size"]);
    }

    #[test]
    fn official_size_is_ok() {
        assert_eq!(
            ButtonCheck::of_header(&gif(143, 51), 143, 51),
            Some(ButtonCheck::Ok)
        );
    }

    #[test]
    fn resized_gif_reports_its_size() {
        assert_eq!(
            ButtonCheck::of_header(&gif(286, 102), 143, 51),
            Some(ButtonCheck::WrongSize {
                width: 286,
                height: 102
            })
        );
    }

    #[test]
    fn png_is_not_a_gif_and_truncated_gif_is_unjudged() {
        assert_eq!(
            ButtonCheck::of_header(b"\x89PNG\r\n\x1a\n\0\0", 143, 51),
            Some(ButtonCheck::NotGif)
        );
        assert_eq!(
            ButtonCheck::of_header(b"", 143, 51),
            Some(ButtonCheck::NotGif)
        );
        assert_eq!(ButtonCheck::of_header(b"GIF89a\x8f", 143, 51), None);
        assert_eq!(ButtonCheck::of_header(b"GIF", 143, 51), None);
    }
}
