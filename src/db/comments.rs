//! The discussion on each irritant: comments, apart from its formal progress updates.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{comments, people};
use super::{DbConnection, DbResult, new_id, now, stored};
use crate::domain::ids::{IrritantId, PersonId};
use crate::domain::notification::Mention;

/// A comment as read back, with its author's name; a deleted one is shown as deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    pub id: String,
    pub author_id: PersonId,
    pub author_name: String,
    pub body: String,
    pub mentions: Vec<Mention>,
    pub created_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = comments)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct CommentRow {
    id: String,
    author_id: String,
    #[diesel(select_expression = people::display_name)]
    author_name: String,
    body: String,
    mentions: String,
    created_at: NaiveDateTime,
    deleted_at: Option<NaiveDateTime>,
}

impl TryFrom<CommentRow> for StoredComment {
    type Error = super::DbError;

    fn try_from(row: CommentRow) -> DbResult<Self> {
        let at = format!("comment {}", row.id);
        Ok(Self {
            mentions: stored("mentions", &at, &row.mentions, |raw| {
                serde_json::from_str(raw)
            })?,
            id: row.id,
            author_id: row.author_id.into(),
            author_name: row.author_name,
            body: row.body,
            created_at: row.created_at,
            deleted_at: row.deleted_at,
        })
    }
}

/// Adds a comment to an irritant; its id.
pub fn add(
    conn: &mut DbConnection,
    irritant: &IrritantId,
    author: &PersonId,
    body: &str,
    mentions: &[Mention],
) -> DbResult<String> {
    let id = new_id();
    diesel::insert_into(comments::table)
        .values((
            comments::id.eq(&id),
            comments::irritant_id.eq(irritant),
            comments::author_id.eq(author),
            comments::body.eq(body),
            comments::mentions.eq(serde_json::to_string(mentions).unwrap_or_default()),
            comments::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// An irritant's comments, oldest first.
pub fn of_irritant(conn: &mut DbConnection, irritant: &IrritantId) -> DbResult<Vec<StoredComment>> {
    comments::table
        .inner_join(people::table.on(people::id.eq(comments::author_id)))
        .filter(comments::irritant_id.eq(irritant))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select(CommentRow::as_select())
        .load(conn)?
        .into_iter()
        .map(StoredComment::try_from)
        .collect()
}

/// One comment of an irritant.
pub fn find(conn: &mut DbConnection, irritant: &IrritantId, id: &str) -> DbResult<StoredComment> {
    comments::table
        .inner_join(people::table.on(people::id.eq(comments::author_id)))
        .filter(comments::irritant_id.eq(irritant))
        .filter(comments::id.eq(id))
        .select(CommentRow::as_select())
        .first(conn)?
        .try_into()
}

/// Marks a comment deleted, with who deleted it and when: it is no longer shown, and its
/// text stays in the database, as everything stored does. Whether it was not deleted already.
pub fn delete(conn: &mut DbConnection, comment: &StoredComment, by: &PersonId) -> DbResult<bool> {
    Ok(diesel::update(
        comments::table
            .filter(comments::id.eq(&comment.id))
            .filter(comments::deleted_at.is_null()),
    )
    .set((comments::deleted_at.eq(now()), comments::deleted_by.eq(by)))
    .execute(conn)?
        > 0)
}
