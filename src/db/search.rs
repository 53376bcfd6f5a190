//! Finding a searched word in the irritants' search texts through the index that can answer
//! it, which differs by backend: SQLite's FTS5 tables, PostgreSQL's trigram and array indexes
//! (see the migration `search_indexes`). Every lookup finds exactly what `LIKE '%word%'` over
//! the search text finds; only the way there differs.

use diesel::backend::Backend;
use diesel::expression::{
    AppearsOnTable, Expression, SelectableExpression, ValidGrouping, is_aggregate,
};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{Bool, HasSqlType, Text};
use diesel::sqlite::Sqlite;

use diesel::RunQueryDsl;

use super::{DbBackend, DbConnection, DbResult};
use crate::domain::search::Lookup;

/// Whether an irritant's search text holds a word of a search (in its searchable form).
#[derive(Debug, Clone)]
pub(super) struct HoldsWord {
    lookup: Lookup,
    word: String,
    /// The word as an FTS5 phrase: quoted, so that nothing in it is query syntax.
    phrase: String,
    /// The word as a `LIKE` pattern, its wildcards escaped.
    pattern: String,
}

impl HoldsWord {
    pub(super) fn new(word: &str) -> Self {
        Self {
            lookup: Lookup::of(word),
            word: word.to_owned(),
            phrase: format!("\"{}\"", word.replace('"', "\"\"")),
            pattern: super::contains_pattern(word),
        }
    }

    fn walk_like<'b, DB>(&'b self, out: &mut AstPass<'_, 'b, DB>) -> diesel::QueryResult<()>
    where
        DB: Backend + HasSqlType<Text>,
        String: ToSql<Text, DB>,
    {
        out.push_sql("irritants.search_text LIKE ");
        out.push_bind_param::<Text, _>(&self.pattern)?;
        out.push_sql(" ESCAPE '\\'");
        Ok(())
    }
}

impl QueryFragment<Sqlite> for HoldsWord {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> diesel::QueryResult<()> {
        let index = match self.lookup {
            Lookup::Trigrams => "irritant_search",
            // A run of one or two characters is a word of the text's last line.
            Lookup::ShortHan => "irritant_search_words",
            Lookup::Scan => return self.walk_like(&mut out),
        };
        // Written `+rowid`, so that the planner does not fetch every match to sort them: it
        // walks the index that gives the list's order and keeps the irritants the index
        // found, stopping once it has a page. A frequent word fills a page within a few
        // hundred rows; a rare one costs one pass over that index, never a read of the texts.
        out.push_sql("+irritants.rowid IN (SELECT rowid FROM ");
        out.push_sql(index);
        out.push_sql(" WHERE ");
        out.push_sql(index);
        out.push_sql(" MATCH ");
        out.push_bind_param::<Text, _>(&self.phrase)?;
        out.push_sql(")");
        Ok(())
    }
}

impl QueryFragment<Pg> for HoldsWord {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> diesel::QueryResult<()> {
        match self.lookup {
            // The trigram index answers LIKE itself; a short word reads every text.
            Lookup::Trigrams | Lookup::Scan => self.walk_like(&mut out),
            Lookup::ShortHan => {
                // The expression of the index `irritants_search_short_runs`, for the
                // planner to recognise.
                out.push_sql(
                    "string_to_array(split_part(irritants.search_text, E'\\n', -1), ' ') @> ARRAY[",
                );
                out.push_bind_param::<Text, _>(&self.word)?;
                out.push_sql("]");
                Ok(())
            }
        }
    }
}

impl QueryFragment<DbBackend> for HoldsWord {
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, DbBackend>) -> diesel::QueryResult<()> {
        DbBackend::walk_variant_ast(self, pass)
    }
}

impl Expression for HoldsWord {
    type SqlType = Bool;
}

impl<QS> AppearsOnTable<QS> for HoldsWord {}

impl<QS> SelectableExpression<QS> for HoldsWord {}

impl ValidGrouping<()> for HoldsWord {
    type IsAggregate = is_aggregate::Never;
}

impl QueryId for HoldsWord {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

/// Runs a bulk load of irritants, `load`, indexing the irritants it adds for search in one
/// statement at the end rather than one by one (see the migration `search_indexes`). Called
/// inside the load's write transaction: the deferral is never seen outside it. PostgreSQL's
/// indexes take rows as they come.
pub(super) fn indexing_at_the_end<T>(
    conn: &mut DbConnection,
    load: impl FnOnce(&mut DbConnection) -> DbResult<T>,
) -> DbResult<T> {
    use diesel::connection::SimpleConnection;
    if !matches!(conn, DbConnection::Sqlite(_)) {
        return load(conn);
    }
    #[derive(diesel::QueryableByName)]
    struct Last {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        rowid: i64,
    }
    // New rows take rowids above the largest (SQLite's rule without AUTOINCREMENT).
    let before = diesel::sql_query("SELECT coalesce(max(rowid), 0) AS rowid FROM irritants")
        .get_result::<Last>(conn)?
        .rowid;
    conn.batch_execute("INSERT INTO search_indexing_deferred (deferred) VALUES (1)")?;
    let loaded = load(conn)?;
    conn.batch_execute(&format!(
        "DELETE FROM search_indexing_deferred; \
         INSERT INTO irritant_search (rowid, search_text) \
             SELECT rowid, search_text FROM irritants WHERE rowid > {before}; \
         INSERT INTO irritant_search_words (rowid, search_text) \
             SELECT rowid, search_text FROM irritants WHERE rowid > {before};"
    ))?;
    Ok(loaded)
}
