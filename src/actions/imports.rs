//! Bringing irritants in from a spreadsheet: every checked row stored in one transaction, or
//! none. The rows were checked before (`import::rows`); what only the register can tell (a
//! reference an irritant holds already) is checked here, inside the transaction.

use chrono::NaiveDate;

use std::collections::BTreeMap;

use super::notices::{self, Notice};
use super::{Acting, Operator, Outcome, Stop, in_transaction};
use crate::db::notifications::Recipients;
use crate::db::{self, DbConnection, DbResult, Writes};
use crate::domain::accounts::{Actor, Permission};
use crate::domain::ids::PersonId;
use crate::domain::imported::ImportedIrritant;
use crate::domain::notification::{NoticeText, NotificationKind};
use crate::domain::{FieldError, FieldErrors, Reference, ReferenceData};
use crate::error::AppError;

/// Who brings the rows in, from which file, on which day.
pub struct Import<'a> {
    pub by: Operator<'a>,
    /// The account the history names as having imported them, and owners are told of.
    pub importer: &'a Actor,
    /// Whether this server sends e-mail (see [`Acting::mail`]).
    pub mail: bool,
    pub file_name: &'a str,
    pub today: NaiveDate,
    /// The upload it came from, removed once its rows are stored.
    pub upload: Option<&'a str>,
    /// Hears how many rows are written so far (for a progress bar).
    pub progress: &'a dyn Fn(usize),
}

/// Tells each owner (but the importer) once of the irritants imported for them, naming them.
fn tell_owners(
    conn: &mut DbConnection,
    import: &Import,
    rows: &[(Reference, &ImportedIrritant)],
) -> DbResult<()> {
    let mut owned: BTreeMap<&PersonId, Vec<String>> = BTreeMap::new();
    for (reference, row) in rows {
        if let Some(owner) = &row.fields.owner {
            owned
                .entry(owner)
                .or_default()
                .push(format!("{reference} “{}”", row.fields.title));
        }
    }
    let event = db::new_id();
    for (owner, irritants) in owned {
        let deliveries = db::notifications::deliveries(
            conn,
            Recipients::Named(std::slice::from_ref(owner)),
            NotificationKind::Assigned,
            Some(&import.importer.id),
        )?;
        let text = NoticeText::new("notify-imported")
            .arg("actor", &import.importer.name)
            .arg("count", irritants.len())
            .arg("file", import.file_name)
            .arg("irritants", notices::named_irritants(&irritants));
        let notice = Notice {
            kind: NotificationKind::Assigned,
            event_key: format!("import:{event}"),
            irritant: None,
            link: "/irritants?sort=updated".to_owned(),
            text,
            actor: Some(&import.importer.id),
            spared: None,
            mail: import.mail,
            at: None,
        };
        notices::write(conn, &notice, &deliveries)?;
    }
    Ok(())
}

/// Keeps a spreadsheet uploaded on the import page until its rows are imported; returns its
/// id.
pub fn keep_upload(
    conn: &mut DbConnection,
    acting: &Acting,
    file_name: &str,
    content: &[u8],
) -> Result<String, AppError> {
    acting.require(Permission::EditIrritants)?;
    let kept = in_transaction(conn, Writes::AccessRecords, |conn| {
        Ok(Outcome::Saved(db::imports::keep(
            conn,
            &acting.actor.id,
            file_name,
            content,
        )?))
    })?;
    kept.into_result()?
        .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("an upload was not kept")))
}

/// Remembers the mapping a person chose for a sheet with these headings, to offer it again.
pub fn remember_mapping(
    conn: &mut DbConnection,
    acting: &Acting,
    headings: &[String],
    mapping: &str,
) -> Result<(), AppError> {
    acting.require(Permission::EditIrritants)?;
    in_transaction(conn, Writes::AccessRecords, |conn| {
        db::imports::remember(conn, &acting.actor.id, headings, mapping)?;
        Ok(Outcome::Saved(()))
    })?
    .into_result()
    .map(|_| ())
}

/// Stores every row, with its history entry naming the file and, where the sheet gives one,
/// its RAG as an imported progress update; owners watch what they own. Refused whole when a
/// row's reference is one an irritant holds already. Returns the references stored, in the
/// order of the rows. Rows are written many to a statement, so that the write lock is held
/// briefly even for a large register.
pub fn import_irritants(
    conn: &mut DbConnection,
    import: &Import,
    reference_data: &ReferenceData,
    rows: &[ImportedIrritant],
) -> Result<Outcome<Vec<Reference>>, AppError> {
    import.by.require(Permission::EditIrritants)?;
    // A person may make owners of whom the record form lets them: not someone else unless
    // they assign owners, never a disabled account. The command line is the operator's.
    if let Operator::Person(acting) = &import.by {
        let refused: Vec<String> = rows
            .iter()
            .filter(|row| {
                let owner = row.fields.owner.as_ref();
                acting
                    .actor
                    .check_owner_change(reference_data, None, owner)
                    .is_err()
            })
            .map(|row| row.line.to_string())
            .collect();
        if !refused.is_empty() {
            let error =
                FieldError::new("import-owner-not-allowed").with("rows", refused.join(", "));
            return Ok(Outcome::Refused(FieldErrors::single("owner", error)));
        }
    }
    in_transaction(conn, Writes::Register, |conn| {
        // The upload goes first: of two confirmations of one upload, the second finds it
        // gone and stores nothing.
        if let Some(upload) = import.upload
            && !db::imports::remove(conn, upload, &import.importer.id)?
        {
            return Err(Stop::Failed(AppError::NotFound));
        }
        let given: Vec<Reference> = rows.iter().filter_map(|row| row.reference).collect();
        let taken = db::irritants::references_taken(conn, &given)?;
        if !taken.is_empty() {
            let error = FieldError::new("import-reference-taken").with("value", taken.join(", "));
            return Err(Stop::field("reference", error));
        }
        let kept: Vec<Option<Reference>> = rows.iter().map(|row| row.reference).collect();
        let stored = db::irritants::references_for(conn, &kept, import.today)?;
        let numbered: Vec<(Reference, &ImportedIrritant)> =
            stored.iter().copied().zip(rows).collect();
        db::imports::insert_rows(
            conn,
            &numbered,
            (import.today, import.file_name),
            &import.importer.id,
            import.progress,
        )?;
        tell_owners(conn, import, &numbered)?;
        Ok(Outcome::Saved(stored))
    })
}
