//! An irritant brought in from a spreadsheet, checked and ready to be stored.

use super::{IrritantFields, Rag, Reference, StatusState};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedIrritant {
    /// Its row in the spreadsheet, as a spreadsheet program numbers it.
    pub line: usize,
    /// The reference it had, kept; none for a new one.
    pub reference: Option<Reference>,
    pub fields: IrritantFields,
    pub status: StatusState,
    /// Its delivery confidence, stored as an imported progress update.
    pub rag: Option<Rag>,
}
