//! An irritant's one-page brief, as a page that prints on one sheet and as a Word document.

use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_DISPOSITION;
use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;

use super::exports::attachment;
use super::signed_in::SignedIn;
use super::{AppState, html, parse_reference};
use crate::db;
use crate::domain::Reference;
use crate::domain::accounts::SecurityEventKind;
use crate::domain::brief::{Brief, BriefFacts, BriefMandate, NextMilestone, mandate_words};
use crate::domain::classification::MilestoneState;
use crate::domain::dashboard::DashboardScope;
use crate::domain::listing::DAYS_MAX;
use crate::domain::report::{self, Grouping, ReportFormat, ReportPeriod, ReportRequest};
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
    let event = who
        .acting(&state)
        .event(SecurityEventKind::Exported, &file, export_detail(1, ""));
    state.record_alone(event).await;
    Ok(HttpResponse::Ok()
        .content_type(ReportFile::Word.content_type())
        .insert_header((CONTENT_DISPOSITION, attachment(&file)))
        .body(body))
}

/// The period a brief's history is read over: the longest a report covers, to today.
fn whole_life(today: NaiveDate) -> Option<ReportPeriod> {
    let from = today - chrono::Days::new(u64::from(DAYS_MAX));
    ReportPeriod::new(from, today)
}

/// The irritant's brief as it stands today: its report row over its whole life, with the
/// words that mandate it (in the reader's language where the statement has it) and its next
/// milestone.
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
            let irritant = db::irritants::find(conn, &reference)?;
            let period = whole_life(today).ok_or(AppError::NotFound)?;
            let facts =
                db::reports::facts_of_irritant(conn, &reference_data, &irritant.id, period)?;
            let opened_on = facts.irritants.first().map(|fact| fact.opened_on);
            let request = ReportRequest {
                period,
                grouping: Grouping::Directive,
                format: ReportFormat::Html,
                scope: DashboardScope::default(),
            };
            let generated_at = chrono::Utc::now().naive_utc();
            let made = report::build(&request, facts, (generated_at, &marking));
            let row = made
                .groups
                .into_iter()
                .flat_map(|group| group.irritants)
                .next();
            let (Some(mut row), Some(opened_on)) = (row, opened_on) else {
                return Err(AppError::NotFound);
            };
            // Named in short as the reader's language names it (AAC rather than AAFC).
            row.department = row.department.map(|code| {
                let department = reference_data.department_or_code(code);
                locale.department_acronym(&department).to_owned()
            });
            let mandates = db::sources::mandates_of(conn, &irritant.id)?
                .into_iter()
                .map(|mandate| {
                    let (words, words_language) =
                        mandate_words(&mandate.texts, &mandate.quote, locale.code());
                    BriefMandate {
                        source_id: mandate.source_id,
                        source_title: mandate.source_title,
                        source_title_language: mandate
                            .source_title_language
                            .map(|language| language.tag().to_owned()),
                        issued_on: mandate.issued_on,
                        number: mandate.number,
                        words,
                        words_language: words_language.map(|language| language.tag().to_owned()),
                    }
                })
                .collect();
            let next_milestone = db::milestones::of_irritant(conn, &irritant.id)?
                .into_iter()
                .find(|milestone| milestone.fields.state == MilestoneState::Planned)
                .map(|milestone| NextMilestone {
                    title: milestone.fields.title.as_str().to_owned(),
                    due: milestone.fields.due_date.get(),
                });
            let fields = irritant.fields;
            let facts = BriefFacts {
                summary: fields.summary,
                measure_type: fields.measure_type,
                measure: fields.measure,
                in_force_since: fields.in_force_since.map(|day| day.get()),
                opened_on,
                mandates,
                next_milestone,
                marking,
                made_on: today,
            };
            Ok(Brief::new(row, facts))
        })
        .await
}
