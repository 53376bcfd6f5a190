//! Steps that bring stored data up to date after a migration where SQL alone cannot: the
//! change needs a table compiled into the binary. A migration names its step in
//! `pending_data_steps`; right after the migrations the step runs once, and its name is
//! deleted in the same transaction, so that a step cut short runs again at the next start.
//! These rewrite derived columns only (what searches look in), never what people wrote, so
//! they leave no history.

use diesel::prelude::*;

use super::schema::{irritants, pending_data_steps, statement_texts};
use super::{DbConnection, DbResult, Writes, write_transaction};
use crate::domain::search::{searchable, stored_search_text};

/// Search texts folded into their searchable form (traditional Chinese as simplified).
const FOLD_SEARCH_TEXTS: &str = "fold-search-texts";
/// Irritants' search texts ended by their line of short Chinese runs, which the index for
/// one- and two-character Chinese words reads.
const LIST_SHORT_CHINESE_RUNS: &str = "list-short-chinese-runs";

/// Rows read at a time, so that a large register is not held in memory at once.
const BATCH: i64 = 1000;

/// Runs the pending steps; returns the names of those run.
pub fn run_pending(conn: &mut DbConnection) -> DbResult<Vec<String>> {
    let pending: Vec<String> = pending_data_steps::table
        .select(pending_data_steps::name)
        .order(pending_data_steps::name)
        .load(conn)?;
    let mut done = Vec::new();
    for step in pending {
        let run: fn(&mut DbConnection) -> DbResult<()> = match step.as_str() {
            FOLD_SEARCH_TEXTS => fold_search_texts,
            LIST_SHORT_CHINESE_RUNS => list_short_chinese_runs,
            _ => {
                // A step of a newer version, met by an older binary: that version runs it.
                tracing::warn!(
                    step,
                    "a data step this version does not know is left pending"
                );
                continue;
            }
        };
        write_transaction(conn, Writes::Register, |conn| {
            run(conn)?;
            diesel::delete(pending_data_steps::table.find(&step)).execute(conn)?;
            DbResult::Ok(())
        })?;
        done.push(step);
    }
    Ok(done)
}

/// Each irritant's search text as `rewrite` gives it, a batch at a time.
fn rewrite_irritant_search_texts(
    conn: &mut DbConnection,
    rewrite: fn(&str) -> String,
) -> DbResult<()> {
    let mut after = String::new();
    loop {
        let rows: Vec<(String, String)> = irritants::table
            .filter(irritants::id.gt(&after))
            .order(irritants::id)
            .limit(BATCH)
            .select((irritants::id, irritants::search_text))
            .load(conn)?;
        let Some((last, _)) = rows.last() else { break };
        after = last.clone();
        for (id, text) in rows {
            let rewritten = rewrite(&text);
            if rewritten != text {
                diesel::update(irritants::table.find(&id))
                    .set(irritants::search_text.eq(rewritten))
                    .execute(conn)?;
            }
        }
    }
    Ok(())
}

/// Runs once, on texts written before the line existed: none ends with one yet.
fn list_short_chinese_runs(conn: &mut DbConnection) -> DbResult<()> {
    rewrite_irritant_search_texts(conn, stored_search_text)
}

fn fold_search_texts(conn: &mut DbConnection) -> DbResult<()> {
    rewrite_irritant_search_texts(conn, searchable)?;
    let mut after = (String::new(), String::new());
    loop {
        let rows: Vec<(String, String, String, String)> = statement_texts::table
            .filter(
                statement_texts::statement_id
                    .gt(&after.0)
                    .or(statement_texts::statement_id
                        .eq(&after.0)
                        .and(statement_texts::language.gt(&after.1))),
            )
            .order((statement_texts::statement_id, statement_texts::language))
            .limit(BATCH)
            .select((
                statement_texts::statement_id,
                statement_texts::language,
                statement_texts::text,
                statement_texts::search_text,
            ))
            .load(conn)?;
        let Some((statement, language, _, _)) = rows.last() else {
            break;
        };
        after = (statement.clone(), language.clone());
        for (statement, language, text, stored) in rows {
            let folded = searchable(&text);
            if folded != stored {
                diesel::update(statement_texts::table.find((&statement, &language)))
                    .set(statement_texts::search_text.eq(folded))
                    .execute(conn)?;
            }
        }
    }
    Ok(())
}
