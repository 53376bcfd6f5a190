//! The manager's dashboard at `/` (the same figures as JSON are in `api::dashboard`).

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use serde::Deserialize;

use super::signed_in::SignedIn;
use super::{AppState, html};
use crate::db;
use crate::db::dashboard::Dashboard;
use crate::domain::dashboard::{DashboardRules, DashboardScope};
use crate::domain::history::ChangeKind;
use crate::domain::listing::parse_page;
use crate::domain::{FieldErrors, ReferenceData};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::dashboard::{ChangesShown, DashboardShown, changes_page, dashboard_page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(dashboard_view).service(changes_view);
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

/// The page of changes as its address asks for it: a scope, a kind, a page.
#[derive(Deserialize, Default)]
struct ChangesQuery {
    #[serde(flatten)]
    scope: DashboardScope,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    page: String,
}

/// How many changes the page of changes shows at once.
const CHANGES_PAGE: u32 = 50;

/// Every change of the last seven days to irritants in scope, of one kind or all.
#[get("/changes")]
async fn changes_view(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<ChangesQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let mut errors = FieldErrors::new();
    let kind = match query.kind.trim() {
        "" => None,
        raw => errors.check("kind", ChangeKind::parse(raw)),
    };
    let page = errors.check("page", parse_page(&query.page));
    let (cache, rules) = (state.cache.clone(), state.list_rules());
    let scope = query.scope.clone();
    let found = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let filter = match scope.list_params().parse(&reference_data, rules) {
                Ok(filter) => filter,
                Err(problems) => return Ok(Err(problems)),
            };
            let since = db::now() - chrono::Duration::days(db::dashboard::RECENT_DAYS);
            let page = page.unwrap_or(1);
            Ok(Ok(db::dashboard::changes(
                conn,
                &filter,
                (since, kind),
                (page, CHANGES_PAGE),
            )?))
        })
        .await?;
    let (changes, total) = match found {
        Ok(found) if errors.is_empty() => found,
        Ok(_) => (Vec::new(), 0),
        Err(problems) => {
            errors.extend(problems);
            (Vec::new(), 0)
        }
    };
    let shown = ChangesShown {
        scope: &query.scope,
        kind: &query.kind,
        changes: &changes,
        total,
        page: page.unwrap_or(1),
        page_count: (total.max(0) as u32).div_ceil(CHANGES_PAGE).max(1),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html(
        status,
        changes_page(&who.viewer(locale), &shown, &errors),
    ))
}
