//! The closed vocabularies of the register. Each is stored and exchanged as its snake_case code;
//! the message catalogue holds its label in each language (`{prefix}-{code}`).

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, prefix = $prefix:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The prefix of this vocabulary's labels in the message catalogue.
            pub const LABEL_PREFIX: &'static str = $prefix;

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(raw: &str) -> Result<Self, $crate::domain::validation::FieldError> {
                match raw.trim() {
                    $($code => Ok($name::$variant),)+
                    "" => Err($crate::domain::validation::FieldError::new("required")),
                    _ => Err($crate::domain::validation::FieldError::new("not-in-list")),
                }
            }

            /// The catalogue key of this value's label.
            pub fn label_key(self) -> String {
                format!("{}-{}", $prefix, self.code())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::parse(&code).map_err(|_| {
                    serde::de::Error::unknown_variant(&code, &[$($code),+])
                })
            }
        }

        /// Documented as a string holding one of the codes.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

pub(crate) use vocabulary;

vocabulary!(
    /// Whose measure it is: theirs on our exports, or ours that they object to.
    Direction, prefix = "direction" {
        TheirMeasure => "their_measure",
        OurMeasure => "our_measure",
    }
);

vocabulary!(
    MeasureType, prefix = "measure-type" {
        Tariff => "tariff",
        Surtax => "surtax",
        AntiDumpingDuty => "anti_dumping_duty",
        CountervailingDuty => "countervailing_duty",
        SpsTbtRestriction => "sps_tbt_restriction",
        ImportBan => "import_ban",
        Licensing => "licensing",
        Other => "other",
    }
);

vocabulary!(
    /// Listed most urgent first; `leaders` means named in a leaders' directive.
    Priority, prefix = "priority" {
        Leaders => "leaders",
        High => "high",
        Medium => "medium",
        Low => "low",
        Watch => "watch",
    }
);

impl Priority {
    /// 1 for the most urgent; stored beside the code so lists sort by urgency on an index.
    pub fn rank(self) -> i32 {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0) as i32 + 1
    }
}

vocabulary!(
    /// Who must act next.
    ActionHolder, prefix = "action-holder" {
        Us => "us",
        Counterpart => "counterpart",
        Industry => "industry",
        Joint => "joint",
    }
);

vocabulary!(
    /// Delivery confidence, set on each progress update.
    Rag, prefix = "rag" {
        OnTrack => "on_track",
        AtRisk => "at_risk",
        OffTrack => "off_track",
    }
);

vocabulary!(
    Sector, prefix = "sector" {
        AgriFood => "agri-food",
        Fisheries => "fisheries",
        Forestry => "forestry",
        Energy => "energy",
        Metals => "metals",
        Automotive => "automotive",
        Manufacturing => "manufacturing",
        Chemicals => "chemicals",
        Digital => "digital",
        Services => "services",
        Other => "other",
    }
);

vocabulary!(
    MilestoneState, prefix = "milestone-state" {
        Planned => "planned",
        InProgress => "in_progress",
        Done => "done",
        Cancelled => "cancelled",
    }
);

impl MilestoneState {
    /// Work still to do: a milestone done or cancelled is neither due nor overdue.
    pub fn is_open(self) -> bool {
        matches!(self, MilestoneState::Planned | MilestoneState::InProgress)
    }

    /// The codes of the open states, for queries.
    pub fn open_codes() -> Vec<&'static str> {
        Self::ALL
            .iter()
            .filter(|state| state.is_open())
            .map(|state| state.code())
            .collect()
    }
}

vocabulary!(
    /// Why an irritant was closed without being resolved.
    ClosureReason, prefix = "closure-reason" {
        Duplicate => "duplicate",
        NotAnIrritant => "not_an_irritant",
        Superseded => "superseded",
        Withdrawn => "withdrawn",
        Other => "other",
    }
);

vocabulary!(
    /// How two irritants relate. `retaliation_for` reads from the retaliating measure to its cause.
    LinkKind, prefix = "link-kind" {
        RetaliationFor => "retaliation_for",
        Related => "related",
        ResolveTogether => "resolve_together",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_strangers_are_refused() {
        for measure in MeasureType::ALL {
            assert_eq!(MeasureType::parse(measure.code()).unwrap(), *measure);
        }
        assert_eq!(Rag::parse("green").unwrap_err().code, "not-in-list");
        assert_eq!(Rag::parse(" ").unwrap_err().code, "required");
    }

    #[test]
    fn leaders_priority_ranks_first() {
        assert_eq!(Priority::Leaders.rank(), 1);
        assert_eq!(Priority::Watch.rank(), 5);
    }
}
