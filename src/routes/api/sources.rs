//! The JSON API for source documents: list, read with statements and what they mandate,
//! import, and link a statement to an irritant.

use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::actions::{self, Operator};
use crate::db;
use crate::domain::accounts::Permission;
use crate::domain::ids::SourceId;
use crate::domain::source::{ImportInput, VERSION_LANGUAGE_FIELDS};
use crate::domain::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::routes::signed_in::SignedIn;
use crate::routes::sources::{LinkInput, link_statement, source_in, traceability};
use crate::routes::{AppState, unexpected};

#[derive(Serialize, ToSchema)]
pub struct SourceSummaryJson {
    id: String,
    title: String,
    /// The title for French readers, when the document's own is not French; empty if none.
    title_fr: String,
    #[schema(example = "leaders_readout")]
    kind: String,
    issued_on: Option<NaiveDate>,
    #[schema(example = json!(["zh-Hant", "en"]))]
    languages: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SourceList {
    items: Vec<SourceSummaryJson>,
}

#[derive(Serialize, ToSchema)]
pub struct StatementText {
    #[schema(example = "en")]
    language: String,
    text: String,
}

#[derive(Serialize, ToSchema)]
pub struct MandatedJson {
    #[schema(example = "IRR-2025-0001")]
    reference: String,
    title: String,
    status: String,
    quote: String,
    note: String,
}

#[derive(Serialize, ToSchema)]
pub struct StatementJson {
    number: u32,
    is_directive: bool,
    texts: Vec<StatementText>,
    mandates: Vec<MandatedJson>,
}

#[derive(Serialize, ToSchema)]
pub struct SourceJson {
    id: String,
    title: String,
    /// The title for French readers, when the document's own is not French; empty if none.
    title_fr: String,
    kind: String,
    issued_on: Option<NaiveDate>,
    place: String,
    participants: String,
    /// Where the document is published; empty if not recorded.
    url: String,
    languages: Vec<String>,
    statements: Vec<StatementJson>,
}

#[utoipa::path(
    get, path = "/api/v1/sources", tag = "sources",
    responses((status = 200, body = SourceList))
)]
#[get("/sources")]
pub async fn api_source_list(
    state: web::Data<AppState>,
    _signed_in: SignedIn,
) -> Result<HttpResponse, AppError> {
    let sources = state.db(|conn| Ok(db::sources::list(conn)?)).await?;
    let items = sources
        .into_iter()
        .map(|s| SourceSummaryJson {
            id: s.id.to_string(),
            title: s.title.text,
            title_fr: s.title.french,
            kind: s.kind.code().to_owned(),
            issued_on: s.issued_on,
            languages: s.languages.iter().map(|l| l.tag().to_owned()).collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(SourceList { items }))
}

async fn source_json(state: &AppState, id: SourceId) -> Result<SourceJson, AppError> {
    let (source, mandated) = traceability(state, id).await?;
    let document = source.document;
    Ok(SourceJson {
        id: source.id.to_string(),
        title: document.title,
        title_fr: source.title_fr,
        kind: document.kind.code().to_owned(),
        issued_on: document.issued_on,
        place: document.place,
        participants: source.participants,
        url: source.url,
        languages: document
            .versions
            .iter()
            .map(|v| v.language.tag().to_owned())
            .collect(),
        statements: document
            .statements
            .into_iter()
            .map(|s| StatementJson {
                number: s.number,
                is_directive: s.is_directive,
                mandates: mandated
                    .iter()
                    .filter(|m| m.number == s.number)
                    .map(|m| MandatedJson {
                        reference: m.reference.to_string(),
                        title: m.title.text.clone(),
                        status: m.status.code().to_owned(),
                        quote: m.quote.clone(),
                        note: m.note.clone(),
                    })
                    .collect(),
                texts: s
                    .texts
                    .into_iter()
                    .map(|(language, text)| StatementText {
                        language: language.tag().to_owned(),
                        text,
                    })
                    .collect(),
            })
            .collect(),
    })
}

#[utoipa::path(
    get, path = "/api/v1/sources/{id}", tag = "sources",
    params(("id" = String, Path)),
    responses((status = 200, body = SourceJson), (status = 404, body = super::ErrorBody))
)]
#[get("/sources/{id}")]
pub async fn api_source_get(
    state: web::Data<AppState>,
    _signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok().json(source_json(&state, source_in(&path)?).await?))
}

