//! The dashboard in the API: the same figures, lists and charts' numbers as the page.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::dashboard::Dashboard;
use crate::domain::dashboard::{DashboardRules, DashboardScope};
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
        let counts = |rows: Vec<(Option<String>, i64)>| {
            rows.into_iter()
                .map(|(key, count)| CountJson { key, count })
                .collect()
        };
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
            by_status_and_rag: Status::ALL
                .iter()
                .flat_map(|status| {
                    [
                        None,
                        Some(Rag::OnTrack),
                        Some(Rag::AtRisk),
                        Some(Rag::OffTrack),
                    ]
                    .into_iter()
                    .map(move |rag| (*status, rag))
                })
                .map(|(status, rag)| StatusRagJson {
                    status: status.code(),
                    rag: rag.map(|r| r.code()),
                    count: dashboard.breakdown.by_status_and_rag(status, rag),
                })
                .collect(),
            active_by_sector: counts(
                breakdown
                    .active_by(|g| g.sector)
                    .into_iter()
                    .map(|(s, n)| (Some(s.code().to_owned()), n))
                    .collect(),
            ),
            active_by_department: counts(breakdown.active_by(|g| g.department.clone())),
            active_by_action_holder: counts(
                breakdown
                    .active_by(|g| g.action_holder)
                    .into_iter()
                    .map(|(a, n)| (Some(a.code().to_owned()), n))
                    .collect(),
            ),
            active_by_age: counts(
                dashboard
                    .ageing
                    .iter()
                    .map(|(band, n)| (Some(band.code().to_owned()), *n))
                    .collect(),
            ),
            weeks: dashboard
                .weeks
                .iter()
                .map(|w| WeekJson {
                    starts_on: w.starts_on,
                    opened: w.opened,
                    resolved: w.resolved,
                    set_aside: w.set_aside,
                    open_at_end: w.open_at_end,
                })
                .collect(),
            directives: dashboard
                .directives
                .iter()
                .map(|d| DirectiveJson {
                    source_id: d.source_id.clone(),
                    source_title: d.source_title.clone(),
                    issued_on: d.issued_on,
                    number: d.number,
                    irritants: d.total(),
                    resolved: d.with_status(Status::Resolved),
                    at_risk: d.active_with_rag(Rag::AtRisk),
                    off_track: d.active_with_rag(Rag::OffTrack),
                    by_status: Status::ALL
                        .iter()
                        .map(|s| CountJson {
                            key: Some(s.code().to_owned()),
                            count: d.with_status(*s),
                        })
                        .collect(),
                })
                .collect(),
            needs_attention: FigureJson {
                code: "needs_attention",
                count: dashboard.needs_attention.page.total,
                list: format!("/api/v1/irritants?{}", dashboard.needs_attention.list_query),
            },
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
