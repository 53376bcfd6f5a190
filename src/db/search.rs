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
use diesel::query_source::{AppearsInFromClause, Once};
use diesel::serialize::ToSql;
use diesel::sql_types::{Bool, HasSqlType, Text};
use diesel::sqlite::Sqlite;

use super::DbBackend;
use super::schema::irritants;
use crate::domain::search::is_han;

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
        // The index's matches are gathered first. Written `+rowid`, so that the planner then
        // walks the index that gives the list's order and keeps the irritants among them,
        // stopping once it has a page, rather than fetching every match to sort them all.
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

// Its SQL names `irritants`: it is valid only on a query that selects from that table once.
impl<QS> AppearsOnTable<QS> for HoldsWord where
    QS: AppearsInFromClause<irritants::table, Count = Once>
{
}

impl<QS> SelectableExpression<QS> for HoldsWord where
    QS: AppearsInFromClause<irritants::table, Count = Once>
{
}

impl ValidGrouping<()> for HoldsWord {
    type IsAggregate = is_aggregate::Never;
}

impl QueryId for HoldsWord {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

/// How an index finds a searched word in the stored texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    /// Three characters or more: the trigram index holds every run of three characters.
    Trigrams,
    /// One or two Chinese characters, too short for trigrams: looked up among the short runs
    /// each stored text lists (see [`crate::domain::search::stored_search_text`]). Chinese is
    /// written without spaces, so such words are common and must be fast.
    ShortHan,
    /// One or two other characters: read from every text. Latin words this short are rare
    /// and match much of the register anyway.
    Scan,
}

impl Lookup {
    fn of(word: &str) -> Self {
        let length = word.chars().count();
        if length >= 3 {
            Self::Trigrams
        } else if length > 0 && word.chars().all(is_han) {
            Self::ShortHan
        } else {
            Self::Scan
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_looked_up_by_length_and_script() {
        assert_eq!(Lookup::of("can"), Lookup::Trigrams);
        assert_eq!(Lookup::of("油菜籽"), Lookup::Trigrams);
        assert_eq!(Lookup::of("关税"), Lookup::ShortHan);
        assert_eq!(Lookup::of("税"), Lookup::ShortHan);
        assert_eq!(Lookup::of("ev"), Lookup::Scan);
        assert_eq!(Lookup::of("税a"), Lookup::Scan);
    }
}
