//! Source documents, their language versions and their statements.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::schema::{
    irritants, people, source_versions, sources, statement_links, statement_texts, statements,
};
use super::{
    DbConnection, DbError, DbResult, new_id, now, refused_if_in_use, refused_if_taken, stored,
};
use crate::domain::bilingual::TitleText;
use crate::domain::history::{ChangeRecord, HistoryKind};
use crate::domain::ids::{IrritantId, PersonId, SourceId};
use crate::domain::readout::Language;
use crate::domain::refusal::Refusal;
use crate::domain::search::searchable;
use crate::domain::source::{
    DocumentTitle, SourceDetails, SourceDocument, SourceKind, SourceVersion, Statement,
};
use crate::domain::{Rag, Reference, Status, Title};

/// A document's title, the language it is in and its French title, as [`title_columns`]
/// selects them.
#[derive(Queryable)]
pub(super) struct SourceTitle {
    text: String,
    /// The language tag of the version whose title it is, if any (see [`title_language`]).
    language_tag: Option<String>,
    french: String,
}

impl SourceTitle {
    pub(super) fn into_title(self, source_id: &str) -> DbResult<DocumentTitle> {
        Ok(DocumentTitle {
            language: optional_language(source_id, self.language_tag)?,
            text: self.text,
            french: self.french,
        })
    }
}

/// The columns of a document's [`SourceTitle`], on a query that holds `sources`.
#[allow(clippy::type_complexity)]
pub(super) fn title_columns() -> (
    sources::title,
    diesel::expression::SqlLiteral<diesel::sql_types::Nullable<diesel::sql_types::Text>>,
    sources::title_fr,
) {
    (sources::title, title_language(), sources::title_fr)
}

/// A statement's text in one language.
#[derive(Queryable, Selectable)]
#[diesel(table_name = statement_texts)]
struct StatementTextRow {
    statement_id: String,
    language: String,
    text: String,
}

/// Stores a document with its versions and statements, unless the same text was imported
/// before; returns its id.
pub fn create(
    conn: &mut DbConnection,
    document: &SourceDocument,
    created_by: Option<&PersonId>,
) -> DbResult<SourceId> {
    let known = sources::table
        .filter(sources::fingerprint.eq(&document.fingerprint))
        .count()
        .get_result::<i64>(conn)?;
    if known > 0 {
        return Err(DbError::Refused(Refusal::DuplicateSource));
    }
    let id = SourceId::generate();
    diesel::insert_into(sources::table)
        .values((
            sources::id.eq(&id),
            sources::title.eq(&document.title),
            sources::title_fr.eq(document.french_title()),
            sources::kind.eq(document.kind.code()),
            sources::issued_on.eq(document.issued_on),
            sources::place.eq(&document.place),
            sources::fingerprint.eq(&document.fingerprint),
            sources::created_by.eq(created_by.map(PersonId::as_str)),
            sources::created_at.eq(now()),
        ))
        .execute(conn)
        .map_err(|e| refused_if_taken(e, Refusal::DuplicateSource))?;
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
                    statement_texts::search_text.eq(searchable(text)),
                ))
                .execute(conn)?;
        }
    }
    Ok(id)
}

