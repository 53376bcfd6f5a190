//! Server-rendered pages, as small maud functions. Views receive everything they show and
//! never touch the database; every string comes from the catalogue through the [`Locale`].
//!
//! [`Locale`]: crate::i18n::Locale

pub mod components;
pub mod errors;
pub mod forms;
pub mod history;
pub mod irritants;
pub mod layout;
