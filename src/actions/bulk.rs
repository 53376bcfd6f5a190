//! Changing many irritants at once. Each irritant is checked, permission-checked and versioned
//! on its own, as a single change would be, and records the change in its own history; one
//! irritant refused leaves the others changed. The people told hear of it once each, with the
//! irritants it touched for them listed together.

use std::collections::BTreeMap;

use diesel::Connection;

use super::notices::{self, Notice};
use super::{Acting, Outcome, Stop, in_transaction};
use crate::db::notifications::Recipients;
use crate::db::{self, DbConnection, DbError, Writes};
use crate::domain::accounts::Permission;
use crate::domain::bulk::{BulkChange, BulkInput, BulkItem, ItemOutcome, ItemResult, Problem};
use crate::domain::ids::PersonId;
use crate::domain::notification::{Delivery, NoticeText, NotificationKind};
use crate::domain::slip::guard_pressing;
use crate::domain::{FieldErrors, Irritant, Reference, ReferenceData, StatusChange};
use crate::error::AppError;

/// A bulk change made: its record's id and what became of each irritant, in the order asked.
#[derive(Debug)]
pub struct BulkReport {
    pub id: String,
    pub results: Vec<ItemResult>,
}

/// Applies `input` (read as `change`) to each of `items` at the version given for it.
/// Refused as a whole only when the person may not make this kind of change at all.
pub fn apply(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    (input, change): (&BulkInput, &BulkChange),
    items: &[BulkItem],
) -> Result<Outcome<BulkReport>, AppError> {
    if *change != BulkChange::Watch {
        acting.require(Permission::EditIrritants)?;
    }
    // Watching changes who is told, not the register: its caches stay as they are.
    let writes = match change {
        BulkChange::Watch => Writes::AccessRecords,
        _ => Writes::Register,
    };
    in_transaction(conn, writes, |conn| {
        let mut told = Told::default();
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            let (title, outcome) =
                apply_one(conn, acting, reference_data, change, item, &mut told)?;
            results.push(ItemResult {
                reference: item.reference,
                title,
                outcome,
            });
        }
        let id = db::new_id();
        db::bulk_changes::insert(conn, &id, &acting.actor.id, input, &results)?;
        told.tell(conn, acting, change, &id)?;
        Ok(Outcome::Saved(BulkReport { id, results }))
    })
}

/// Changes one irritant inside a savepoint: whatever stops it is undone for it alone, and
/// said in its result. Its title, as read, and what became of it.
fn apply_one(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    change: &BulkChange,
    item: &BulkItem,
    told: &mut Told,
) -> Result<(String, ItemOutcome), Stop> {
    let current = match db::irritants::find(conn, &item.reference) {
        Err(DbError::NotFound) => return Ok((String::new(), ItemOutcome::Missing)),
        found => found?,
    };
    let title = current.fields.title.as_str().to_owned();
    // Watching changes nothing of the irritant, so needs no particular version of it.
    if current.version != item.version && *change != BulkChange::Watch {
        let current = current.version;
        return Ok((title, ItemOutcome::Conflict { current }));
    }
    let mut gathered = Vec::new();
    let attempt = conn.transaction::<_, Stop, _>(|conn| {
        change_one(
            conn,
            acting,
            reference_data,
            change,
            &current,
            &mut gathered,
        )
    });
    let outcome = match attempt {
        Ok(outcome) => outcome,
        Err(Stop::Refused(errors)) => refused(&errors),
        Err(Stop::Conflict { current, .. }) => ItemOutcome::Conflict { current },
        Err(other) => return Err(other),
    };
    if matches!(outcome, ItemOutcome::Changed { .. }) {
        told.add(gathered, (current.reference, &title));
    }
    Ok((title, outcome))
}

fn refused(errors: &FieldErrors) -> ItemOutcome {
    ItemOutcome::Refused {
        problems: Problem::all(errors),
    }
}