/// Corrects how a stored document is described: its title, kind, date and place.
pub fn update_details(
    conn: &mut DbConnection,
    id: &SourceId,
    details: &SourceDetails,
) -> DbResult<()> {
    let changed = diesel::update(sources::table.find(id))
        .set((
            sources::title.eq(details.title.as_str()),
            sources::title_fr.eq(details.title_fr.as_ref().map_or("", Title::as_str)),
            sources::kind.eq(details.kind.code()),
            sources::issued_on.eq(details.issued_on),
            sources::place.eq(&details.place),
            sources::participants.eq(&details.participants),
            sources::url.eq(details.url.as_ref().map_or("", |u| u.as_str())),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Removes a document imported by mistake, with its versions and statements, as long as none
/// of its statements mandates an irritant: those links are part of the irritants' record.
pub fn remove(conn: &mut DbConnection, id: &SourceId) -> DbResult<()> {
    let its_statements = statements::table
        .filter(statements::source_id.eq(id))
        .select(statements::id);
    let linked = statement_links::table
        .filter(statement_links::statement_id.eq_any(its_statements))
        .count()
        .get_result::<i64>(conn)?;
    if linked > 0 {
        return Err(DbError::Refused(Refusal::SourceInUse));
    }
    diesel::delete(
        statement_texts::table.filter(statement_texts::statement_id.eq_any(its_statements)),
    )
    .execute(conn)?;
    // A link made meanwhile by another writer holds on to its statement.
    diesel::delete(statements::table.filter(statements::source_id.eq(id)))
        .execute(conn)
        .map_err(|e| refused_if_in_use(e, Refusal::SourceInUse))?;
    diesel::delete(source_versions::table.filter(source_versions::source_id.eq(id)))
        .execute(conn)?;
    let removed = diesel::delete(sources::table.find(id)).execute(conn)?;
    if removed == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// A document as the list of sources shows it.
#[derive(Debug, Clone)]
pub struct SourceSummary {
    pub id: SourceId,
    pub title: DocumentTitle,
    pub kind: SourceKind,
    pub issued_on: Option<NaiveDate>,
    pub languages: Vec<Language>,
}

/// The language of a document's title: that of the version whose title it is. Written out,
/// as a subquery on the document row in hand, so that every query naming a document can say
/// which language its title is in.
pub(super) fn title_language()
-> diesel::expression::SqlLiteral<diesel::sql_types::Nullable<diesel::sql_types::Text>> {
    diesel::dsl::sql(
        "(SELECT source_versions.language FROM source_versions \
          WHERE source_versions.source_id = sources.id AND source_versions.title = sources.title \
          ORDER BY source_versions.position LIMIT 1)",
    )
}

/// A stored language tag read back, for [`stored`] to report one no longer known.
fn parse_language(tag: &str) -> Result<Language, ()> {
    Language::parse(tag).ok_or(())
}

/// The stored language tag of a document's title, if there is one and it is known.
pub(super) fn optional_language(
    source_id: &str,
    tag: Option<String>,
) -> DbResult<Option<Language>> {
    let row = format_args!("the versions of source {source_id}");
    tag.as_deref()
        .map(|tag| stored("language", row, tag, parse_language))
        .transpose()
}

/// Every document, newest first.
pub fn list(conn: &mut DbConnection) -> DbResult<Vec<SourceSummary>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = sources)]
    struct ListedSourceRow {
        id: String,
        title: String,
        title_fr: String,
        kind: String,
        issued_on: Option<NaiveDate>,
    }
    let rows = sources::table
        // Undated documents last on both backends, which otherwise disagree on where NULLs go.
        .order((
            sources::issued_on.is_null(),
            sources::issued_on.desc(),
            sources::created_at.desc(),
        ))
        .select(ListedSourceRow::as_select())
        .load(conn)?;
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = source_versions)]
    struct VersionTitleRow {
        source_id: String,
        language: String,
        title: String,
    }
    let versions = source_versions::table
        .order((source_versions::source_id, source_versions::position))
        .select(VersionTitleRow::as_select())
        .load(conn)?;
    rows.into_iter()
        .map(|source| {
            let its_versions = || {
                versions
                    .iter()
                    .filter(|version| version.source_id == source.id)
            };
            let version_row = format_args!("a version of source {}", source.id);
            let languages = its_versions()
                .map(|version| stored("language", version_row, &version.language, parse_language))
                .collect::<DbResult<_>>()?;
            let title_language = its_versions()
                .find(|version| version.title == source.title)
                .map(|version| stored("language", version_row, &version.language, parse_language))
                .transpose()?;
            Ok(SourceSummary {
                title: DocumentTitle {
                    text: source.title,
                    language: title_language,
                    french: source.title_fr,
                },
                kind: stored(
                    "kind",
                    format_args!("source {}", source.id),
                    &source.kind,
                    SourceKind::parse,
                )?,
                id: source.id.into(),
                issued_on: source.issued_on,
                languages,
            })
        })
        .collect()
}

