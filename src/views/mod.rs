//! Server-rendered pages, as small maud functions. Views receive everything they show and
//! never touch the database; every string comes from the catalogue through the [`Locale`].
//!
//! [`Locale`]: crate::i18n::Locale

pub mod accounts;
pub mod admin;
pub mod briefs;
pub mod bulk;
pub mod calendar;
pub mod charts;
pub mod components;
pub mod dashboard;
pub mod errors;
pub mod forms;
pub mod history;
pub mod imports;
pub mod irritants;
pub mod layout;
pub mod notifications;
pub mod reports;
pub mod saved_views;
pub mod search;
pub mod sources;

use crate::domain::accounts::{Actor, Permission};
use crate::i18n::Locale;

/// The signed-in person a page is for: their language, who they are (for the header and for
/// offering only what they may do), and the token their forms carry against cross-site forgery.
#[derive(Clone, Copy)]
pub struct Viewer<'a> {
    pub locale: Locale,
    pub actor: &'a Actor,
    pub csrf: &'a str,
    /// The page being shown, for the language toggle to come back to.
    pub here: &'a str,
    /// How many of their notifications are unread, shown in the header.
    pub unread: i64,
    /// Their saved views (id, name), offered in the navigation.
    pub views: &'a [(String, String)],
}

impl Viewer<'_> {
    pub fn may(&self, permission: Permission) -> bool {
        self.actor.may(permission)
    }
}
