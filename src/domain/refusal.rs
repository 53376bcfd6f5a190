//! Refusals: what the register's own rules forbid, found only when the change is written
//! (a key another record holds, a link that exists already), each about one form field.

use super::validation::FieldError;

/// A change that a rule of the register forbids; nothing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Another account signs in with this e-mail address.
    EmailTaken,
    /// The change would leave no active administrator.
    LastAdmin,
    /// A department with this code exists already.
    DepartmentTaken,
    /// The same source text was imported before.
    DuplicateSource,
    /// The statement is linked to that irritant already.
    AlreadyLinked,
    /// A quoted span that is not in the statement's words.
    QuoteNotInStatement,
    /// The two irritants are linked already, one way or the other.
    IrritantsAlreadyLinked,
    /// A source whose statements mandate irritants cannot be removed.
    SourceInUse,
    /// A proposal to move the target date later already awaits a manager's decision.
    SlipPending,
    /// The person has a view of this name already.
    ViewNameTaken,
}

impl Refusal {
    /// The form field the refusal is about, and what to say there.
    pub fn field_error(self) -> (&'static str, FieldError) {
        match self {
            Refusal::EmailTaken => ("email", FieldError::new("email-taken")),
            Refusal::LastAdmin => ("role", FieldError::new("last-admin")),
            Refusal::DepartmentTaken => ("code", FieldError::new("department-taken")),
            Refusal::DuplicateSource => ("text", FieldError::new("source-duplicate")),
            Refusal::AlreadyLinked => ("reference", FieldError::new("statement-already-linked")),
            Refusal::QuoteNotInStatement => ("quote", FieldError::new("quote-not-in-statement")),
            Refusal::SlipPending => ("target_date", FieldError::new("slip-pending")),
            Refusal::ViewNameTaken => ("name", FieldError::new("view-name-taken")),
            Refusal::IrritantsAlreadyLinked => {
                ("linked", FieldError::new("irritants-already-linked"))
            }
            Refusal::SourceInUse => ("confirm_remove", FieldError::new("source-in-use")),
        }
    }
}