/// A stored document with its versions and statements.
#[derive(Debug, Clone)]
pub struct StoredSource {
    pub id: SourceId,
    pub document: SourceDocument,
    /// Who imported it, if it was imported in the browser or through the API.
    pub created_by: Option<PersonId>,
    /// The title for French readers, when the document's own is not French (empty: none).
    pub title_fr: String,
    /// Who took part, and where the document is published, as officials recorded them.
    pub participants: String,
    pub url: String,
}

impl StoredSource {
    /// Its title, with the language it is in and its French title.
    pub fn title(&self) -> DocumentTitle {
        DocumentTitle {
            text: self.document.title.clone(),
            language: self.document.title_language(),
            french: self.title_fr.clone(),
        }
    }
}

pub fn find(conn: &mut DbConnection, id: &SourceId) -> DbResult<StoredSource> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = sources)]
    struct SourceRow {
        title: String,
        title_fr: String,
        kind: String,
        issued_on: Option<NaiveDate>,
        place: String,
        fingerprint: String,
        created_by: Option<String>,
        participants: String,
        url: String,
    }
    let source = sources::table
        .find(id)
        .select(SourceRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    let versions = versions_of(conn, id)?;
    let statements = statements_of(conn, id, &versions)?;
    Ok(StoredSource {
        id: id.to_owned(),
        document: SourceDocument {
            title: source.title,
            kind: stored(
                "kind",
                format_args!("source {id}"),
                &source.kind,
                SourceKind::parse,
            )?,
            issued_on: source.issued_on,
            place: source.place,
            versions,
            statements,
            fingerprint: source.fingerprint,
        },
        created_by: source.created_by.map(PersonId::from),
        title_fr: source.title_fr,
        participants: source.participants,
        url: source.url,
    })
}

/// A document's language versions, in the order they were imported.
fn versions_of(conn: &mut DbConnection, id: &SourceId) -> DbResult<Vec<SourceVersion>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = source_versions)]
    struct VersionRow {
        language: String,
        title: String,
        issued_on: Option<NaiveDate>,
        place: String,
    }
    source_versions::table
        .filter(source_versions::source_id.eq(id))
        .order(source_versions::position)
        .select(VersionRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|version| {
            Ok(SourceVersion {
                language: stored(
                    "language",
                    format_args!("a version of source {id}"),
                    &version.language,
                    parse_language,
                )?,
                title: version.title,
                issued_on: version.issued_on,
                place: version.place,
            })
        })
        .collect()
}

/// A document's statements in order, each with its text in every language it has, in the
/// order of the document's `versions`, so that every statement reads the same way.
fn statements_of(
    conn: &mut DbConnection,
    id: &SourceId,
    versions: &[SourceVersion],
) -> DbResult<Vec<Statement>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = statements)]
    struct StatementRow {
        id: String,
        number: i32,
        is_directive: bool,
    }
    let statement_rows = statements::table
        .filter(statements::source_id.eq(id))
        .order(statements::number)
        .select(StatementRow::as_select())
        .load(conn)?;
    let texts = statement_texts::table
        .inner_join(statements::table)
        .filter(statements::source_id.eq(id))
        .select(StatementTextRow::as_select())
        .load(conn)?;
    let position = |language: Language| versions.iter().position(|v| v.language == language);
    statement_rows
        .into_iter()
        .map(|statement| {
            let text_row = format_args!("a text of statement {}", statement.id);
            let mut texts = texts
                .iter()
                .filter(|text| text.statement_id == statement.id)
                .map(|text| {
                    let language = stored("language", text_row, &text.language, parse_language)?;
                    Ok((language, text.text.clone()))
                })
                .collect::<DbResult<Vec<_>>>()?;
            texts.sort_by_key(|(language, _)| position(*language));
            Ok(Statement {
                number: statement.number as u32,
                is_directive: statement.is_directive,
                texts,
            })
        })
        .collect()
}

