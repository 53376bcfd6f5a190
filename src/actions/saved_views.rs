//! Saved views: a person keeps a list's filters, sort and columns under a name, shares it or
//! keeps it to themselves, and follows it. Following starts from what the view holds then;
//! each sweep tells the followers what entered the view, changed within it or left it.

use chrono::NaiveDateTime;

use super::notices::{self, Notice};
use super::{Acting, Outcome, Stop, in_transaction};
use crate::db::saved_views::{FollowedView, StoredView};
use crate::db::{self, DbConnection, Writes};
use crate::domain::accounts::Permission;
use crate::domain::ids::ViewId;
use crate::domain::listing::{ListParams, ListRules};
use crate::domain::notification::{NoticeText, NotificationKind};
use crate::domain::saved_view::{ViewChanges, ViewInput, follow_delivery};
use crate::domain::{FieldErrors, ReferenceData};
use crate::error::AppError;

/// What a view's query is read against: the people and departments it may name, and the day.
#[derive(Clone, Copy)]
pub struct ListContext<'a> {
    pub reference_data: &'a ReferenceData,
    pub rules: ListRules,
}

/// How many references a notification of a view names before "and N more".
const NAMED_IN_NOTICE: usize = 10;

/// Keeps a list's query under a name. Saved: the new view's id.
pub fn save(
    conn: &mut DbConnection,
    acting: &Acting,
    context: ListContext,
    input: &ViewInput,
) -> Result<Outcome<ViewId>, AppError> {
    let parsed = input.parse(context.reference_data, context.rules);
    Outcome::after_parsing(parsed, |fields| {
        in_transaction(conn, Writes::AccessRecords, |conn| {
            let id = ViewId::generate();
            db::saved_views::insert(conn, &id, &acting.actor.id, &fields)?;
            Ok(Outcome::Saved(id))
        })
    })
}

/// The view, if this person may open it.
fn visible(conn: &mut DbConnection, acting: &Acting, id: &ViewId) -> Result<StoredView, Stop> {
    match db::saved_views::find(conn, id)? {
        Some(view) if view.visible_to(&acting.actor.id) => Ok(view),
        _ => Err(Stop::Failed(AppError::NotFound)),
    }
}

/// Renames a view, shares it or not, or gives it the list's present query: its owner's to do.
/// A new query starts its followers afresh from what it holds now.
pub fn update(
    conn: &mut DbConnection,
    acting: &Acting,
    id: &ViewId,
    context: ListContext,
    input: &ViewInput,
) -> Result<Outcome<()>, AppError> {
    let parsed = input.parse(context.reference_data, context.rules);
    Outcome::after_parsing(parsed, |fields| {
        in_transaction(conn, Writes::AccessRecords, |conn| {
            let view = visible(conn, acting, id)?;
            if view.owner_id != acting.actor.id.as_str() {
                return Err(Stop::Failed(AppError::Forbidden("problem-forbidden")));
            }
            let query = fields.params.to_query_string();
            let unchanged = view.name == fields.name && view.shared == fields.shared;
            if unchanged && view.query == query {
                return Ok(Outcome::Unchanged);
            }
            db::saved_views::update(conn, id, &fields)?;
            if view.query != query && db::saved_views::follower_count(conn, id)? > 0 {
                db::saved_views::forget_members(conn, id)?;
                look(conn, id, &fields.params, context)?;
            }
            Ok(Outcome::Saved(()))
        })
    })
}

/// Removes a view: its owner's to do, or an administrator's for a shared view.
pub fn delete(
    conn: &mut DbConnection,
    acting: &Acting,
    id: &ViewId,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        let view = visible(conn, acting, id)?;
        let owner = view.owner_id == acting.actor.id.as_str();
        if !owner && !acting.actor.may(Permission::ManageAccounts) {
            return Err(Stop::Failed(AppError::Forbidden("problem-forbidden")));
        }
        db::saved_views::delete(conn, id)?;
        Ok(Outcome::Saved(()))
    })
}

