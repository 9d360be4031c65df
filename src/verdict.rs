//! What a decision can say: its outcome and the ids of the reasons it gives.
//!
//! The guide (which words each reason and outcome has) and eligibility (which
//! apply to some answers) both speak this vocabulary; keeping it here lets the
//! dependency run one way, from eligibility to the guide. Every id is checked
//! against the `[[reason]]` entries of `wizard.toml` when the guide loads, so
//! a reason the decision gives always has its words.

use crate::answers::{Organisation, YesNo};

value_enum!(
    /// The decision's verdict (SPEC §5 steps 3–5), by the name the record
    /// and the templates use.
    Outcome {
        /// May host the button.
        Appropriate = "appropriate",
        /// May signpost the Safety Centre with a text link, not the button (an app).
        AppLinkOnly = "app-link-only",
        /// Should not host the button.
        NotAppropriate = "not-appropriate",
        /// Check with the CEOP Education Team first: a host answer is "not sure",
        /// or the button file given is not the button as issued.
        Refer = "refer",
        /// Answers or acknowledgements are still missing.
        Incomplete = "incomplete",
    }
);

impl Outcome {
    /// Whether an artifact is produced.
    pub fn gives_artifact(self) -> bool {
        matches!(self, Outcome::Appropriate | Outcome::AppLinkOnly)
    }
}

value_enum!(
    /// Every reason the decision can give, by its `[[reason]]` id in
    /// `wizard.toml`. A host answer's id is the answers-file key and the
    /// answer (`uk-not-sure`); an organisation's is `organisation-` and its
    /// kind.
    ReasonId {
        GuidanceNotRead = "guidance-not-read",
        EndorsementNotAcknowledged = "endorsement-not-acknowledged",
        Refer = "refer",
        AppLinkOnly = "app-link-only",
        MixedAudience = "mixed-audience",
        PlacementElsewhere = "placement-elsewhere",
        ButtonNotGif = "button-not-gif",
        ButtonWrongSize = "button-wrong-size",
        UkYes = "uk-yes",
        UkNo = "uk-no",
        UkNotSure = "uk-not-sure",
        ServesChildrenYes = "serves_children-yes",
        ServesChildrenNo = "serves_children-no",
        ServesChildrenNotSure = "serves_children-not-sure",
        ContentAppropriateYes = "content_appropriate-yes",
        ContentAppropriateNo = "content_appropriate-no",
        ContentAppropriateNotSure = "content_appropriate-not-sure",
        OrganisationSchool = "organisation-school",
        OrganisationOnlineService = "organisation-online-service",
        OrganisationYouthOrganisation = "organisation-youth-organisation",
        OrganisationPublicService = "organisation-public-service",
        OrganisationOther = "organisation-other",
    }
);

/// The reasons of one host question, one for each answer.
#[derive(Debug, Clone, Copy)]
pub struct HostReasons {
    pub yes: ReasonId,
    pub no: ReasonId,
    pub not_sure: ReasonId,
}

impl HostReasons {
    pub const UK: HostReasons = HostReasons {
        yes: ReasonId::UkYes,
        no: ReasonId::UkNo,
        not_sure: ReasonId::UkNotSure,
    };
    pub const SERVES_CHILDREN: HostReasons = HostReasons {
        yes: ReasonId::ServesChildrenYes,
        no: ReasonId::ServesChildrenNo,
        not_sure: ReasonId::ServesChildrenNotSure,
    };
    pub const CONTENT_APPROPRIATE: HostReasons = HostReasons {
        yes: ReasonId::ContentAppropriateYes,
        no: ReasonId::ContentAppropriateNo,
        not_sure: ReasonId::ContentAppropriateNotSure,
    };

    /// The reason this answer gives.
    pub fn of(self, answer: YesNo) -> ReasonId {
        match answer {
            YesNo::Yes => self.yes,
            YesNo::No => self.no,
            YesNo::NotSure => self.not_sure,
        }
    }
}

impl ReasonId {
    /// The number of reasons.
    pub const COUNT: usize = ReasonId::ALL.len();

    /// The reason the kind of organisation gives.
    pub fn organisation(o: Organisation) -> ReasonId {
        match o {
            Organisation::School => ReasonId::OrganisationSchool,
            Organisation::OnlineService => ReasonId::OrganisationOnlineService,
            Organisation::YouthOrganisation => ReasonId::OrganisationYouthOrganisation,
            Organisation::PublicService => ReasonId::OrganisationPublicService,
            Organisation::Other => ReasonId::OrganisationOther,
        }
    }

    /// Whether the reason asks the host to change something before the
    /// button goes live (the result screen counts these).
    pub fn asks_for_a_fix(self) -> bool {
        matches!(
            self,
            ReasonId::PlacementElsewhere | ReasonId::ButtonNotGif | ReasonId::ButtonWrongSize
        )
    }

    /// Its place in [`ReasonId::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Key;

    #[test]
    fn every_reason_sits_at_its_index() {
        for (i, id) in ReasonId::ALL.iter().enumerate() {
            assert_eq!(id.index(), i, "{id}");
        }
    }

    #[test]
    fn host_and_organisation_ids_are_spelt_from_the_answers_file() {
        for (key, reasons) in [
            (Key::Uk, HostReasons::UK),
            (Key::ServesChildren, HostReasons::SERVES_CHILDREN),
            (Key::ContentAppropriate, HostReasons::CONTENT_APPROPRIATE),
        ] {
            for &v in YesNo::ALL {
                assert_eq!(reasons.of(v).as_str(), format!("{}-{v}", key.name()));
            }
        }
        for &o in Organisation::ALL {
            assert_eq!(
                ReasonId::organisation(o).as_str(),
                format!("organisation-{o}")
            );
        }
    }
}
