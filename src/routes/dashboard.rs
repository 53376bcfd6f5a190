//! The manager's dashboard at `/` (the same figures as JSON are in `api::dashboard`).

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};

use super::signed_in::SignedIn;
use super::{AppState, html};
use crate::db;
use crate::db::dashboard::Dashboard;
use crate::domain::dashboard::{DashboardRules, DashboardScope};
use crate::domain::{FieldErrors, ReferenceData};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::dashboard::{DashboardShown, dashboard_page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(dashboard_view);
}

/// The dashboard for the scope asked for, as the signed-in person sees it.
pub(super) async fn load(
    state: &AppState,
    who: &SignedIn,
    scope: DashboardScope,
    rules: DashboardRules,
) -> Result<(Arc<ReferenceData>, Result<Dashboard, FieldErrors>), AppError> {
    let cache = state.cache.clone();
    let person = who.actor.id.clone();
    state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let loaded =
                db::dashboard::load(conn, &cache, &reference_data, (&scope, rules), &person)?;
            Ok((reference_data, loaded))
        })
        .await
}

#[get("/")]
async fn dashboard_view(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<DashboardScope>,
) -> Result<HttpResponse, AppError> {
    let scope = query.into_inner();
    // Judged against one day throughout, even across midnight.
    let rules = state.dashboard_rules();
    let (reference_data, loaded) = load(&state, &who, scope.clone(), rules).await?;
    let shown = DashboardShown {
        scope: &scope,
        rules,
        reference_data: &reference_data,
    };
    let viewer = who.viewer(locale);
    Ok(match loaded {
        Ok(loaded) => html(StatusCode::OK, dashboard_page(&viewer, &shown, Ok(&loaded))),
        Err(errors) => html(
            StatusCode::UNPROCESSABLE_ENTITY,
            dashboard_page(&viewer, &shown, Err(&errors)),
        ),
    })
}