/// A source to import: its text as published, and optionally its kind, title and date
/// (otherwise those found in the text).
#[derive(Deserialize, ToSchema)]
pub struct SourceImport {
    text: String,
    #[serde(default)]
    #[schema(example = "leaders_readout")]
    kind: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    #[schema(example = "2025-10-31")]
    issued_on: Option<String>,
    /// The language of each version in the order of the text, where the one found is wrong;
    /// an empty string keeps the one found.
    #[serde(default)]
    #[schema(example = json!(["zh-Hant", "en"]))]
    languages: Vec<String>,
    /// Save even though the versions do not have the same number of paragraphs, so that
    /// statement N may hold paragraphs that say different things. Without it such a text is
    /// refused.
    #[serde(default)]
    accept_unaligned: bool,
}

#[utoipa::path(
    post, path = "/api/v1/sources", tag = "sources", request_body = SourceImport,
    responses((status = 201, body = SourceJson), (status = 422, body = super::ErrorBody))
)]
#[post("/sources")]
pub async fn api_source_import(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<SourceImport>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let body = body.into_inner();
    if body.languages.len() > VERSION_LANGUAGE_FIELDS.len() {
        let error =
            FieldError::new("too-many-languages").with("max", VERSION_LANGUAGE_FIELDS.len());
        return Err(AppError::Invalid(FieldErrors::single("languages", error)));
    }
    let defaults = ImportInput::default();
    let input = ImportInput {
        text: body.text,
        kind: body.kind.unwrap_or(defaults.kind),
        title: body.title.unwrap_or_default(),
        issued_on: body.issued_on.unwrap_or_default(),
        accept_unaligned: if body.accept_unaligned { "yes" } else { "" }.to_owned(),
        previewed: String::new(),
        choices: VERSION_LANGUAGE_FIELDS
            .iter()
            .map(|field| field.to_string())
            .zip(body.languages)
            .collect(),
    };
    let prepared = input.prepare().map_err(api_fields)?;
    input.check_for_saving(&prepared).map_err(api_fields)?;
    let document = prepared.document;
    let acting = who.acting(&state);
    let id = state
        .db(move |conn| {
            let imported = actions::sources::import(conn, Operator::Person(&acting), &document)?;
            imported
                .into_result()?
                .ok_or_else(|| unexpected("importing a source"))
        })
        .await?;
    let json = source_json(&state, id.clone()).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/sources/{id}")))
        .json(json))
}

/// The import form chooses each version's language in its own field; the API in `languages`.
fn api_fields(errors: FieldErrors) -> AppError {
    let mut renamed = FieldErrors::new();
    for (field, error) in errors.iter() {
        let field = if VERSION_LANGUAGE_FIELDS.contains(&field) {
            "languages"
        } else {
            field
        };
        renamed.add(field, error.clone());
    }
    AppError::Invalid(renamed)
}

#[utoipa::path(
    post, path = "/api/v1/sources/{id}/statements/{number}/links", tag = "sources",
    request_body = LinkInput,
    params(("id" = String, Path), ("number" = u32, Path)),
    responses((status = 201, body = SourceJson), (status = 422, body = super::ErrorBody))
)]
#[post("/sources/{id}/statements/{number}/links")]
pub async fn api_statement_link(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, u32)>,
    body: web::Json<LinkInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let (id, number) = path.into_inner();
    let id = source_in(&id)?;
    link_statement(&state, &who, (&id, number), &body)
        .await?
        .into_result()?;
    Ok(HttpResponse::Created().json(source_json(&state, id).await?))
}

#[utoipa::path(
    delete, path = "/api/v1/sources/{id}/statements/{number}/links/{reference}", tag = "sources",
    params(("id" = String, Path), ("number" = u32, Path), ("reference" = String, Path)),
    responses((status = 204), (status = 404, body = super::ErrorBody))
)]
#[delete("/sources/{id}/statements/{number}/links/{reference}")]
pub async fn api_statement_unlink(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, u32, String)>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let (id, number, reference) = path.into_inner();
    let id = source_in(&id)?;
    let reference = crate::routes::parse_reference(&reference)?;
    let acting = who.acting(&state);
    state
        .db(move |conn| {
            let statement = (&id, number);
            actions::sources::unlink_statement(conn, &acting, statement, &reference)?.into_result()
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