/// Makes the change to one irritant read at the version asked for; `told` receives who is to
/// hear of it and how.
fn change_one(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    change: &BulkChange,
    current: &Irritant,
    told: &mut Vec<(PersonId, Delivery)>,
) -> Result<ItemOutcome, Stop> {
    let actor = &acting.actor.id;
    let mut fields = current.fields.clone();
    match change {
        BulkChange::Watch => {
            let now_watching = db::notifications::watch(conn, &current.id, actor)?;
            return Ok(if now_watching {
                ItemOutcome::Changed {
                    version: current.version,
                }
            } else {
                ItemOutcome::Unchanged
            });
        }
        BulkChange::Status(input) => {
            let change =
                StatusChange::parse(input, &current.status, acting.today).map_err(Stop::Refused)?;
            let version =
                db::irritants::change_status(conn, current, current.version, &change, actor)?;
            let audience = Recipients::AudienceOf(&current.id);
            *told = db::notifications::deliveries(
                conn,
                audience,
                NotificationKind::StatusChanged,
                Some(actor),
            )?;
            return Ok(ItemOutcome::Changed { version });
        }
        BulkChange::Owner(owner) => {
            acting.owner_rule(reference_data, fields.owner.as_ref(), owner.as_ref())?;
            fields.owner = owner.clone();
        }
        BulkChange::LeadDepartment(department) => fields.lead_department = department.clone(),
        BulkChange::Priority(priority) => {
            let priorities = (fields.priority, *priority);
            guard_pressing(&acting.actor, priorities, (None, None)).map_err(Stop::Refused)?;
            fields.priority = *priority;
        }
    }
    let edit = db::irritants::update_fields(conn, current, &fields, reference_data, actor)?;
    let db::irritants::EditOutcome::Changed { version, .. } = edit else {
        return Ok(ItemOutcome::Unchanged);
    };
    // A new owner watches what they own, as after a single assignment; they are told unless
    // they made the change themselves (`deliveries` leaves the actor out).
    if let BulkChange::Owner(Some(owner)) = change {
        db::notifications::watch(conn, &current.id, owner)?;
        let named = std::slice::from_ref(owner);
        *told = db::notifications::deliveries(
            conn,
            Recipients::Named(named),
            NotificationKind::Assigned,
            Some(actor),
        )?;
    }
    Ok(ItemOutcome::Changed { version })
}

/// Who is to hear of a bulk change, how each wants to, and of which irritants.
#[derive(Default)]
struct Told {
    recipients: BTreeMap<PersonId, (Delivery, Vec<String>)>,
}

impl Told {
    fn add(
        &mut self,
        deliveries: Vec<(PersonId, Delivery)>,
        (reference, title): (Reference, &str),
    ) {
        for (person, delivery) in deliveries {
            let (_, irritants) = self
                .recipients
                .entry(person)
                .or_insert_with(|| (delivery, Vec::new()));
            irritants.push(format!("{reference} “{title}”"));
        }
    }

    /// One notification per person, naming the irritants changed for them and linking to the
    /// bulk change's record.
    fn tell(
        self,
        conn: &mut DbConnection,
        acting: &Acting,
        change: &BulkChange,
        id: &str,
    ) -> Result<(), Stop> {
        let kind = match change {
            BulkChange::Owner(_) => NotificationKind::Assigned,
            _ => NotificationKind::StatusChanged,
        };
        for (person, (delivery, irritants)) in self.recipients {
            let named = notices::named_irritants(&irritants);
            let text = NoticeText::new(&format!("notify-bulk-{}", change.action().code()))
                .arg("actor", &acting.actor.name)
                .arg("count", irritants.len())
                .arg("irritants", named);
            let notice = Notice {
                kind,
                event_key: format!("bulk:{id}"),
                irritant: None,
                link: format!("/irritants/bulk/{id}"),
                text,
                actor: None,
                spared: None,
                mail: false,
                at: None,
            }
            .by(acting);
            notices::write(conn, &notice, &[(person, delivery)])?;
        }
        Ok(())
    }
}
