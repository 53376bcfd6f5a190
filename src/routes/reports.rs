//! Progress reports: `/reports` (the form and the issued reports), `/reports/progress` (a
//! report for a period, as a page or a download), freezing one as issued, reading and
//! comparing issued reports, and their deletion by an administrator.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;

use super::exports::recorded_download;
use super::extract::StrictForm;
use super::signed_in::SignedIn;
use super::{AppState, NoticeQuery, html, see_other, unexpected};
use crate::actions;
use crate::actions::reports::Issuing;
use crate::db;
use crate::db::reports::IssuedSummary;
use crate::domain::accounts::Permission;
use crate::domain::dashboard::DashboardScope;
use crate::domain::ids::ReportId;
use crate::domain::report::{
    self, ProgressReport, ReportFormat, ReportParams, ReportRequest, compare,
};
use crate::domain::{FieldError, FieldErrors, ReferenceData};
use crate::error::AppError;
use crate::export::{ExportFormat, ReportFile, export_detail};
use crate::i18n::Locale;
use crate::views::reports::{Issued, issue_confirmation_page, report_page, reports_page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(reports_form)
        .service(progress_report)
        .service(issue_report)
        .service(issued_report)
        .service(delete_issued_report);
}

/// How many issued reports `/reports` lists.
const ISSUED_LISTED: i64 = 100;

#[get("/reports")]
async fn reports_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    notice: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let notice = (notice.notice == "deleted").then_some("report-deleted");
    let defaults = ReportParams::default()
        .parse(state.dashboard_rules())
        .expect("the default report is valid")
        .params(ReportFormat::Html);
    let errors = FieldErrors::new();
    render_form(
        &state,
        &who,
        locale,
        (&defaults, &errors, notice),
        StatusCode::OK,
    )
    .await
}