/// An irritant that a statement mandates, as the document's traceability view shows it.
#[derive(Debug, Clone)]
pub struct MandatedIrritant {
    pub number: u32,
    pub reference: Reference,
    pub title: TitleText,
    pub status: Status,
    pub rag: Option<Rag>,
    pub owner_name: Option<String>,
    pub target_date: Option<NaiveDate>,
    pub quote: String,
    pub note: String,
}

/// What each statement of a document mandates, by statement number then reference.
pub fn mandated_by(
    conn: &mut DbConnection,
    source_id: &SourceId,
) -> DbResult<Vec<MandatedIrritant>> {
    #[derive(Queryable)]
    struct MandatedRow {
        /// The number of the statement that mandates the irritant.
        number: i32,
        irritant_id: String,
        reference: String,
        title: String,
        status: String,
        rag: Option<String>,
        owner_name: Option<String>,
        target_date: Option<NaiveDate>,
        quote: String,
        note: String,
    }
    let rows = statement_links::table
        .inner_join(statements::table)
        .inner_join(irritants::table.left_join(people::table))
        .filter(statements::source_id.eq(source_id))
        .order((statements::number, irritants::reference))
        .select((
            statements::number,
            irritants::id,
            irritants::reference,
            irritants::title,
            irritants::status,
            irritants::rag,
            people::display_name.nullable(),
            irritants::target_date,
            statement_links::quote,
            statement_links::note,
        ))
        .load::<MandatedRow>(conn)?;
    let titles = super::irritants::titles_in_both(
        conn,
        rows.iter()
            .map(|row| (row.irritant_id.as_str(), row.title.as_str())),
    )?;
    rows.into_iter()
        .zip(titles)
        .map(|(mandated, title)| {
            let row = format_args!("irritant {}", mandated.reference);
            Ok(MandatedIrritant {
                number: mandated.number as u32,
                status: stored("status", row, &mandated.status, Status::parse)?,
                rag: mandated
                    .rag
                    .map(|r| stored("RAG", row, &r, Rag::parse))
                    .transpose()?,
                reference: stored(
                    "reference",
                    format_args!("the irritant titled {:?}", mandated.title),
                    &mandated.reference,
                    Reference::parse,
                )?,
                title,
                owner_name: mandated.owner_name,
                target_date: mandated.target_date,
                quote: mandated.quote,
                note: mandated.note,
            })
        })
        .collect()
}

/// A statement that mandates an irritant, as the irritant's page quotes it.
#[derive(Debug, Clone)]
pub struct Mandate {
    pub source_id: String,
    pub source_title: DocumentTitle,
    pub issued_on: Option<NaiveDate>,
    pub number: u32,
    pub texts: Vec<(Language, String)>,
    pub quote: String,
    pub note: String,
}

/// The statements that mandate an irritant, oldest document first.
pub fn mandates_of(conn: &mut DbConnection, irritant_id: &IrritantId) -> DbResult<Vec<Mandate>> {
    #[derive(Queryable)]
    struct MandateRow {
        statement_id: String,
        source_id: String,
        source_title: SourceTitle,
        issued_on: Option<NaiveDate>,
        number: i32,
        quote: String,
        note: String,
    }
    let rows = statement_links::table
        .inner_join(statements::table.inner_join(sources::table))
        .filter(statement_links::irritant_id.eq(irritant_id))
        .order((
            sources::issued_on.is_null(),
            sources::issued_on,
            statements::number,
        ))
        .select((
            statements::id,
            sources::id,
            title_columns(),
            sources::issued_on,
            statements::number,
            statement_links::quote,
            statement_links::note,
        ))
        .load::<MandateRow>(conn)?;
    let ids: Vec<&String> = rows.iter().map(|row| &row.statement_id).collect();
    // Texts in the order of their document's versions, the same on both backends.
    let texts = statement_texts::table
        .inner_join(statements::table)
        .inner_join(
            source_versions::table.on(source_versions::source_id
                .eq(statements::source_id)
                .and(source_versions::language.eq(statement_texts::language))),
        )
        .filter(statement_texts::statement_id.eq_any(ids))
        .order((statement_texts::statement_id, source_versions::position))
        .select(StatementTextRow::as_select())
        .load(conn)?;
    rows.into_iter()
        .map(|mandate| {
            let text_row = format_args!("a text of statement {}", mandate.statement_id);
            let texts = texts
                .iter()
                .filter(|text| text.statement_id == mandate.statement_id)
                .map(|text| {
                    let language = stored("language", text_row, &text.language, parse_language)?;
                    Ok((language, text.text.clone()))
                })
                .collect::<DbResult<Vec<_>>>()?;
            Ok(Mandate {
                source_id: mandate.source_id.clone(),
                source_title: mandate.source_title.into_title(&mandate.source_id)?,
                issued_on: mandate.issued_on,
                number: mandate.number as u32,
                texts,
                quote: mandate.quote,
                note: mandate.note,
            })
        })
        .collect()
}

