//! Progress updates: appended after each meeting, never edited.

use super::{Acting, Outcome, in_transaction};
use crate::db::{self, DbConnection, Writes};
use crate::domain::Reference;
use crate::domain::accounts::Permission;
use crate::domain::progress::ProgressInput;
use crate::error::AppError;

/// Adds a progress update to an irritant; its RAG becomes that of its latest update. Saved:
/// the update's id.
pub fn add(
    conn: &mut DbConnection,
    acting: &Acting,
    reference: &Reference,
    input: &ProgressInput,
) -> Result<Outcome<String>, AppError> {
    acting.require(Permission::EditIrritants)?;
    Outcome::after_parsing(input.parse(acting.today), |update| {
        in_transaction(conn, Writes::Register, |conn| {
            let id = db::progress::add(conn, reference, &update, &acting.actor.id)?;
            Ok(Outcome::Saved(id))
        })
    })
}
