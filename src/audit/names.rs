//! What names say: the image file a value loads, and whether a file or asset name is the Click CEOP button's.

use super::url::image_extension;

pub(crate) fn is_path_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'%' | b'+')
}

/// The last file name with an image extension in a value, wherever it sits:
/// `<?php echo $dir ?>/img/clickceop.gif`, `{{ asset('img/ceop.png') }}`,
/// `require('./assets/click-ceop.gif')`.
pub(crate) fn image_file_name(value: &str) -> Option<&str> {
    let b = value.as_bytes();
    let mut best = None;
    let mut i = 0;
    while i < b.len() {
        if is_path_byte(b[i]) {
            let s = i;
            while i < b.len() && is_path_byte(b[i]) {
                i += 1;
            }
            let token = &value[s..i];
            let token = token.split('?').next().unwrap_or(token);
            if image_extension(token).is_some() {
                best = Some(token);
            }
        } else {
            i += 1;
        }
    }
    best
}

/// The quoted names inside template code of a value: the image a helper
/// loads, as in `$OUTPUT->pix_url('clickceop', 'theme')`,
/// `{{ image_url('ceop_button') }}`, `get_template_directory_uri() . '/img/ceop.gif'`.
pub(crate) fn helper_names(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(['\'', '"'])
        .skip(1)
        .step_by(2)
        .map(|s| s.rsplit('/').next().unwrap_or(s))
        .filter(|s| !s.is_empty() && s.bytes().all(is_path_byte))
}

/// Whether a file or asset name looks like a copy of the Click CEOP button:
/// `clickceop.gif`, `ClickCEOP_Button.png`, `ceop-report-button.jpg`,
/// `click_ceop`, `ceopbutton`, `ceop.gif`. A CEOP logo or a page banner is
/// not the button: the name must say "ceop" and "click", "button", "btn" or
/// "report", or be just "ceop".
pub fn looks_like_button(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = match lower.rsplit_once('.') {
        Some((stem, _)) if image_extension(&lower).is_some() => stem,
        _ => lower.as_str(),
    };
    let stem = stem.rsplit(['/', '\\']).next().unwrap_or(stem);
    if !stem.contains("ceop") {
        return false;
    }
    let bare: String = stem.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    bare == "ceop"
        || ["click", "button", "btn", "report"]
            .iter()
            .any(|w| stem.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn button_names() {
        for yes in [
            "clickceop.gif",
            "ClickCEOP_Button.png",
            "click-ceop.gif",
            "ceop-report-button.jpg",
            "ceopbutton.gif",
            "ceop.gif",
            "CEOP_btn",
            "click_ceop",
        ] {
            assert!(looks_like_button(yes), "{yes}");
        }
        for no in [
            "ceop-logo.png",
            "logo.gif",
            "ceop-signposting",
            "thinkuknow.gif",
            "ceop_ambassadors.jpg",
        ] {
            assert!(!looks_like_button(no), "{no}");
        }
    }

    #[test]
    fn file_names_inside_template_code() {
        assert_eq!(
            image_file_name("<?php echo get_template_directory_uri(); ?>/img/clickceop.gif"),
            Some("clickceop.gif")
        );
        assert_eq!(
            image_file_name("{{ asset('img/ceop.png') }}"),
            Some("ceop.png")
        );
        assert_eq!(image_file_name("x"), None);
        let names: Vec<&str> =
            helper_names("<?php echo $OUTPUT->pix_url('clickceop', 'theme'); ?>").collect();
        assert_eq!(names, ["clickceop", "theme"]);
    }
}
