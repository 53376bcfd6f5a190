//! Source documents, their language versions and their statements.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{source_versions, sources, statement_texts, statements};
use super::{DbConnection, DbError, DbResult, new_id, now, write_transaction};
use crate::domain::accounts::Refusal;
use crate::domain::readout::Language;
use crate::domain::source::{SourceDocument, SourceKind, SourceVersion, Statement};

/// Stores a document with its versions and statements, unless the same text was imported
/// before; returns its id.
pub fn create(
    conn: &mut DbConnection,
    document: &SourceDocument,
    created_by: Option<&str>,
) -> DbResult<String> {
    write_transaction(conn, |conn| {
        let known = sources::table
            .filter(sources::fingerprint.eq(&document.fingerprint))
            .count()
            .get_result::<i64>(conn)?;
        if known > 0 {
            return Err(DbError::Refused(Refusal::DuplicateSource));
        }
        let id = new_id();
        diesel::insert_into(sources::table)
            .values((
                sources::id.eq(&id),
                sources::title.eq(&document.title),
                sources::kind.eq(document.kind.code()),
                sources::issued_on.eq(document.issued_on),
                sources::place.eq(&document.place),
                sources::fingerprint.eq(&document.fingerprint),
                sources::created_by.eq(created_by),
                sources::created_at.eq(now()),
            ))
            .execute(conn)?;
        for (position, version) in document.versions.iter().enumerate() {
            diesel::insert_into(source_versions::table)
                .values((
                    source_versions::source_id.eq(&id),
                    source_versions::language.eq(version.language.tag()),
                    source_versions::title.eq(&version.title),
                    source_versions::issued_on.eq(version.issued_on),
                    source_versions::place.eq(&version.place),
                    source_versions::position.eq(position as i32),
                ))
                .execute(conn)?;
        }
        for statement in &document.statements {
            let statement_id = new_id();
            diesel::insert_into(statements::table)
                .values((
                    statements::id.eq(&statement_id),
                    statements::source_id.eq(&id),
                    statements::number.eq(statement.number as i32),
                    statements::is_directive.eq(statement.is_directive),
                ))
                .execute(conn)?;
            for (language, text) in &statement.texts {
                diesel::insert_into(statement_texts::table)
                    .values((
                        statement_texts::statement_id.eq(&statement_id),
                        statement_texts::language.eq(language.tag()),
                        statement_texts::text.eq(text),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(id)
    })
}

/// A document as the list of sources shows it.
#[derive(Debug, Clone)]
pub struct SourceSummary {
    pub id: String,
    pub title: String,
    pub kind: SourceKind,
    pub issued_on: Option<NaiveDate>,
    pub languages: Vec<Language>,
}

fn corrupt(what: &str, value: &str) -> DbError {
    DbError::Corrupt(format!("{what} {value:?}"))
}

fn kind_of(code: &str) -> DbResult<SourceKind> {
    SourceKind::parse(code).map_err(|_| corrupt("source kind", code))
}

fn language_of(tag: &str) -> DbResult<Language> {
    Language::parse(tag).ok_or_else(|| corrupt("language", tag))
}

/// Every document, newest first.
pub fn list(conn: &mut DbConnection) -> DbResult<Vec<SourceSummary>> {
    let rows = sources::table
        .order((sources::issued_on.desc(), sources::created_at.desc()))
        .select((
            sources::id,
            sources::title,
            sources::kind,
            sources::issued_on,
        ))
        .load::<(String, String, String, Option<NaiveDate>)>(conn)?;
    let languages = source_versions::table
        .order((source_versions::source_id, source_versions::position))
        .select((source_versions::source_id, source_versions::language))
        .load::<(String, String)>(conn)?;
    rows.into_iter()
        .map(|(id, title, kind, issued_on)| {
            let languages = languages
                .iter()
                .filter(|(source, _)| *source == id)
                .map(|(_, tag)| language_of(tag))
                .collect::<DbResult<_>>()?;
            Ok(SourceSummary {
                kind: kind_of(&kind)?,
                id,
                title,
                issued_on,
                languages,
            })
        })
        .collect()
}

/// A stored document with its versions and statements.
#[derive(Debug, Clone)]
pub struct StoredSource {
    pub id: String,
    pub document: SourceDocument,
    pub created_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, id: &str) -> DbResult<StoredSource> {
    let (title, kind, issued_on, place, fingerprint, created_at) = sources::table
        .find(id)
        .select((
            sources::title,
            sources::kind,
            sources::issued_on,
            sources::place,
            sources::fingerprint,
            sources::created_at,
        ))
        .first::<(
            String,
            String,
            Option<NaiveDate>,
            String,
            String,
            NaiveDateTime,
        )>(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    let versions = source_versions::table
        .filter(source_versions::source_id.eq(id))
        .order(source_versions::position)
        .select((
            source_versions::language,
            source_versions::title,
            source_versions::issued_on,
            source_versions::place,
        ))
        .load::<(String, String, Option<NaiveDate>, String)>(conn)?
        .into_iter()
        .map(|(language, title, issued_on, place)| {
            Ok(SourceVersion {
                language: language_of(&language)?,
                title,
                issued_on,
                place,
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    let statement_rows = statements::table
        .filter(statements::source_id.eq(id))
        .order(statements::number)
        .select((statements::id, statements::number, statements::is_directive))
        .load::<(String, i32, bool)>(conn)?;
    let texts = statement_texts::table
        .inner_join(statements::table)
        .filter(statements::source_id.eq(id))
        .select((
            statement_texts::statement_id,
            statement_texts::language,
            statement_texts::text,
        ))
        .load::<(String, String, String)>(conn)?;
    // Texts in the order of the document's versions, so that every statement reads the same way.
    let position = |language: Language| versions.iter().position(|v| v.language == language);
    let statements = statement_rows
        .into_iter()
        .map(|(statement_id, number, is_directive)| {
            let mut texts = texts
                .iter()
                .filter(|(owner, _, _)| *owner == statement_id)
                .map(|(_, tag, text)| Ok((language_of(tag)?, text.clone())))
                .collect::<DbResult<Vec<_>>>()?;
            texts.sort_by_key(|(language, _)| position(*language));
            Ok(Statement {
                number: number as u32,
                is_directive,
                texts,
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    Ok(StoredSource {
        id: id.to_owned(),
        document: SourceDocument {
            title,
            kind: kind_of(&kind)?,
            issued_on,
            place,
            versions,
            statements,
            fingerprint,
        },
        created_at,
    })
}
