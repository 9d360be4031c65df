//! Template code in attribute values (`<?php … ?>`, `{{ … }}`, JSX braces, PHP string seams): what a value computes and what it says literally.

use super::markup::skip_template;

/// Removes template code and JSX braces from a value: what is left is what
/// a reader would see. `None` if the value is entirely computed.
pub fn literal(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut computed = false;
    loop {
        if let Some(k) = skip_template(b, i) {
            computed = true;
            i = k;
            continue;
        }
        let Some(c) = value[i..].chars().next() else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
    }
    let trimmed = out
        .trim()
        .trim_matches(|c| matches!(c, '"' | '\'' | '`'))
        .trim();
    if trimmed.is_empty() && computed {
        None
    } else {
        Some(trimmed.to_string())
    }
}

/// Whether a value contains template code (so its final form is unknown).
pub fn has_template(value: &str) -> bool {
    let b = value.as_bytes();
    (0..b.len()).any(|i| matches!(b[i], b'<' | b'{' | b'$') && skip_template(b, i).is_some())
        || value.contains('+')
        || php_concatenated(value)
}

/// Whether a value is the seam of markup built in a PHP string:
/// `alt="' . get_string('alt', 'theme') . '"` reads `' . get_string(…) . '`.
pub fn php_concatenated(value: &str) -> bool {
    let t = value.trim();
    let opens = t
        .strip_prefix(['\'', '"'])
        .is_some_and(|r| r.starts_with(char::is_whitespace) && r.trim_start().starts_with('.'));
    let closes = t
        .strip_suffix(['\'', '"'])
        .is_some_and(|r| r.ends_with(char::is_whitespace) && r.trim_end().ends_with('.'));
    opens || closes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_built_in_a_php_string_is_template_code() {
        assert!(has_template(
            "' . get_string('clickceopalt', 'theme_x') . '"
        ));
        assert!(has_template("\" . $alt . \""));
        assert!(!has_template("Click CEOP."));
        assert!(!has_template("'Report.'"));
        // Each sign of template code is enough on its own.
        for computed in [
            "{{ alt }}",
            "<?= $alt ?>",
            "${alt}",
            "'/img/' + name",
            "Click CEOP ' . $suffix . '",
            "' . $prefix . ' Click CEOP",
        ] {
            assert!(has_template(computed), "{computed}");
        }
        for written in ["a < b {c} $d", "' Click CEOP '", "\"Report\""] {
            assert!(!has_template(written), "{written}");
        }
    }

    #[test]
    fn literal_strips_template_code() {
        assert_eq!(literal("{{ alt }}"), None);
        assert_eq!(literal("\"Click CEOP\""), Some("Click CEOP".into()));
        assert_eq!(literal(""), Some(String::new()));
        assert_eq!(
            literal("Click <?= $x ?>CEOP é{{ y }}"),
            Some("Click CEOP é".into())
        );
        assert_eq!(literal(" ' {% if a %} ' "), None);
    }
}
