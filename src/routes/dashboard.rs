//! The manager's dashboard at `/`, and the same figures as JSON.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::session::SignedIn;
use super::{AppState, html};
use crate::db;
use crate::domain::dashboard::{DashboardScope, Figure};
use crate::domain::{FieldErrors, ReferenceData};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::dashboard::dashboard_page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(dashboard);
}

/// A headline figure: how many irritants, and the list that shows exactly those.
#[derive(Debug, Clone)]
pub struct Counted {
    pub figure: Figure,
    pub count: i64,
    /// The query string of the irritant list behind the figure.
    pub list_query: String,
}

/// Counts every figure within the scope; a scope that cannot be read comes back as problems
/// with its fields.
pub(super) async fn count_figures(
    state: &AppState,
    scope: DashboardScope,
) -> Result<(Arc<ReferenceData>, Result<Vec<Counted>, FieldErrors>), AppError> {
    let (cache, rules) = (state.cache.clone(), state.dashboard_rules());
    state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let mut counted = Vec::new();
            for &figure in Figure::ALL {
                let params = figure.list_params(&scope, rules);
                let filter = match params.parse(&reference_data, rules.list) {
                    Ok(filter) => filter,
                    Err(errors) => return Ok((reference_data, Err(errors))),
                };
                counted.push(Counted {
                    figure,
                    count: db::irritants::count_matching(conn, &cache, &filter)?,
                    list_query: filter.canonical_params("").to_query_string(),
                });
            }
            Ok((reference_data, Ok(counted)))
        })
        .await
}

#[get("/")]
async fn dashboard(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<DashboardScope>,
) -> Result<HttpResponse, AppError> {
    let scope = query.into_inner();
    let (reference_data, counted) = count_figures(&state, scope.clone()).await?;
    let rules = state.dashboard_rules();
    let viewer = who.viewer(locale);
    Ok(match counted {
        Ok(figures) => html(
            StatusCode::OK,
            dashboard_page(
                &viewer,
                &scope,
                &FieldErrors::new(),
                &figures,
                &reference_data,
                rules,
            ),
        ),
        Err(errors) => html(
            StatusCode::UNPROCESSABLE_ENTITY,
            dashboard_page(&viewer, &scope, &errors, &[], &reference_data, rules),
        ),
    })
}

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

/// The dashboard's figures within the scope asked for.
#[derive(Serialize, ToSchema)]
pub struct DashboardJson {
    figures: Vec<FigureJson>,
    fiscal_year_from: chrono::NaiveDate,
    fiscal_year_to: chrono::NaiveDate,
}

#[utoipa::path(
    get, path = "/api/v1/dashboard", tag = "dashboard",
    params(
        ("counterpart" = Option<String>, Query), ("sector" = Option<String>, Query),
        ("department" = Option<String>, Query), ("priority" = Option<String>, Query)
    ),
    responses((status = 200, body = DashboardJson), (status = 422, body = super::api::ErrorBody))
)]
#[get("/dashboard")]
pub async fn api_dashboard(
    state: web::Data<AppState>,
    _signed_in: SignedIn,
    query: web::Query<DashboardScope>,
) -> Result<HttpResponse, AppError> {
    let (_, counted) = count_figures(&state, query.into_inner()).await?;
    let figures = counted.map_err(AppError::Invalid)?;
    let (from, to) = state.dashboard_rules().fiscal_year();
    Ok(HttpResponse::Ok().json(DashboardJson {
        figures: figures
            .into_iter()
            .map(|counted| FigureJson {
                code: counted.figure.code(),
                count: counted.count,
                list: format!("/api/v1/irritants?{}", counted.list_query),
            })
            .collect(),
        fiscal_year_from: from,
        fiscal_year_to: to,
    }))
}
