//! Saved views: a person keeps a list's filters, sort and columns under a name, shares it or
//! keeps it to themselves, and follows it. Following starts from what the view holds then;
//! each sweep tells the followers what entered the view, changed within it or left it.

use chrono::NaiveDateTime;

use super::notices::{self, Notice};
use super::{Acting, Outcome, Stop, in_transaction};
use crate::db::saved_views::{FollowedView, StoredView};
use crate::db::{self, DbConnection, Writes};
use crate::domain::accounts::Permission;
use crate::domain::accounts::{EventDetail, SecurityEventKind};
use crate::domain::ids::ViewId;
use crate::domain::listing::{ListParams, ListRules};
use crate::domain::notification::{NoticeText, NotificationKind};
use crate::domain::saved_view::{MOST_FOLLOWED, ViewChanges, ViewInput, follow_delivery};
use crate::domain::{FieldError, FieldErrors, ReferenceData};
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
fn visible(conn: &mut DbConnection, acting: &Acting, id: &ViewId) -> Result<StoredView, AppError> {
    db::saved_views::find_open(conn, id, &acting.actor.id)?.ok_or(AppError::NotFound)
}

/// The view, if this person owns it: only its owner changes it.
fn owned(conn: &mut DbConnection, acting: &Acting, id: &ViewId) -> Result<StoredView, AppError> {
    let view = visible(conn, acting, id)?;
    if view.owner_id != acting.actor.id.as_str() {
        return Err(AppError::Forbidden("problem-forbidden"));
    }
    Ok(view)
}

/// Renames a view, shares it or not, or gives it the list's present query: its owner's to do.
/// A new query starts its followers afresh from what it holds now; a view no longer shared is
/// followed by its owner alone.
pub fn update(
    conn: &mut DbConnection,
    acting: &Acting,
    id: &ViewId,
    context: ListContext,
    input: &ViewInput,
) -> Result<Outcome<()>, AppError> {
    // Whose it is comes before what is wrong with the input: another's view is not theirs to
    // be told about.
    owned(conn, acting, id)?;
    let parsed = input.parse(context.reference_data, context.rules);
    Outcome::after_parsing(parsed, |fields| {
        in_transaction(conn, Writes::AccessRecords, |conn| {
            let view = owned(conn, acting, id).map_err(Stop::Failed)?;
            let query = fields.params.to_query_string();
            let unchanged = view.name == fields.name && view.shared == fields.shared;
            if unchanged && view.query == query {
                return Ok(Outcome::Unchanged);
            }
            db::saved_views::update(conn, id, &fields)?;
            if view.shared && !fields.shared {
                db::saved_views::unfollow_all_but_owner(conn, id, &view.owner_id)?;
            }
            let followed = db::saved_views::follower_count(conn, id)? > 0;
            if view.query != query || !followed {
                db::saved_views::forget_members(conn, id)?;
            }
            if view.query != query && followed {
                match look(conn, id, &fields.params, context)? {
                    Looked::TooBroad => return Err(Stop::field("query", too_broad())),
                    Looked::Changes(_) | Looked::Unreadable => {}
                }
            }
            Ok(Outcome::Saved(()))
        })
    })
}

/// The refusal of a view too broad to follow.
fn too_broad() -> FieldError {
    FieldError::new("view-too-broad").with("most", MOST_FOLLOWED)
}

/// Removes a view: its owner's to do, or an administrator's for a shared view, which the
/// security log records.
pub fn delete(
    conn: &mut DbConnection,
    acting: &Acting,
    id: &ViewId,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        let view = visible(conn, acting, id).map_err(Stop::Failed)?;
        let owner = view.owner_id == acting.actor.id.as_str();
        if !owner && !acting.actor.may(Permission::ManageAccounts) {
            return Err(Stop::Failed(AppError::Forbidden("problem-forbidden")));
        }
        db::saved_views::delete(conn, id)?;
        if !owner {
            let detail = EventDetail::message(
                "detail-view-deleted",
                &[
                    ("name", view.name.clone()),
                    ("owner", view.owner_name.clone()),
                ],
            );
            let event = acting.event(SecurityEventKind::ViewDeleted, &view.id, detail);
            super::security_log::record(conn, &event)?;
        }
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
            let view = visible(conn, acting, id).map_err(Stop::Failed)?;
            let before = db::saved_views::following(conn, id, &acting.actor.id)?;
            if before == Some(delivery) {
                return Ok(Outcome::Unchanged);
            }
            if db::saved_views::follower_count(conn, id)? == 0 {
                let params = stored_params(&view.id, &view.query)?;
                if let Looked::TooBroad = look(conn, id, &params, context)? {
                    return Err(Stop::field("delivery", too_broad()));
                }
            }
            db::saved_views::follow(conn, id, &acting.actor.id, delivery)?;
            Ok(Outcome::Saved(()))
        })
    })
}

/// Stops following a view; the last follower's leaving forgets what it held. Whether the
/// person may still open it does not matter: anyone may stop being told.
pub fn unfollow(
    conn: &mut DbConnection,
    acting: &Acting,
    id: &ViewId,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
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
fn stored_params(id: &str, query: &str) -> Result<ListParams, Stop> {
    ListParams::from_query(query).map_err(|_| {
        Stop::Db(db::DbError::Corrupt(format!(
            "the query {query:?} of view {id}"
        )))
    })
}

/// What a look at a view found.
enum Looked {
    /// What changed since the last look, now recorded for the next.
    Changes(ViewChanges),
    /// Its query no longer reads (it names a person or department the register no longer
    /// has): there is nothing to compare.
    Unreadable,
    /// It holds more than [`MOST_FOLLOWED`] irritants: nothing is compared or recorded.
    TooBroad,
}

/// Looks at what the view holds now, records it, and says what changed since the last look.
fn look(
    conn: &mut DbConnection,
    id: &ViewId,
    params: &ListParams,
    context: ListContext,
) -> Result<Looked, Stop> {
    let Ok(mut filter) = params.parse(context.reference_data, context.rules) else {
        return Ok(Looked::Unreadable);
    };
    filter.page = 1;
    let Some(now) = db::saved_views::members_now(conn, &filter)? else {
        return Ok(Looked::TooBroad);
    };
    let before = db::saved_views::members_before(conn, id)?;
    let changes = ViewChanges::between(&before, &now);
    db::saved_views::remember_changes(conn, id, &changes)?;
    Ok(Looked::Changes(changes))
}

/// The sweep's look at one followed view: its followers are told, each as they chose, of what
/// entered, changed or left since the last look. How many were told.
pub(super) fn tell_followers(
    conn: &mut DbConnection,
    view: &FollowedView,
    context: ListContext,
    (mail, moment): (bool, NaiveDateTime),
) -> Result<usize, Stop> {
    let params = stored_params(view.id.as_str(), &view.query)?;
    let changes = match look(conn, &view.id, &params, context)? {
        Looked::Changes(changes) => changes,
        Looked::Unreadable => {
            tracing::warn!(view = %view.id, "a followed view's query no longer reads");
            return Ok(0);
        }
        Looked::TooBroad => {
            tracing::warn!(view = %view.id, "a followed view has grown too broad to compare");
            return Ok(0);
        }
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
