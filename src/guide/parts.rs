//! The parts of `wizard.toml` checked one list at a time: official texts, links, questions, checklist items, and that every rule is cited.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

impl Checker<'_> {
    pub(super) fn official_texts(&self, raw: &[raw::OfficialText]) -> Result<Vec<OfficialText>> {
        let mut seen = BTreeSet::new();
        let mut texts = Vec::new();
        for t in raw {
            self.unique(&mut seen, &t.id, "official text id")?;
            let id: TextId = t.id.get_ref().parse().map_err(|_| {
                self.err(
                    &t.id,
                    format!("`{}` is not an official text id", t.id.get_ref()),
                    format!("use one of: {}", TextId::NAMES.join(", ")),
                )
            })?;
            let paragraphs: Vec<String> = t
                .text
                .get_ref()
                .split("\n\n")
                .map(fold_whitespace)
                .filter(|p| !p.is_empty())
                .collect();
            let text = OfficialText {
                id,
                title: t.title.get_ref().clone(),
                paragraphs,
            };
            let expected = OFFICIAL_DIGESTS
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, d)| *d)
                .expect("a digest for every text id");
            if sha256_hex(text.folded().as_bytes()) != expected {
                return Err(self.err(
                    &t.text,
                    format!(
                        "the official text `{id}` differs from the guide's wording; it must be reproduced word for word"
                    ),
                    "restore the text exactly as printed in the guide (curly quotes included); only line breaks may differ",
                ));
            }
            texts.push(text);
        }
        if let Some(id) = TextId::ALL
            .iter()
            .find(|id| !texts.iter().any(|t| t.id == **id))
        {
            return Err(Error::input(
                self.first_or_start(raw.first().map(|t| &t.id)),
                format!("the official text `{id}` is missing"),
                format!("add an [[official_text]] with id = \"{id}\" and the guide's text"),
            ));
        }
        Ok(texts)
    }

    pub(super) fn links(&self, raw: &[raw::Link], texts: &[OfficialText]) -> Result<Vec<Link>> {
        let mut seen = BTreeSet::new();
        let mut links = Vec::new();
        for l in raw {
            self.unique(&mut seen, &l.phrase, "link phrase")?;
            let phrase = l.phrase.get_ref();
            let href = l.href.get_ref();
            if !texts.iter().any(|t| t.folded().contains(phrase.as_str())) {
                return Err(self.err(
                    &l.phrase,
                    format!("the link phrase `{phrase}` appears in no official text"),
                    "use words that appear exactly in one of the official texts",
                ));
            }
            if !(href.starts_with("https://") || href.starts_with("tel:")) {
                return Err(self.err(
                    &l.href,
                    format!("link target `{href}` is neither https:// nor tel:"),
                    "link to an https:// address or a tel: number",
                ));
            }
            if let Some((message, fix)) = locks::link_refusal(phrase, href) {
                // The phrase is wrong when it may not link at all; else the target.
                let at = if phrase == locks::SAFETY_CENTRE_PHRASE || locks::is_childline(phrase) {
                    &l.href
                } else {
                    &l.phrase
                };
                return Err(self.err(at, message, fix));
            }
            links.push(Link {
                phrase: phrase.clone(),
                href: href.clone(),
            });
        }
        Ok(links)
    }

    pub(super) fn questions(
        &self,
        raw: &[raw::Question],
        fill: &dyn Fn(&raw::Text) -> Result<String>,
    ) -> Result<Vec<Question>> {
        let mut seen = BTreeSet::new();
        let mut questions = Vec::new();
        for q in raw {
            self.unique(&mut seen, &q.key, "question key")?;
            let key: Key = q.key.get_ref().parse().map_err(|_| {
                self.err(
                    &q.key,
                    format!("`{}` is not an answers-file key", q.key.get_ref()),
                    format!("use one of: {}", Key::NAMES.join(", ")),
                )
            })?;
            if q.optional != key.optional() && key.kind() == Kind::Text {
                return Err(self.err(
                    &q.key,
                    format!(
                        "`{key}` is marked optional = {}, but the program treats it as {}",
                        q.optional,
                        if key.optional() {
                            "optional"
                        } else {
                            "required"
                        }
                    ),
                    format!("set optional = {}", key.optional()),
                ));
            }
            let choices: Vec<Choice> = q
                .choice
                .iter()
                .map(|c| {
                    Ok(Choice {
                        value: c.value.get_ref().clone(),
                        label: fill(&c.label)?,
                        help: c.help.as_ref().map(fill).transpose()?,
                    })
                })
                .collect::<Result<_>>()?;
            let expected: BTreeSet<&str> = match key.kind() {
                Kind::Choice(names) => names.iter().copied().collect(),
                _ => BTreeSet::new(),
            };
            let mut given = BTreeSet::new();
            for c in &q.choice {
                let v = c.value.get_ref().as_str();
                if !expected.contains(v) || !given.insert(v) {
                    return Err(self.err(
                        &c.value,
                        format!("`{v}` is not a value `{key}` can take, or is listed twice"),
                        if expected.is_empty() {
                            format!("`{key}` takes {}: remove its choices", key.accepted())
                        } else {
                            format!("use each of these once: {}", key.accepted())
                        },
                    ));
                }
            }
            if let Some(v) = expected.difference(&given).next() {
                return Err(self.err(
                    &q.key,
                    format!("question `{key}` has no choice for the value `{v}`"),
                    format!("add {{ value = \"{v}\", label = \"…\" }} to its choices"),
                ));
            }
            questions.push(Question {
                key,
                prompt: fill(&q.prompt)?,
                help: fill(&q.help)?,
                rules: self.rules(&q.rules, &q.key)?,
                choices,
                placeholder: q.placeholder.as_ref().map(fill).transpose()?,
            });
        }
        if let Some(key) = Key::ALL
            .iter()
            .find(|k| !questions.iter().any(|q| q.key == **k))
        {
            return Err(Error::input(
                self.first_or_start(raw.first().map(|q| &q.key)),
                format!("no question for the answers-file key `{key}`"),
                format!("add a [[question]] with key = \"{key}\""),
            ));
        }
        Ok(questions)
    }

    /// One `[[reason]]` for every [`ReasonId`] the decision can give, each
    /// once; an id the program does not use is refused, so a typo cannot
    /// leave a reason without words.
    pub(super) fn reasons(
        &self,
        raw: &[raw::Reason],
        fill: &dyn Fn(&raw::Text) -> Result<String>,
    ) -> Result<Reasons> {
        let mut found: BTreeMap<ReasonId, Reason> = BTreeMap::new();
        for r in raw {
            let id: ReasonId = r.id.get_ref().parse().map_err(|_| {
                self.err(
                    &r.id,
                    format!("reason id `{}` is not one the program uses", r.id.get_ref()),
                    format!("use one of: {}", ReasonId::NAMES.join(", ")),
                )
            })?;
            if found.contains_key(&id) {
                return Err(self.err(
                    &r.id,
                    format!("duplicate reason id `{id}`"),
                    "give each reason a different id, or remove one of them",
                ));
            }
            found.insert(
                id,
                Reason {
                    rule: self.rule(&r.rule)?,
                    text: fill(&r.text)?,
                },
            );
        }
        let mut reasons = Vec::with_capacity(ReasonId::COUNT);
        for &id in ReasonId::ALL {
            let Some(reason) = found.remove(&id) else {
                return Err(Error::input(
                    self.first_or_start(raw.first().map(|r| &r.id)),
                    format!("reason `{id}` is missing"),
                    format!("add a [[reason]] with id = \"{id}\", a rule and a text"),
                ));
            };
            reasons.push(reason);
        }
        // One pushed for each id above, so the count always matches.
        let reasons: [Reason; ReasonId::COUNT] = reasons.try_into().map_err(|_| {
            Error::input(
                Location::start(self.file),
                "the reasons do not match the ones the program uses".to_string(),
                "compare the [[reason]] entries with the embedded wizard.toml",
            )
        })?;
        Ok(Reasons(reasons))
    }

    pub(super) fn checklist(
        &self,
        raw: &[raw::ChecklistItem],
        fill: &dyn Fn(&raw::Text) -> Result<String>,
    ) -> Result<Vec<ChecklistItem>> {
        let mut seen = BTreeSet::new();
        let mut items = Vec::new();
        for item in raw {
            self.unique(&mut seen, &item.id, "checklist id")?;
            let mut when = Vec::new();
            if let Some(w) = &item.when {
                for (name, values) in w.get_ref() {
                    let (condition, accepted): (Condition, Vec<&str>) = if name == "button_check" {
                        (Condition::ButtonCheck, ButtonCheck::NAMES.to_vec())
                    } else {
                        match name.parse::<Key>().map(|k| (k, k.kind())) {
                            Ok((k, Kind::Choice(names))) => (Condition::Answer(k), names.to_vec()),
                            _ => {
                                return Err(self.err(
                                    w,
                                    format!(
                                        "`when` tests `{name}`, which is not a choice question"
                                    ),
                                    format!("test one of: {}", when_names().join(", ")),
                                ));
                            }
                        }
                    };
                    if let Some(v) = values.iter().find(|v| !accepted.contains(&v.as_str())) {
                        return Err(self.err(
                            w,
                            format!("`when` tests {name} for `{v}`, which it can never be"),
                            format!("use values from: {}", accepted.join(", ")),
                        ));
                    }
                    when.push((condition, values.clone()));
                }
            }
            items.push(ChecklistItem {
                id: item.id.get_ref().clone(),
                rules: self.rules(&item.rules, &item.id)?,
                text: fill(&item.text)?,
                when,
            });
        }
        Ok(items)
    }

    /// The reader notice (R1) must have something to read.
    pub(super) fn reader_notice_has_sections(&self, g: &Guide) -> Result<()> {
        if g.sections.is_empty() {
            return Err(Error::input(
                Location::start(self.file),
                "no [[section]]: the reader notice would have nothing to read (R1)",
                "add the summary's sections (`ceop-onboard default-config` shows the embedded ones)",
            ));
        }
        Ok(())
    }

    /// Every rule must reach the user somewhere: a section, a question, a
    /// reason or a checklist item (SPEC §2).
    pub(super) fn every_rule_cited(&self, g: &Guide) -> Result<()> {
        let cited: BTreeSet<RuleId> = g
            .sections
            .iter()
            .flat_map(|s| s.rules.iter().copied())
            .chain(g.questions.iter().flat_map(|q| q.rules.iter().copied()))
            .chain(g.reasons.values().map(|r| r.rule))
            .chain(g.checklist.iter().flat_map(|c| c.rules.iter().copied()))
            .collect();
        if let Some(r) = RuleId::ALL.iter().find(|r| !cited.contains(r)) {
            return Err(Error::input(
                Location::start(self.file),
                format!("rule {r} is cited by no section, question, reason or checklist item"),
                format!("cite {r} where the guide's rule is explained or checked"),
            ));
        }
        Ok(())
    }
}

/// What a checklist item's `when` may test: every choice question, then
/// `button_check`.
fn when_names() -> Vec<&'static str> {
    Key::ALL
        .iter()
        .filter(|k| matches!(k.kind(), Kind::Choice(_)))
        .map(|k| k.name())
        .chain(["button_check"])
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn when_may_test_the_choice_questions_and_the_button_check() {
        assert_eq!(
            super::when_names().join(", "),
            "uk, serves_children, organisation, content_appropriate, platform, audience, placement, button_check"
        );
    }
}
