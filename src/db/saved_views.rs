//! Saved views, who follows them, and what each followed view held at its last look.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::{Eq, Or, count_star};
use diesel::prelude::*;

use super::filter::filtered;
use super::schema::{irritants, people, saved_views, view_follows, view_members};
use super::{DbConnection, DbResult, now, refused_if_taken, stored};
use crate::domain::ListFilter;
use crate::domain::ids::{PersonId, ViewId};
use crate::domain::notification::Delivery;
use crate::domain::refusal::Refusal;
use crate::domain::saved_view::{MOST_FOLLOWED, Member, ViewChanges, ViewFields};

/// A saved view as stored, with its owner's name.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = saved_views)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct StoredView {
    pub id: String,
    pub name: String,
    pub owner_id: String,
    #[diesel(select_expression = people::display_name)]
    pub owner_name: String,
    pub shared: bool,
    /// The list's query string, as the list writes it.
    pub query: String,
    pub updated_at: NaiveDateTime,
}

/// Who may open a view: its owner, and everyone once it is shared. The one statement of the
/// rule: every read of views a person may see, and of the views the sweep tells a follower
/// of, applies it.
fn open_to(
    person: &PersonId,
) -> Or<Eq<saved_views::owner_id, String>, Eq<saved_views::shared, bool>> {
    saved_views::owner_id
        .eq(person.as_str().to_owned())
        .or(saved_views::shared.eq(true))
}

impl StoredView {
    pub fn address(&self) -> String {
        format!("/views/{}", self.id)
    }
}

/// A view as a person's list of views shows it: how they follow it, if they do, and how many
/// follow it.
#[derive(Debug, Clone)]
pub struct ListedView {
    pub view: StoredView,
    pub following: Option<Delivery>,
    pub followers: i64,
}

pub fn insert(
    conn: &mut DbConnection,
    id: &ViewId,
    owner: &PersonId,
    fields: &ViewFields,
) -> DbResult<()> {
    let at = now();
    diesel::insert_into(saved_views::table)
        .values((
            saved_views::id.eq(id.as_str()),
            saved_views::name.eq(&fields.name),
            saved_views::owner_id.eq(owner.as_str()),
            saved_views::shared.eq(fields.shared),
            saved_views::query.eq(fields.params.to_query_string()),
            saved_views::created_at.eq(at),
            saved_views::updated_at.eq(at),
        ))
        .execute(conn)
        .map_err(|error| refused_if_taken(error, Refusal::ViewNameTaken))?;
    Ok(())
}

pub fn update(conn: &mut DbConnection, id: &ViewId, fields: &ViewFields) -> DbResult<()> {
    diesel::update(saved_views::table.find(id.as_str()))
        .set((
            saved_views::name.eq(&fields.name),
            saved_views::shared.eq(fields.shared),
            saved_views::query.eq(fields.params.to_query_string()),
            saved_views::updated_at.eq(now()),
        ))
        .execute(conn)
        .map_err(|error| refused_if_taken(error, Refusal::ViewNameTaken))?;
    Ok(())
}

/// Removes a view with its followers and what it held.
pub fn delete(conn: &mut DbConnection, id: &ViewId) -> DbResult<()> {
    diesel::delete(view_members::table.filter(view_members::view_id.eq(id.as_str())))
        .execute(conn)?;
    diesel::delete(view_follows::table.filter(view_follows::view_id.eq(id.as_str())))
        .execute(conn)?;
    diesel::delete(saved_views::table.find(id.as_str())).execute(conn)?;
    Ok(())
}

/// The view, if `person` may open it.
pub fn find_open(
    conn: &mut DbConnection,
    id: &ViewId,
    person: &PersonId,
) -> DbResult<Option<StoredView>> {
    Ok(saved_views::table
        .inner_join(people::table)
        .filter(saved_views::id.eq(id.as_str()))
        .filter(open_to(person))
        .select(StoredView::as_select())
        .first(conn)
        .optional()?)
}