/// The statement of a document with this number, with its texts.
/// A statement found by its document and number.
struct NumberedStatement {
    id: String,
    document_title: String,
    is_directive: bool,
    texts: Vec<String>,
}

fn statement_of(
    conn: &mut DbConnection,
    source_id: &SourceId,
    number: u32,
) -> DbResult<NumberedStatement> {
    #[derive(Queryable)]
    struct NumberedStatementRow {
        statement_id: String,
        source_title: String,
        is_directive: bool,
    }
    let statement = statements::table
        .inner_join(sources::table)
        .filter(statements::source_id.eq(source_id))
        .filter(statements::number.eq(number as i32))
        .select((statements::id, sources::title, statements::is_directive))
        .first::<NumberedStatementRow>(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    let texts = statement_texts::table
        .filter(statement_texts::statement_id.eq(&statement.statement_id))
        .select(statement_texts::text)
        .load::<String>(conn)?;
    Ok(NumberedStatement {
        id: statement.statement_id,
        document_title: statement.source_title,
        is_directive: statement.is_directive,
        texts,
    })
}

/// Whether a document has a statement with this number.
pub fn has_statement(conn: &mut DbConnection, source_id: &SourceId, number: u32) -> DbResult<bool> {
    match statement_of(conn, source_id, number) {
        Ok(_) => Ok(true),
        Err(DbError::NotFound) => Ok(false),
        Err(other) => Err(other),
    }
}

/// How a link to a statement reads in an irritant's history: the statement, and the words
/// quoted and the note, if any.
fn described(number: u32, title: &str, quote: &str, note: &str) -> String {
    let mut text = format!("§{number}, “{title}”");
    if !quote.is_empty() {
        text.push_str(&format!(": “{quote}”"));
    }
    if !note.is_empty() {
        text.push_str(&format!(" ({note})"));
    }
    text
}

/// Links a statement (optionally a quoted span of it, which must be its own words) to an
/// irritant, and records it in the irritant's history.
pub fn link_statement(
    conn: &mut DbConnection,
    (source_id, number): (&SourceId, u32),
    reference: &Reference,
    (quote, note): (&str, &str),
    actor_id: &PersonId,
) -> DbResult<LinkedStatement> {
    let NumberedStatement {
        id: statement_id,
        document_title: title,
        is_directive,
        texts,
    } = statement_of(conn, source_id, number)?;
    if !quote.is_empty() && !texts.iter().any(|t| t.contains(quote)) {
        return Err(DbError::Refused(Refusal::QuoteNotInStatement));
    }
    let (irritant_id, version) = super::irritants::id_of(conn, reference)?;
    let linked = statement_links::table
        .find((&statement_id, &irritant_id))
        .count()
        .get_result::<i64>(conn)?;
    if linked > 0 {
        return Err(DbError::Refused(Refusal::AlreadyLinked));
    }
    diesel::insert_into(statement_links::table)
        .values((
            statement_links::statement_id.eq(&statement_id),
            statement_links::irritant_id.eq(&irritant_id),
            statement_links::quote.eq(quote),
            statement_links::note.eq(note),
            statement_links::created_by.eq(actor_id),
            statement_links::created_at.eq(now()),
        ))
        .execute(conn)
        .map_err(|e| match e {
            // The document was removed meanwhile.
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                _,
            ) => DbError::NotFound,
            other => refused_if_taken(other, Refusal::AlreadyLinked),
        })?;
    let mut entry = ChangeRecord::new(HistoryKind::StatementLinked);
    entry.summary = described(number, &title, quote, note);
    super::history::record(conn, &irritant_id, version, actor_id, &entry)?;
    Ok(LinkedStatement {
        statement_id,
        irritant_id,
        document_title: title,
        is_directive,
    })
}

