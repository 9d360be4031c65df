//! R5 and R9 in stylesheets: rules that size, shrink, alter, hide, clip or cover the button, matched by selector.

use std::collections::BTreeMap;
use std::ops::Range;

use super::Ctx;
use crate::audit::css::{self, Effect};
use crate::audit::finding::FindingId;
use crate::audit::source::{QUOTE_MAX, excerpt_within};

/// Judges every rule of the stylesheet `text[sheet]`. `buttons` are the
/// classes and ids of button images (of this page and of the whole site),
/// `wrappers` those of what holds the page's buttons.
pub(super) fn check_rules(
    cx: &mut Ctx,
    sheet: Range<usize>,
    buttons: &[String],
    wrappers: &[String],
) {
    for rule in css::rules(cx.text, sheet) {
        check_rule(cx, &rule, buttons, wrappers);
    }
}

fn check_rule(cx: &mut Ctx, rule: &css::Rule, buttons: &[String], wrappers: &[String]) {
    let sel = rule.selector.as_str();
    let on_button = css::targets_button(sel, buttons);
    let on_ceop = on_button || css::targets_ceop(sel, &[buttons, wrappers].concat());
    if !on_ceop {
        return;
    }
    let mut by: BTreeMap<FindingId, (usize, Vec<String>)> = BTreeMap::new();
    for d in &rule.decls {
        let effect = if on_button {
            css::on_button(d, cx.a.width, cx.a.height)
        } else {
            css::on_wrapper(d)
        };
        let id = match effect {
            Some(Effect::Resized) => FindingId::ButtonResized,
            Some(Effect::Altered) => FindingId::ButtonAltered,
            Some(Effect::Hidden) => FindingId::ButtonHidden,
            Some(Effect::OffPage) => FindingId::ButtonOffPage,
            Some(Effect::Clips)
                if on_button
                    || !d.prop.starts_with("overflow")
                    || css::too_small(&rule.decls, cx.a.width, cx.a.height) =>
            {
                FindingId::ButtonCropped
            }
            _ => continue,
        };
        let entry = by.entry(id).or_insert((d.offset, Vec::new()));
        entry.1.push(format!("{}: {}", d.prop, d.value));
    }
    // A box cropping the button says how small it is: "width: 110px; overflow: hidden".
    if let Some((_, decls)) = by.get_mut(&FindingId::ButtonCropped) {
        let small: Vec<String> = rule
            .decls
            .iter()
            .filter(|d| css::too_small(std::slice::from_ref(*d), cx.a.width, cx.a.height))
            .map(|d| format!("{}: {}", d.prop, d.value))
            .filter(|d| !decls.contains(d))
            .collect();
        decls.splice(0..0, small);
    }
    let size = cx.size();
    // The selector and its declarations share one quote's length.
    let sel = excerpt_within(sel, QUOTE_MAX / 2);
    for (id, (offset, decls)) in by {
        let what = excerpt_within(&decls.join("; "), QUOTE_MAX - sel.chars().count());
        let (message, fix) = match id {
            FindingId::ButtonResized => (
                format!("`{sel}` resizes the button ({what})"),
                format!("remove the size from this rule or set it to {size}"),
            ),
            FindingId::ButtonAltered => (
                format!("`{sel}` alters the button ({what})"),
                "remove these declarations: the button is used exactly as issued".into(),
            ),
            FindingId::ButtonHidden => (
                format!("`{sel}` hides the button ({what})"),
                "show the button where it can be seen, or remove it".into(),
            ),
            FindingId::ButtonOffPage => (
                format!("`{sel}` pushes the button off the edge ({what})"),
                "remove the negative margin or offset".into(),
            ),
            _ => (
                format!("`{sel}` crops the button ({what})"),
                format!("give the button room to show whole ({size}) and remove the clipping"),
            ),
        };
        cx.add(id, offset, message, fix);
    }
}