/// The views a person may open: their own and the shared ones, by name.
pub fn visible_to(conn: &mut DbConnection, person: &PersonId) -> DbResult<Vec<ListedView>> {
    let views: Vec<StoredView> = saved_views::table
        .inner_join(people::table)
        .filter(open_to(person))
        .order((saved_views::name, saved_views::id))
        .select(StoredView::as_select())
        .load(conn)?;
    let followers: HashMap<String, i64> = view_follows::table
        .inner_join(saved_views::table)
        .filter(open_to(person))
        .group_by(view_follows::view_id)
        .select((view_follows::view_id, count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let followed: HashMap<String, String> = view_follows::table
        .filter(view_follows::person_id.eq(person.as_str()))
        .select((view_follows::view_id, view_follows::delivery))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    views
        .into_iter()
        .map(|view| {
            let following = followed
                .get(&view.id)
                .map(|delivery| stored("delivery", &view.id, delivery, Delivery::parse))
                .transpose()?;
            Ok(ListedView {
                followers: followers.get(&view.id).copied().unwrap_or(0),
                following,
                view,
            })
        })
        .collect()
}

/// The views a person's navigation offers: their own and those they follow, by name.
pub fn in_navigation(
    conn: &mut DbConnection,
    person: &PersonId,
    most: i64,
) -> DbResult<Vec<(String, String)>> {
    let followed = view_follows::table
        .filter(view_follows::person_id.eq(person.as_str()))
        .select(view_follows::view_id);
    Ok(saved_views::table
        .filter(open_to(person))
        .filter(
            saved_views::owner_id
                .eq(person.as_str())
                .or(saved_views::id.eq_any(followed)),
        )
        .order((saved_views::name, saved_views::id))
        .select((saved_views::id, saved_views::name))
        .limit(most)
        .load(conn)?)
}

/// How `person` follows the view, if they do.
pub fn following(
    conn: &mut DbConnection,
    id: &ViewId,
    person: &PersonId,
) -> DbResult<Option<Delivery>> {
    let delivery: Option<String> = view_follows::table
        .find((id.as_str(), person.as_str()))
        .select(view_follows::delivery)
        .first(conn)
        .optional()?;
    delivery
        .map(|raw| stored("delivery", id, &raw, Delivery::parse))
        .transpose()
}

/// Starts or changes how `person` follows the view.
pub fn follow(
    conn: &mut DbConnection,
    id: &ViewId,
    person: &PersonId,
    delivery: Delivery,
) -> DbResult<()> {
    diesel::delete(view_follows::table.find((id.as_str(), person.as_str()))).execute(conn)?;
    diesel::insert_into(view_follows::table)
        .values((
            view_follows::view_id.eq(id.as_str()),
            view_follows::person_id.eq(person.as_str()),
            view_follows::delivery.eq(delivery.code()),
            view_follows::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Tells `person` of every view they follow in the application only, not by e-mail.
pub fn follow_in_app_only(conn: &mut DbConnection, person: &PersonId) -> DbResult<()> {
    diesel::update(view_follows::table.filter(view_follows::person_id.eq(person.as_str())))
        .set(view_follows::delivery.eq(Delivery::InApp.code()))
        .execute(conn)?;
    Ok(())
}

/// Stops everyone but its owner following the view, once it is no longer shared.
pub fn unfollow_all_but_owner(conn: &mut DbConnection, id: &ViewId, owner: &str) -> DbResult<()> {
    diesel::delete(
        view_follows::table
            .filter(view_follows::view_id.eq(id.as_str()))
            .filter(view_follows::person_id.ne(owner)),
    )
    .execute(conn)?;
    Ok(())
}

/// Stops `person` following the view; whether they did.
pub fn unfollow(conn: &mut DbConnection, id: &ViewId, person: &PersonId) -> DbResult<bool> {
    let removed =
        diesel::delete(view_follows::table.find((id.as_str(), person.as_str()))).execute(conn)?;
    Ok(removed > 0)
}

pub fn follower_count(conn: &mut DbConnection, id: &ViewId) -> DbResult<i64> {
    Ok(view_follows::table
        .filter(view_follows::view_id.eq(id.as_str()))
        .count()
        .get_result(conn)?)
}

/// A followed view, as the sweep looks at it.
#[derive(Debug, Clone)]
pub struct FollowedView {
    pub id: ViewId,
    pub name: String,
    pub query: String,
    /// Who follows it, and how each wants to hear of it.
    pub followers: Vec<(PersonId, Delivery)>,
}

/// Every view with a follower whose account is active and who may open it (as [`open_to`]
/// says, with the follower for the person).
pub fn followed(conn: &mut DbConnection) -> DbResult<Vec<FollowedView>> {
    let rows: Vec<(String, String, String, String, String)> = saved_views::table
        .inner_join(view_follows::table)
        .inner_join(people::table.on(people::id.eq(view_follows::person_id)))
        .filter(people::active.eq(true))
        .filter(
            saved_views::owner_id
                .eq(view_follows::person_id)
                .or(saved_views::shared.eq(true)),
        )
        .order((saved_views::id, view_follows::person_id))
        .select((
            saved_views::id,
            saved_views::name,
            saved_views::query,
            view_follows::person_id,
            view_follows::delivery,
        ))
        .load(conn)?;
    let mut views: Vec<FollowedView> = Vec::new();
    for (id, name, query, person, delivery) in rows {
        let delivery = stored("delivery", &id, &delivery, Delivery::parse)?;
        if views.last().is_none_or(|view| view.id.as_str() != id) {
            views.push(FollowedView {
                id: ViewId::from(id),
                name,
                query,
                followers: Vec::new(),
            });
        }
        let view = views.last_mut().expect("a view was just pushed");
        view.followers.push((PersonId::from(person), delivery));
    }
    Ok(views)
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = irritants)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct MemberRow {
    id: String,
    reference: String,
    title: String,
    updated_at: NaiveDateTime,
}

impl From<MemberRow> for Member {
    fn from(row: MemberRow) -> Self {
        Member {
            irritant_id: row.id,
            reference: row.reference,
            title: row.title,
            updated_at: row.updated_at,
        }
    }
}

/// The irritants `filter` selects now; None when there are more than [`MOST_FOLLOWED`].
pub fn members_now(conn: &mut DbConnection, filter: &ListFilter) -> DbResult<Option<Vec<Member>>> {
    let rows: Vec<MemberRow> = filtered(filter)
        .order(irritants::reference)
        .limit(MOST_FOLLOWED as i64 + 1)
        .select(MemberRow::as_select())
        .load(conn)?;
    if rows.len() > MOST_FOLLOWED {
        return Ok(None);
    }
    Ok(Some(rows.into_iter().map(Member::from).collect()))
}

/// What the view held at its last look, each irritant as it was then.
pub fn members_before(conn: &mut DbConnection, id: &ViewId) -> DbResult<Vec<Member>> {
    let rows: Vec<(MemberRow, NaiveDateTime)> = view_members::table
        .inner_join(irritants::table)
        .filter(view_members::view_id.eq(id.as_str()))
        .select((MemberRow::as_select(), view_members::updated_at))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, seen)| Member {
            updated_at: seen,
            ..Member::from(row)
        })
        .collect())
}

/// Records what changed in the view since its last look, for the next look to compare with.
pub fn remember_changes(
    conn: &mut DbConnection,
    id: &ViewId,
    changes: &ViewChanges,
) -> DbResult<()> {
    let left: Vec<&str> = changes
        .left
        .iter()
        .map(|m| m.irritant_id.as_str())
        .collect();
    // In slices, within every backend's limit on a statement's parameters.
    for slice in left.chunks(500) {
        diesel::delete(
            view_members::table
                .filter(view_members::view_id.eq(id.as_str()))
                .filter(view_members::irritant_id.eq_any(slice)),
        )
        .execute(conn)?;
    }
    for member in &changes.changed {
        diesel::update(view_members::table.find((id.as_str(), &member.irritant_id)))
            .set(view_members::updated_at.eq(member.updated_at))
            .execute(conn)?;
    }
    let entered: Vec<_> = changes
        .entered
        .iter()
        .map(|member| {
            (
                view_members::view_id.eq(id.as_str()),
                view_members::irritant_id.eq(member.irritant_id.as_str()),
                view_members::updated_at.eq(member.updated_at),
            )
        })
        .collect();
    // Many rows to a statement, within every backend's limit on a statement's parameters; a
    // multi-row insert is built for each connection apart.
    for rows in entered.chunks(300) {
        let insert = || diesel::insert_into(view_members::table).values(rows.to_vec());
        match conn {
            DbConnection::Postgresql(pg) => insert().execute(pg)?,
            DbConnection::Sqlite(lite) => insert().execute(lite)?,
        };
    }
    Ok(())
}

pub fn forget_members(conn: &mut DbConnection, id: &ViewId) -> DbResult<()> {
    diesel::delete(view_members::table.filter(view_members::view_id.eq(id.as_str())))
        .execute(conn)?;
    Ok(())
}
