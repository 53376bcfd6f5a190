//! An irritant's one-page brief, as a page that prints on one sheet and as a Word document.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};

use super::exports::recorded_download;
use super::signed_in::SignedIn;
use super::{AppState, html, parse_reference};
use crate::db;
use crate::domain::Reference;
use crate::domain::brief::{Brief, BriefFacts};
use crate::domain::listing::DAYS_MAX;
use crate::domain::report::{self, ReportPeriod};
use crate::error::AppError;
use crate::export::word::brief_document;
use crate::export::{ReportFile, export_detail};
use crate::i18n::Locale;
use crate::views::briefs::brief_page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(brief_html).service(brief_docx);
}

#[get("/irritants/{reference}/brief")]
async fn brief_html(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let brief = brief_of(&state, parse_reference(&path)?, locale).await?;
    Ok(html(
        StatusCode::OK,
        brief_page(&who.viewer(locale), &brief),
    ))
}

/// The brief as a Word document, named for the irritant and the day; recorded in the
/// security log as an export.
#[get("/irritants/{reference}/brief.docx")]
async fn brief_docx(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let brief = brief_of(&state, parse_reference(&path)?, locale).await?;
    let file = format!("{}.docx", brief.file_stem());
    let body = web::block(move || brief_document(&brief, locale))
        .await?
        .map_err(|e| AppError::Unexpected(e.into()))?;
    let download = (file.as_str(), ReportFile::Word.content_type(), body);
    Ok(recorded_download(&state, &who, download, export_detail(1, "")).await)
}

/// The irritant's brief as it stands today, for a reader of `locale`'s language.
async fn brief_of(
    state: &AppState,
    reference: Reference,
    locale: Locale,
) -> Result<Brief, AppError> {
    let cache = state.cache.clone();
    let today = state.today();
    let marking = state.settings.reports.marking.clone();
    state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let period = ReportPeriod::last_days(today, DAYS_MAX);
            let reading = db::briefs::reading(conn, &reference_data, &reference, period)?;
            let opened_on = reading.facts.irritants.first().map(|fact| fact.opened_on);
            let row = report::row_of_irritant(&reading.facts, period);
            let (Some(mut row), Some(opened_on)) = (row, opened_on) else {
                return Err(AppError::NotFound);
            };
            // Named in short as the reader's language names it (AAC rather than AAFC).
            row.department = row.department.map(|code| {
                let department = reference_data.department_or_code(code);
                locale.department_acronym(&department).to_owned()
            });
            let fields = reading.irritant.fields;
            let facts = BriefFacts {
                language: fields.language,
                summary: fields.summary,
                summary_translation: fields.summary_translation,
                measure_type: fields.measure_type,
                measure: fields.measure,
                in_force_since: fields.in_force_since.map(|day| day.get()),
                opened_on,
                mandates: reading.mandates,
                next_milestone: reading.next_milestone,
                marking,
                made_on: today,
            };
            Ok(Brief::new(row, facts, locale.language()))
        })
        .await
}