/// A statement just linked to an irritant.
#[derive(Debug, Clone)]
pub struct LinkedStatement {
    pub statement_id: String,
    pub irritant_id: IrritantId,
    pub document_title: String,
    pub is_directive: bool,
}

/// Removes a statement's link to an irritant, recording that in the irritant's history.
pub fn unlink_statement(
    conn: &mut DbConnection,
    (source_id, number): (&SourceId, u32),
    reference: &Reference,
    actor_id: &PersonId,
) -> DbResult<()> {
    let NumberedStatement {
        id: statement_id,
        document_title: title,
        ..
    } = statement_of(conn, source_id, number)?;
    let (irritant_id, version) = super::irritants::id_of(conn, reference)?;
    let link = statement_links::table.find((&statement_id, &irritant_id));
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = statement_links)]
    struct LinkWordsRow {
        quote: String,
        note: String,
    }
    let words = link
        .select(LinkWordsRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    // Another writer may have removed it since it was read; only one records it.
    if diesel::delete(link).execute(conn)? == 0 {
        return Err(DbError::NotFound);
    }
    let mut entry = ChangeRecord::new(HistoryKind::StatementUnlinked);
    entry.summary = described(number, &title, &words.quote, &words.note);
    super::history::record(conn, &irritant_id, version, actor_id, &entry)
}

/// A statement whose text, in one language, holds every word searched for.
#[derive(Debug, Clone)]
pub struct StatementHit {
    pub source_id: String,
    pub source_title: DocumentTitle,
    pub number: u32,
    pub is_directive: bool,
    pub language: Language,
    pub text: String,
}

/// Statements holding every one of `words` in one of their languages, at most `limit`.
pub fn search_statements(
    conn: &mut DbConnection,
    words: &[String],
    limit: i64,
) -> DbResult<Vec<StatementHit>> {
    #[derive(Queryable)]
    struct StatementHitRow {
        source_id: String,
        source_title: SourceTitle,
        number: i32,
        is_directive: bool,
        /// The language of the text that holds the words.
        language: String,
        text: String,
    }
    let mut query = statement_texts::table
        .inner_join(statements::table.inner_join(sources::table))
        .into_boxed();
    for word in words {
        query = query.filter(
            statement_texts::search_text
                .like(super::contains_pattern(word))
                .escape('\\'),
        );
    }
    query
        .order((
            sources::issued_on.is_null(),
            sources::issued_on.desc(),
            statements::number,
            statement_texts::language,
        ))
        .limit(limit)
        .select((
            sources::id,
            title_columns(),
            statements::number,
            statements::is_directive,
            statement_texts::language,
            statement_texts::text,
        ))
        .load::<StatementHitRow>(conn)?
        .into_iter()
        .map(|hit| {
            Ok(StatementHit {
                language: stored(
                    "language",
                    format_args!(
                        "a text of statement §{} of source {}",
                        hit.number, hit.source_id
                    ),
                    &hit.language,
                    parse_language,
                )?,
                source_title: hit.source_title.into_title(&hit.source_id)?,
                source_id: hit.source_id,
                number: hit.number as u32,
                is_directive: hit.is_directive,
                text: hit.text,
            })
        })
        .collect()
}

/// Flags a statement as a directive, or unflags it, by hand.
pub fn set_directive(
    conn: &mut DbConnection,
    source_id: &SourceId,
    number: u32,
    is_directive: bool,
) -> DbResult<()> {
    let updated = diesel::update(
        statements::table
            .filter(statements::source_id.eq(source_id))
            .filter(statements::number.eq(number as i32)),
    )
    .set(statements::is_directive.eq(is_directive))
    .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}
