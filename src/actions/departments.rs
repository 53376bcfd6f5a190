//! Departments, a reference list every form offers: who adds or renames one is recorded.

use super::security_log::record;
use super::{Acting, Outcome, in_transaction};
use crate::db::{self, DbConnection, Writes};
use crate::domain::accounts::{EventDetail, Permission, SecurityEventKind};
use crate::domain::people::{Department, DepartmentInput};
use crate::error::AppError;

/// Whether a department is added, or an existing one (named by the input's code) renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepartmentChange {
    Add,
    Rename,
}

/// Adds or renames a department. Saved: the department as kept.
pub fn save(
    conn: &mut DbConnection,
    acting: &Acting,
    change: DepartmentChange,
    input: &DepartmentInput,
) -> Result<Outcome<Department>, AppError> {
    acting.require(Permission::ManageReferenceLists)?;
    Outcome::after_parsing(input.parse(), |department| {
        in_transaction(conn, Writes::Register, |conn| {
            let kind = match change {
                DepartmentChange::Add => {
                    db::people::add_department(conn, &department)?;
                    SecurityEventKind::DepartmentAdded
                }
                DepartmentChange::Rename => {
                    db::people::rename_department(conn, &department)?;
                    SecurityEventKind::DepartmentRenamed
                }
            };
            let names = format!("{} / {}", department.name_en, department.name_fr);
            record(
                conn,
                &acting.event(kind, &department.code, EventDetail::Text(names)),
            )?;
            Ok(Outcome::Saved(department.clone()))
        })
    })
}
