//! Bulk changes from the list: the irritants ticked (or all those the filters select), the
//! values asked once, a review of what will change, then the change and its result.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};

use super::extract::StrictForm;
use super::signed_in::SignedIn;
use super::{AppState, html, see_other, unexpected};
use crate::actions::{self, Outcome};
use crate::db;
use crate::domain::bulk::{BulkAction, BulkInput, MOST_ITEMS, parse_items, shared_problems};
use crate::domain::{FieldError, FieldErrors, ListParams, Reference};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::bulk::{Reviewed, result_page, review_page, values_page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(bulk_step)
        .service(bulk_apply)
        .service(bulk_result);
}

/// A bulk form as sent: its values, and the names it repeats (the irritants).
pub(super) struct BulkForm {
    pairs: Vec<(String, String)>,
}

impl BulkForm {
    fn first<'a>(&'a self, name: &'a str) -> &'a str {
        self.all(name).next().unwrap_or_default()
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub(super) fn input(&self) -> BulkInput {
        BulkInput {
            action: self.first("action").to_owned(),
            owner: self.first("owner").to_owned(),
            lead_department: self.first("lead_department").to_owned(),
            priority: self.first("priority").to_owned(),
            status: self.first("status").to_owned(),
            effective_date: self.first("effective_date").to_owned(),
            note: self.first("note").to_owned(),
            closure_reason: self.first("closure_reason").to_owned(),
            summary: self.first("summary").to_owned(),
        }
    }
}

/// The irritants ticked, each once: at least one, and no more than a bulk change may touch.
fn picked<'a>(picks: impl Iterator<Item = &'a str>) -> Result<Vec<Reference>, FieldErrors> {
    let mut references: Vec<Reference> = Vec::new();
    for pick in picks {
        let reference =
            Reference::parse(pick).map_err(|error| FieldErrors::single("items", error))?;
        if !references.contains(&reference) {
            references.push(reference);
        }
        if references.len() > MOST_ITEMS {
            let error = FieldError::new("bulk-too-many").with("max", MOST_ITEMS);
            return Err(FieldErrors::single("items", error));
        }
    }
    if references.is_empty() {
        return Err(FieldErrors::single(
            "items",
            FieldError::new("bulk-none-chosen"),
        ));
    }
    Ok(references)
}

/// The irritants chosen: those ticked, or every one the list's filters (sent as `all`) select.
async fn chosen_references(
    state: &AppState,
    form: &BulkForm,
) -> Result<Result<Vec<Reference>, FieldErrors>, AppError> {
    let filter_query = form.first("all").to_owned();
    if filter_query.is_empty() {
        return Ok(picked(form.all("pick")));
    }
    let params: ListParams = serde_urlencoded::from_str(&filter_query)
        .map_err(|_| AppError::BadRequest("problem-form-unreadable"))?;
    let (cache, rules) = (state.cache.clone(), state.list_rules());
    state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let Ok(filter) = params.parse(&reference_data, rules) else {
                return Err(AppError::BadRequest("problem-form-unreadable"));
            };
            let (references, total) =
                db::bulk_changes::matching(conn, &cache, &filter, MOST_ITEMS)?;
            Ok(if total > MOST_ITEMS as i64 {
                let error = FieldError::new("bulk-too-many").with("max", MOST_ITEMS);
                Err(FieldErrors::single("items", error))
            } else if references.is_empty() {
                Err(FieldErrors::single(
                    "items",
                    FieldError::new("bulk-none-chosen"),
                ))
            } else {
                Ok(references)
            })
        })
        .await
}

/// The steps before the change: the values to give (`step=choose`, from the list), then the
/// review (`step=review`). Nothing is written.
#[post("/irritants/bulk")]
async fn bulk_step(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let form = BulkForm { pairs: form.0 };
    let input = form.input();
    let action = input.action().map_err(AppError::Invalid)?;
    let references = chosen_references(&state, &form)
        .await?
        .map_err(AppError::Invalid)?;
    let cache = state.cache.clone();
    let for_db = references.clone();
    let (reference_data, chosen) = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let chosen = db::bulk_changes::chosen(conn, &for_db)?;
            Ok((reference_data, chosen))
        })
        .await?;
    let viewer = who.viewer(locale);
    let asks_values = action != BulkAction::Watch;
    let values = |errors: &FieldErrors, status| {
        html(
            status,
            values_page(
                &viewer,
                (action, &input),
                &references,
                errors,
                &reference_data,
            ),
        )
    };
    if form.first("step") == "choose" && asks_values {
        return Ok(values(&FieldErrors::new(), StatusCode::OK));
    }
    let change = match input.parse(&reference_data) {
        Ok(change) => change,
        Err(errors) => return Ok(values(&errors, StatusCode::UNPROCESSABLE_ENTITY)),
    };
    let today = state.today();
    let judge = (&who.actor, &*reference_data);
    let rows: Vec<Reviewed> = chosen
        .iter()
        .map(|chosen| Reviewed {
            preview: chosen.preview(&change, judge, today),
            chosen,
        })
        .collect();
    let shared = rows
        .first()
        .map(|row| shared_problems(&row.preview))
        .unwrap_or_default();
    if !shared.is_empty() {
        return Ok(values(&shared, StatusCode::UNPROCESSABLE_ENTITY));
    }
    Ok(html(
        StatusCode::OK,
        review_page(&viewer, (&input, &change), &rows, &reference_data),
    ))
}

/// Makes the change reviewed, each irritant at the version the review showed, and shows what
/// became of each.
#[post("/irritants/bulk/apply")]
async fn bulk_apply(
    state: web::Data<AppState>,
    who: SignedIn,
    form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let form = BulkForm { pairs: form.0 };
    let input = form.input();
    let items = parse_items(form.all("item")).map_err(AppError::Invalid)?;
    let (cache, acting) = (state.cache.clone(), who.acting(&state));
    let outcome = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let change = input.parse(&reference_data).map_err(AppError::Invalid)?;
            actions::bulk::apply(conn, &acting, &reference_data, (&input, &change), &items)
        })
        .await?;
    match outcome {
        Outcome::Saved(report) => Ok(see_other(format!("/irritants/bulk/{}", report.id))),
        Outcome::Refused(errors) => Err(AppError::Invalid(errors)),
        Outcome::Unchanged | Outcome::Conflict(_) => Err(unexpected("a bulk change")),
    }
}

#[get("/irritants/bulk/{id}")]
async fn bulk_result(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = uuid::Uuid::parse_str(&path)
        .map_err(|_| AppError::NotFound)?
        .to_string();
    let cache = state.cache.clone();
    let (stored, reference_data) = state
        .db(move |conn| {
            Ok((
                db::bulk_changes::find(conn, &id)?,
                cache.reference_data(conn)?,
            ))
        })
        .await?;
    Ok(html(
        StatusCode::OK,
        result_page(&who.viewer(locale), &stored, &reference_data),
    ))
}