async fn render_form(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    (params, errors, notice): (&ReportParams, &FieldErrors, Option<&'static str>),
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let cache = state.cache.clone();
    let (reference_data, issued) = state
        .db(move |conn| {
            Ok((
                cache.reference_data(conn)?,
                db::reports::issued(conn, ISSUED_LISTED)?,
            ))
        })
        .await?;
    Ok(html(
        status,
        reports_page(
            &who.viewer(locale),
            (params, errors, notice),
            &issued,
            &reference_data,
        ),
    ))
}

/// Reads the request and makes the report; problems come back as the form's errors.
async fn make_report(
    state: &AppState,
    params: &ReportParams,
) -> Result<Result<(ReportRequest, ProgressReport), FieldErrors>, AppError> {
    let request = match params.parse(state.dashboard_rules()) {
        Ok(request) => request,
        Err(errors) => return Ok(Err(errors)),
    };
    let cache = state.cache.clone();
    let rules = state.list_rules();
    let irritants_max = state.settings.register.report_irritants_max;
    let marking = state.settings.reports.marking.clone();
    let mut for_db = request;
    state
        .db(move |conn| {
            let reference_data: std::sync::Arc<ReferenceData> = cache.reference_data(conn)?;
            let scope = match for_db.scope.list_params().parse(&reference_data, rules) {
                Ok(scope) => scope,
                Err(errors) => return Ok(Err(errors)),
            };
            // The scope as the register writes it (`CN`, not `cn`), so that it shows as it
            // will be read and issued reports of one scope find each other.
            let canonical = scope.canonical_params("");
            for_db.scope = DashboardScope {
                counterpart: canonical.counterpart,
                sector: canonical.sector,
                department: canonical.department,
                priority: canonical.priority,
            };
            let period = for_db.period;
            let facts =
                match db::reports::facts(conn, &reference_data, &scope, period, irritants_max)? {
                    Ok(facts) => facts,
                    Err(count) => {
                        let error = FieldError::new("report-too-large")
                            .with("count", count)
                            .with("max", irritants_max);
                        return Ok(Err(FieldErrors::single("counterpart", error)));
                    }
                };
            let report = report::build(&for_db, facts, (db::now(), &marking));
            Ok(Ok((for_db, report)))
        })
        .await
}

#[get("/reports/progress")]
async fn progress_report(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<ReportParams>,
) -> Result<HttpResponse, AppError> {
    let params = query.into_inner();
    let (request, report) = match make_report(&state, &params).await? {
        Ok(made) => made,
        Err(errors) => {
            let form = (&params, &errors, None);
            return render_form(&state, &who, locale, form, StatusCode::BAD_REQUEST).await;
        }
    };
    let canonical = request.params(request.format);
    match download_format(request.format) {
        None => {
            // The RAG's trends are told since the last report issued for the scope.
            let (scope, to) = (request.scope.list_params().to_query_string(), report.to);
            let earlier = state
                .db(move |conn| Ok(db::reports::latest_issued(conn, &scope, to)?))
                .await?;
            let mut base = request.params(ReportFormat::Html);
            base.format.clear();
            let download_base = format!("/reports/progress?{}&", base.to_query_string());
            Ok(html(
                StatusCode::OK,
                report_page(
                    &who.viewer(locale),
                    (&report, earlier.as_ref(), &state.settings.reports.marking),
                    &download_base,
                    Some(&canonical),
                    None,
                ),
            ))
        }
        Some(format) => {
            let query = canonical.to_query_string();
            download(&state, &who, &report, (format, locale), &query).await
        }
    }
}

/// The file of a report format; none for the page.
fn download_format(format: ReportFormat) -> Option<ReportFile> {
    match format {
        ReportFormat::Html => None,
        ReportFormat::Csv => Some(ReportFile::Table(ExportFormat::Csv)),
        ReportFormat::Xlsx => Some(ReportFile::Table(ExportFormat::Xlsx)),
        ReportFormat::Json => Some(ReportFile::Table(ExportFormat::Json)),
        ReportFormat::Docx => Some(ReportFile::Word),
    }
}

/// A report as a file to download, named for what it holds, recorded in the security log.
async fn download(
    state: &AppState,
    who: &SignedIn,
    report: &ProgressReport,
    (format, locale): (ReportFile, Locale),
    what: &str,
) -> Result<HttpResponse, AppError> {
    // Compressing a workbook or a document takes a while: off the async worker.
    let for_writing = report.clone();
    let (rows, body) = web::block(move || format.write(&for_writing, locale))
        .await?
        .map_err(|e| AppError::Unexpected(e.into()))?;
    let file = format!("{}.{}", report.file_stem(), format.extension());
    let download = (file.as_str(), format.content_type(), body);
    Ok(recorded_download(state, who, download, export_detail(rows, what)).await)
}

/// The report form's fields, and whether the person has seen what freezing will store.
#[derive(Deserialize)]
struct IssueForm {
    #[serde(flatten)]
    params: ReportParams,
    #[serde(default)]
    confirmed: String,
}

/// Freezes the report the form names, as it stands now, once the person has seen what that
/// stores; a report issued already with the same content is pointed to instead.
#[post("/reports/issue")]
async fn issue_report(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<IssueForm>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::IssueReports)?;
    let IssueForm { params, confirmed } = form.0;
    let params = ReportParams {
        format: String::new(),
        ..params
    };
    let (request, report) = match make_report(&state, &params).await? {
        Ok(made) => made,
        Err(errors) => {
            let form = (&params, &errors, None);
            return render_form(&state, &who, locale, form, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let scope = request.scope.list_params().to_query_string();
    let canonical = request.params(ReportFormat::Html);
    let confirm = |already: Option<&IssuedSummary>, status| {
        let markup = issue_confirmation_page(&who.viewer(locale), &report, &canonical, already);
        html(status, markup)
    };
    if confirmed != "true" {
        let (for_db, scope) = (report.clone(), scope.clone());
        let already = state
            .db(move |conn| Ok(db::reports::identical(conn, &for_db, &scope)?))
            .await?;
        return Ok(confirm(already.as_ref(), StatusCode::OK));
    }
    let acting = who.acting(&state);
    let for_db = report.clone();
    let issuing = state
        .db(move |conn| actions::reports::issue(conn, &acting, &for_db, &scope))
        .await?;
    match issuing {
        Issuing::Done(outcome) => {
            let id = outcome
                .into_result()?
                .ok_or_else(|| unexpected("issuing a report"))?;
            Ok(see_other(format!("/reports/{id}")))
        }
        Issuing::AlreadyIssued(issued) => Ok(confirm(Some(&issued), StatusCode::CONFLICT)),
    }
}

#[derive(Deserialize)]
struct IssuedQuery {
    #[serde(default)]
    format: String,
    /// The issued report of the same scope to compare with; the previous one when empty.
    #[serde(default)]
    compare: String,
}

#[get("/reports/{id}")]
async fn issued_report(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    query: web::Query<IssuedQuery>,
) -> Result<HttpResponse, AppError> {
    let id = ReportId::parse(&path).ok_or(AppError::NotFound)?;
    let format = match query.format.as_str() {
        "" | "html" => None,
        code => {
            Some(ReportFile::from_extension(code).ok_or(AppError::BadRequest("problem-query"))?)
        }
    };
    let compare_with = match query.compare.as_str() {
        "" => None,
        raw => Some(ReportId::parse(raw).ok_or(AppError::NotFound)?),
    };
    let for_db = id.clone();
    let reading = state
        .db(move |conn| {
            Ok(db::reports::find_issued(
                conn,
                &for_db,
                compare_with.as_ref(),
            )?)
        })
        .await?;
    if let Some(format) = format {
        let report = &reading.current.report;
        return download(&state, &who, report, (format, locale), id.as_str()).await;
    }
    render_issued((&state, &who), locale, &reading, &FieldErrors::new())
}

fn render_issued(
    (state, who): (&AppState, &SignedIn),
    locale: Locale,
    reading: &db::reports::IssuedForReading,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let marking = state.settings.reports.marking.as_str();
    let viewer = who.viewer(locale);
    let current = &reading.current;
    let compared = reading.compared.as_ref();
    let comparison = compared.map(|p| (&p.summary, compare(&current.report, &p.report)));
    let issued = Issued {
        summary: &current.summary,
        previous: comparison,
        others: &reading.others,
        deletion: who
            .actor
            .may(Permission::DeleteIssuedReports)
            .then_some(errors),
    };
    let download_base = format!("/reports/{}?", current.summary.id);
    let report = (&current.report, compared.map(|c| &c.report), marking);
    let markup = report_page(&viewer, report, &download_base, None, Some(issued));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html(status, markup))
}

#[derive(Deserialize)]
struct DeleteInput {
    #[serde(default)]
    confirm_delete: String,
}

#[post("/reports/{id}/delete")]
async fn delete_issued_report(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<DeleteInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::DeleteIssuedReports)?;
    let id = ReportId::parse(&path).ok_or(AppError::NotFound)?;
    if form.0.confirm_delete != "yes" {
        let for_db = id.clone();
        let reading = state
            .db(move |conn| Ok(db::reports::find_issued(conn, &for_db, None)?))
            .await?;
        let errors = FieldErrors::single("confirm_delete", FieldError::new("confirm-delete"));
        return render_issued((&state, &who), locale, &reading, &errors);
    }
    let acting = who.acting(&state);
    state
        .db(move |conn| actions::reports::delete(conn, &acting, &id)?.into_result())
        .await?;
    Ok(see_other("/reports?notice=deleted".to_owned()))
}
