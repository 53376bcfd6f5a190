//! Identifiers of stored records. Each kind of record has an id type of its own, so that a
//! person's id cannot be passed where an irritant's is expected. Ids are made as random UUIDs
//! and stored as text; one read from an address must look like one, so that nothing else
//! (a stray byte, a script) reaches a query as an id.

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new id, for a record about to be stored.
            pub fn generate() -> Self {
                Self(uuid::Uuid::new_v4().to_string())
            }

            /// An id as it stands in an address, written as ids are made; `None` when it
            /// cannot be one.
            pub fn parse(raw: &str) -> Option<Self> {
                let id = uuid::Uuid::try_parse(raw).ok()?.to_string();
                (id == raw).then_some(Self(id))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// An id as the database holds it, which the application made.
        impl From<String> for $name {
            fn from(stored: String) -> Self {
                Self(stored)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

record_id!(
    /// A person: an account, or someone recorded only as an owner.
    PersonId
);
record_id!(
    /// An irritant, as stored; people know it by its reference.
    IrritantId
);
record_id!(
    /// A source document.
    SourceId
);
record_id!(
    /// A milestone of an irritant.
    MilestoneId
);
record_id!(
    /// An issued report.
    ReportId
);
record_id!(
    /// An API token.
    TokenId
);
record_id!(
    /// A saved view of the irritant list.
    ViewId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_from_an_address_must_look_like_one() {
        let made = SourceId::generate();
        assert_eq!(SourceId::parse(made.as_str()), Some(made.clone()));
        let upper = made.as_str().to_uppercase();
        let braced = format!("{{{made}}}");
        for not_an_id in ["", "1", "../etc", "a\0b", "0000-0000", &upper, &braced] {
            assert_eq!(SourceId::parse(not_an_id), None, "{not_an_id:?}");
        }
    }
}
