//! The result screen's actions: tabs, copy, print on exit, and the save
//! prompt (a file name to edit, then a confirmation before replacing).

use std::path::PathBuf;

use crate::render::RECORD_FILE_NAME;

use super::app::{App, Effect, Msg, Overlay, Report, SavePrompt, SaveWhat};
use super::field::Field;

impl App<'_> {
    pub(super) fn update_result(&mut self, msg: Msg) -> Vec<Effect> {
        let tabs = self.tabs();
        match msg {
            Msg::Right | Msg::Tab if !tabs.is_empty() => {
                self.tab = (self.tab + 1) % tabs.len();
                self.scroll = 0;
            }
            Msg::Left | Msg::BackTab if !tabs.is_empty() => {
                self.tab = (self.tab + tabs.len() - 1) % tabs.len();
                self.scroll = 0;
            }
            Msg::Up => self.scroll = self.scroll.saturating_sub(1),
            Msg::Down => self.scroll = self.scroll.saturating_add(1),
            Msg::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Msg::PageDown => self.scroll = self.scroll.saturating_add(10),
            Msg::Home => self.scroll = 0,
            Msg::Back => return self.back_from_result(),
            Msg::Enter => return self.update(Msg::Quit),
            Msg::Copy if !tabs.is_empty() => {
                return vec![Effect::Copy(tabs[self.tab].content.clone())];
            }
            Msg::Save if !tabs.is_empty() => self.open_save(SaveWhat::Tab(self.tab)),
            Msg::SaveRecord => self.open_save(SaveWhat::Record),
            Msg::PrintOnExit if !tabs.is_empty() => {
                let (name, content) = (&tabs[self.tab].label, &tabs[self.tab].content);
                if self.print_on_exit.as_ref() == Some(content) {
                    self.print_on_exit = None;
                    self.status = Some("Nothing will be printed on exit.".into());
                } else {
                    self.print_on_exit = Some(content.clone());
                    self.status = Some(format!(
                        "The {name} tab will be printed to standard output when you quit."
                    ));
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// The default file name for what is being saved.
    pub fn default_path(&self, what: SaveWhat) -> String {
        match what {
            SaveWhat::Record => RECORD_FILE_NAME.into(),
            SaveWhat::Tab(i) => self
                .tabs()
                .get(i)
                .map_or_else(|| "ceop-output.txt".into(), |p| p.file_name.clone()),
        }
    }

    fn open_save(&mut self, what: SaveWhat) {
        self.overlay = Some(Overlay::Save(SavePrompt {
            what,
            path: Field::new(&self.default_path(what)),
            confirm_overwrite: false,
            error: None,
        }));
    }

    fn contents(&self, what: SaveWhat, path: &std::path::Path) -> Option<String> {
        match what {
            SaveWhat::Tab(i) => self.tabs().get(i).map(|t| t.content.clone()),
            SaveWhat::Record => {
                let c = self.conclusion.as_ref()?.as_ref().ok()?;
                Some(c.record(self.guide, self.session.answers(), (self.now)(), path))
            }
        }
    }

    pub(super) fn update_save(&mut self, mut prompt: SavePrompt, msg: Msg) -> Vec<Effect> {
        if prompt.confirm_overwrite {
            match msg {
                Msg::Yes => {
                    prompt.confirm_overwrite = false;
                    return self.write(prompt, true);
                }
                Msg::No | Msg::Back => prompt.confirm_overwrite = false,
                _ => {}
            }
            self.overlay = Some(Overlay::Save(prompt));
            return Vec::new();
        }
        match msg {
            Msg::Back => {
                self.overlay = None;
                return Vec::new();
            }
            Msg::Enter => return self.write(prompt, false),
            msg => {
                prompt.path.edit(&msg);
            }
        }
        prompt.error = None;
        self.overlay = Some(Overlay::Save(prompt));
        Vec::new()
    }

    fn write(&mut self, prompt: SavePrompt, overwrite: bool) -> Vec<Effect> {
        let path = prompt.path.value().trim().to_string();
        match self.contents(prompt.what, std::path::Path::new(&path)) {
            Some(contents) if !path.is_empty() => {
                self.overlay = Some(Overlay::Save(prompt));
                vec![Effect::Write {
                    path: PathBuf::from(path),
                    contents,
                    overwrite,
                }]
            }
            _ => {
                self.overlay = Some(Overlay::Save(SavePrompt {
                    error: Some("Type a file name.".into()),
                    ..prompt
                }));
                Vec::new()
            }
        }
    }

    /// Takes the outcome of an effect performed by the event loop.
    pub fn report(&mut self, effect: &Effect, report: Report) {
        match (effect, report) {
            (Effect::Write { .. }, Report::Exists) => {
                if let Some(Overlay::Save(p)) = &mut self.overlay {
                    p.confirm_overwrite = true;
                }
            }
            (Effect::Write { .. }, Report::Done(m)) => {
                self.overlay = None;
                self.status = Some(m);
            }
            (Effect::Write { .. }, Report::Failed(m)) => {
                if let Some(Overlay::Save(p)) = &mut self.overlay {
                    p.error = Some(m);
                }
            }
            (_, Report::Done(m)) => self.status = Some(m),
            (_, Report::Failed(m)) => self.error = Some(m),
            (_, Report::Exists) => {}
        }
    }
}
