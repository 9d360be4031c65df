//! The rules of the user guide, R1–R14 (SPEC §2), as a type.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One rule of the guide. Their wording lives in `wizard.toml`; the code only
/// needs to know which rule a question, reason, checklist item or finding cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleId {
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
}

impl RuleId {
    pub const ALL: [RuleId; 14] = [
        RuleId::R1,
        RuleId::R2,
        RuleId::R3,
        RuleId::R4,
        RuleId::R5,
        RuleId::R6,
        RuleId::R7,
        RuleId::R8,
        RuleId::R9,
        RuleId::R10,
        RuleId::R11,
        RuleId::R12,
        RuleId::R13,
        RuleId::R14,
    ];

    pub fn number(self) -> usize {
        self as usize + 1
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "R{}", self.number())
    }
}

impl FromStr for RuleId {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let n: usize = s.strip_prefix('R').ok_or(())?.parse().map_err(|_| ())?;
        RuleId::ALL.get(n.wrapping_sub(1)).copied().ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_round_trip() {
        for r in RuleId::ALL {
            assert_eq!(r.to_string().parse::<RuleId>(), Ok(r));
        }
        assert!("R0".parse::<RuleId>().is_err());
        assert!("R15".parse::<RuleId>().is_err());
    }
}
