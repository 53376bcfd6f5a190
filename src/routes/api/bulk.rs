//! `POST /api/v1/irritants/bulk`: one change to many irritants, each at the version the client
//! read, with what became of each.

use actix_web::{HttpResponse, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::read_body;
use crate::actions::{self, Outcome};
use crate::domain::bulk::{BulkInput, BulkItem, ItemOutcome, ItemResult, MOST_ITEMS, tally};
use crate::domain::{FieldError, FieldErrors, Reference};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::routes::signed_in::SignedIn;
use crate::routes::{AppState, unexpected};

/// The change, as the status form and the edit form name its values: `action` is one of
/// `owner` (with `owner`: a person's id or e-mail, empty for none), `lead_department` (a
/// department's code), `priority`, `watch`, or `status` (with `status`, `effective_date`,
/// `note`, `closure_reason`, `summary`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkRequest {
    #[schema(value_type = Object)]
    change: serde_json::Value,
    /// At most 2,000 irritants, each with the version the client read.
    items: Vec<BulkItemJson>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkItemJson {
    #[schema(example = "IRR-2025-0007")]
    reference: String,
    version: i32,
}

/// What became of each irritant, in the order sent.
#[derive(Serialize, ToSchema)]
pub struct BulkResultJson {
    /// The bulk change's record, also at `/irritants/bulk/{id}`.
    id: String,
    changed: usize,
    unchanged: usize,
    refused: usize,
    results: Vec<BulkItemResultJson>,
}

#[derive(Serialize, ToSchema)]
pub struct BulkItemResultJson {
    reference: String,
    title: String,
    /// `changed`, `unchanged`, `refused`, `conflict` (changed by someone since the version
    /// sent) or `missing`.
    outcome: &'static str,
    /// The irritant's version now, when changed or in conflict.
    version: Option<i32>,
    /// Why it was refused: each field and what is wrong with it.
    #[schema(value_type = Object)]
    problems: serde_json::Map<String, serde_json::Value>,
}

impl BulkItemResultJson {
    fn new(result: ItemResult, locale: Locale) -> Self {
        let (outcome, version, problems) = match result.outcome {
            ItemOutcome::Changed { version } => ("changed", Some(version), Vec::new()),
            ItemOutcome::Unchanged => ("unchanged", None, Vec::new()),
            ItemOutcome::Refused { problems } => ("refused", None, problems),
            ItemOutcome::Conflict { current } => ("conflict", Some(current), Vec::new()),
            ItemOutcome::Missing => ("missing", None, Vec::new()),
        };
        let problems = problems
            .into_iter()
            .map(|problem| {
                let message = locale.problem(&problem);
                (
                    problem.field,
                    serde_json::json!({ "code": problem.code, "message": message }),
                )
            })
            .collect();
        Self {
            reference: result.reference.to_string(),
            title: result.title,
            outcome,
            version,
            problems,
        }
    }
}

fn items_of(sent: Vec<BulkItemJson>) -> Result<Vec<BulkItem>, FieldErrors> {
    if sent.len() > MOST_ITEMS {
        let error = FieldError::new("bulk-too-many").with("max", MOST_ITEMS);
        return Err(FieldErrors::single("items", error));
    }
    let tokens: Vec<String> = sent
        .iter()
        .map(|item| match Reference::parse(&item.reference) {
            Ok(reference) => BulkItem {
                reference,
                version: item.version,
            }
            .token(),
            Err(_) => item.reference.clone(),
        })
        .collect();
    crate::domain::bulk::parse_items(tokens.iter().map(String::as_str))
}

#[utoipa::path(
    post, path = "/api/v1/irritants/bulk", tag = "irritants", request_body = BulkRequest,
    responses((status = 200, body = BulkResultJson), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody))
)]
#[post("/irritants/bulk")]
pub async fn api_irritants_bulk(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, AppError> {
    let (request, _): (BulkRequest, _) = read_body(body.into_inner())?;
    // An owner change names its owner, even none (`""`): a misspelt or missing `owner` must
    // not read as taking every owner away.
    let names_owner = request.change.get("owner").is_some();
    let input: BulkInput = serde_json::from_value(request.change)
        .map_err(|error| AppError::MalformedJson(error.to_string()))?;
    if input.action == "owner" && !names_owner {
        return Err(AppError::Invalid(FieldErrors::single(
            "owner",
            FieldError::new("required"),
        )));
    }
    let items = items_of(request.items).map_err(AppError::Invalid)?;
    let (cache, acting) = (state.cache.clone(), who.acting(&state));
    let outcome = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let change = input.parse(&reference_data).map_err(AppError::Invalid)?;
            actions::bulk::apply(conn, &acting, &reference_data, (&input, &change), &items)
        })
        .await?;
    let Outcome::Saved(report) = outcome else {
        return Err(unexpected("a bulk change"));
    };
    let (changed, unchanged, refused) = tally(&report.results);
    Ok(HttpResponse::Ok().json(BulkResultJson {
        id: report.id,
        changed,
        unchanged,
        refused,
        results: report
            .results
            .into_iter()
            .map(|result| BulkItemResultJson::new(result, locale))
            .collect(),
    }))
}
