//! The dashboard in the API: the same figures, lists and charts' numbers as the page.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::dashboard::{Dashboard, DirectiveProgress};
use crate::domain::dashboard::{Breakdown, DashboardRules, DashboardScope, Week};
use crate::domain::{Rag, Status};
use crate::error::AppError;
use crate::routes::AppState;
use crate::routes::dashboard::load;
use crate::routes::signed_in::SignedIn;

/// One headline figure in the API.
#[derive(Serialize, ToSchema)]
pub struct FigureJson {
    #[schema(example = "overdue")]
    code: &'static str,
    count: i64,
    /// The irritant list behind the figure, with the same filters.
    #[schema(example = "/api/v1/irritants?overdue=target")]
    list: String,
}

/// A count of irritants under a label: a code, or null for irritants without a value.
#[derive(Serialize, ToSchema)]
pub struct CountJson {
    key: Option<String>,
    count: i64,
}

/// Irritants of one status with one RAG (null: no progress update yet).
#[derive(Serialize, ToSchema)]
pub struct StatusRagJson {
    status: &'static str,
    rag: Option<&'static str>,
    count: i64,
}

/// One week of the portfolio.
#[derive(Serialize, ToSchema)]
pub struct WeekJson {
    /// Its Monday.
    starts_on: chrono::NaiveDate,
    /// Opened, or reopened.
    opened: i64,
    resolved: i64,
    /// Made dormant or closed.
    set_aside: i64,
    open_at_end: i64,
}

/// A directive and the irritants it mandates, by status.
#[derive(Serialize, ToSchema)]
pub struct DirectiveJson {
    source_id: String,
    source_title: String,
    /// The document's title for French readers, when its own is not French; empty if none.
    source_title_fr: String,
    issued_on: Option<chrono::NaiveDate>,
    number: u32,
    irritants: i64,
    resolved: i64,
    at_risk: i64,
    off_track: i64,
    by_status: Vec<CountJson>,
}

/// The dashboard's figures and charts within the scope asked for.
#[derive(Serialize, ToSchema)]
pub struct DashboardJson {
    figures: Vec<FigureJson>,
    fiscal_year_from: chrono::NaiveDate,
    fiscal_year_to: chrono::NaiveDate,
    by_status_and_rag: Vec<StatusRagJson>,
    /// Open or partly resolved irritants only, as in the charts that follow.
    active_by_sector: Vec<CountJson>,
    active_by_department: Vec<CountJson>,
    active_by_action_holder: Vec<CountJson>,
    active_by_age: Vec<CountJson>,
    weeks: Vec<WeekJson>,
    directives: Vec<DirectiveJson>,
    /// How many irritants need attention, and the list of them.
    needs_attention: FigureJson,
}

impl DashboardJson {
    fn new(dashboard: &Dashboard, rules: DashboardRules) -> Self {
        let (fiscal_year_from, fiscal_year_to) = rules.fiscal_year();
        let breakdown = &dashboard.breakdown;
        Self {
            figures: dashboard
                .figures
                .iter()
                .map(|counted| FigureJson {
                    code: counted.figure.code(),
                    count: counted.count,
                    list: format!("/api/v1/irritants?{}", counted.list_query),
                })
                .collect(),
            fiscal_year_from,
            fiscal_year_to,
            by_status_and_rag: by_status_and_rag(breakdown),
            active_by_sector: coded(breakdown.active_by(|g| g.sector), |s| s.code()),
            active_by_department: counts(breakdown.active_by(|g| g.department.clone())),
            active_by_action_holder: coded(breakdown.active_by(|g| g.action_holder), |a| a.code()),
            active_by_age: coded(dashboard.ageing.clone(), |band| band.code()),
            weeks: dashboard.weeks.iter().map(WeekJson::from).collect(),
            directives: dashboard
                .directives
                .iter()
                .map(DirectiveJson::from)
                .collect(),
            needs_attention: FigureJson {
                code: "needs_attention",
                count: dashboard.needs_attention.page.total,
                list: format!("/api/v1/irritants?{}", dashboard.needs_attention.list_query),
            },
        }
    }
}

fn counts(rows: Vec<(Option<String>, i64)>) -> Vec<CountJson> {
    rows.into_iter()
        .map(|(key, count)| CountJson { key, count })
        .collect()
}

/// Counts keyed by a vocabulary's codes.
fn coded<T>(rows: Vec<(T, i64)>, code: impl Fn(&T) -> &'static str) -> Vec<CountJson> {
    let keyed = rows
        .into_iter()
        .map(|(key, n)| (Some(code(&key).to_owned()), n));
    counts(keyed.collect())
}

/// Every status with every RAG (and none), counted.
fn by_status_and_rag(breakdown: &Breakdown) -> Vec<StatusRagJson> {
    let rags = [
        None,
        Some(Rag::OnTrack),
        Some(Rag::AtRisk),
        Some(Rag::OffTrack),
    ];
    Status::ALL
        .iter()
        .flat_map(|status| rags.into_iter().map(move |rag| (*status, rag)))
        .map(|(status, rag)| StatusRagJson {
            status: status.code(),
            rag: rag.map(|r| r.code()),
            count: breakdown.by_status_and_rag(status, rag),
        })
        .collect()
}

impl From<&Week> for WeekJson {
    fn from(week: &Week) -> Self {
        WeekJson {
            starts_on: week.starts_on,
            opened: week.opened,
            resolved: week.resolved,
            set_aside: week.set_aside,
            open_at_end: week.open_at_end,
        }
    }
}

impl From<&DirectiveProgress> for DirectiveJson {
    fn from(directive: &DirectiveProgress) -> Self {
        DirectiveJson {
            source_id: directive.source_id.clone(),
            source_title: directive.source_title.text.clone(),
            source_title_fr: directive.source_title.french.clone(),
            issued_on: directive.issued_on,
            number: directive.number,
            irritants: directive.total(),
            resolved: directive.with_status(Status::Resolved),
            at_risk: directive.active_with_rag(Rag::AtRisk),
            off_track: directive.active_with_rag(Rag::OffTrack),
            by_status: Status::ALL
                .iter()
                .map(|s| CountJson {
                    key: Some(s.code().to_owned()),
                    count: directive.with_status(*s),
                })
                .collect(),
        }
    }
}

#[utoipa::path(
    get, path = "/api/v1/dashboard", tag = "dashboard",
    params(
        ("counterpart" = Option<String>, Query), ("sector" = Option<String>, Query),
        ("department" = Option<String>, Query), ("priority" = Option<String>, Query)
    ),
    responses((status = 200, body = DashboardJson), (status = 422, body = super::ErrorBody))
)]
#[get("/dashboard")]
pub async fn api_dashboard(
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<DashboardScope>,
) -> Result<HttpResponse, AppError> {
    let rules = state.dashboard_rules();
    let (_, loaded) = load(&state, &who, query.into_inner(), rules).await?;
    let loaded = loaded.map_err(AppError::Invalid)?;
    Ok(HttpResponse::Ok().json(DashboardJson::new(&loaded, rules)))
}