/// Follows a view (or changes how): told at once, in the digest, or in the application only.
/// The first follower's look is the one the next sweep compares with, so nobody is told of
/// what the view held already.
pub fn follow(
    conn: &mut DbConnection,
    acting: &Acting,
    id: &ViewId,
    context: ListContext,
    delivery: &str,
) -> Result<Outcome<()>, AppError> {
    let parsed = follow_delivery(delivery).map_err(|error| FieldErrors::single("delivery", error));
    Outcome::after_parsing(parsed, |delivery| {
        in_transaction(conn, Writes::AccessRecords, |conn| {
            let view = visible(conn, acting, id)?;
            let before = db::saved_views::following(conn, id, &acting.actor.id)?;
            if before == Some(delivery) {
                return Ok(Outcome::Unchanged);
            }
            if db::saved_views::follower_count(conn, id)? == 0 {
                let params = stored_params(&view)?;
                look(conn, id, &params, context)?;
            }
            db::saved_views::follow(conn, id, &acting.actor.id, delivery)?;
            Ok(Outcome::Saved(()))
        })
    })
}

/// Stops following a view; the last follower's leaving forgets what it held.
pub fn unfollow(
    conn: &mut DbConnection,
    acting: &Acting,
    id: &ViewId,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        visible(conn, acting, id)?;
        if !db::saved_views::unfollow(conn, id, &acting.actor.id)? {
            return Ok(Outcome::Unchanged);
        }
        if db::saved_views::follower_count(conn, id)? == 0 {
            db::saved_views::forget_members(conn, id)?;
        }
        Ok(Outcome::Saved(()))
    })
}

/// A view's query as stored: it was written by the list itself.
fn stored_params(view: &StoredView) -> Result<ListParams, Stop> {
    ListParams::from_query(&view.query).map_err(|_| {
        Stop::Db(db::DbError::Corrupt(format!(
            "the query {:?} of view {}",
            view.query, view.id
        )))
    })
}

/// Looks at what the view holds now, records it, and says what changed since the last look.
/// None: its query no longer reads (it names a person or department the register no longer
/// has), so there is nothing to compare.
fn look(
    conn: &mut DbConnection,
    id: &ViewId,
    params: &ListParams,
    context: ListContext,
) -> Result<Option<ViewChanges>, Stop> {
    let Ok(mut filter) = params.parse(context.reference_data, context.rules) else {
        return Ok(None);
    };
    filter.page = 1;
    let before = db::saved_views::members_before(conn, id)?;
    let now = db::saved_views::members_now(conn, &filter)?;
    let changes = ViewChanges::between(&before, &now);
    db::saved_views::remember_changes(conn, id, &changes)?;
    Ok(Some(changes))
}

/// The sweep's look at one followed view: its followers are told, each as they chose, of what
/// entered, changed or left since the last look. How many were told.
pub(super) fn tell_followers(
    conn: &mut DbConnection,
    view: &FollowedView,
    context: ListContext,
    (mail, moment): (bool, NaiveDateTime),
) -> Result<usize, Stop> {
    let params = ListParams::from_query(&view.query).unwrap_or_default();
    let Some(changes) = look(conn, &view.id, &params, context)? else {
        tracing::warn!(view = %view.id, "a followed view's query no longer reads");
        return Ok(0);
    };
    if changes.is_empty() {
        return Ok(0);
    }
    let (named, more) = changes.named(NAMED_IN_NOTICE);
    let text = NoticeText::new("notify-view-changed")
        .arg("name", &view.name)
        .arg("entered", changes.entered.len())
        .arg("changed", changes.changed.len())
        .arg("left", changes.left.len())
        .arg("references", named.join(", "))
        .arg("more", more);
    let notice = Notice {
        kind: NotificationKind::ViewChanged,
        event_key: format!("view:{}:{moment}", view.id),
        irritant: None,
        link: format!("/views/{}", view.id),
        text,
        actor: None,
        spared: None,
        mail,
        at: Some(moment),
    };
    Ok(notices::write(conn, &notice, &view.followers)?)
}
