//! HTTP handlers, thin: read the request, call an action to change something or the database to
//! read it, pick a view or a JSON body.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod assets;
pub mod briefs;
pub mod bulk;
pub mod calendar;
pub mod client;
pub mod cookies;
pub mod dashboard;
pub mod exports;
pub mod extract;
pub mod health;
pub mod imports;
pub mod irritants;
pub mod language;
pub mod middleware;
pub mod notifications;
pub mod reports;
pub mod saved_views;
pub mod search;
pub mod signed_in;
pub mod sources;

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;

use crate::domain::dashboard::DashboardRules;
use crate::domain::listing::ListRules;
use maud::Markup;

use crate::config::Settings;
use crate::db::cache::RegisterCache;
use crate::db::{Backend, DbConnection, Pool};
use crate::domain::Reference;
use crate::domain::accounts::SecurityEvent;
use crate::error::AppError;

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub settings: Arc<Settings>,
    pub cache: Arc<RegisterCache>,
    /// Room for exports under way (see `exports::EXPORTS_AT_ONCE`).
    pub exports: Arc<tokio::sync::Semaphore>,
    /// The sessions and tokens whose last use is being recorded (see
    /// `middleware::authentication`).
    pub upkeep_in_flight: Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
}

impl AppState {
    /// Runs blocking database work on the blocking thread pool, never on an async worker.
    pub async fn db<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(|e| AppError::Unexpected(e.into()))?;
            work(&mut conn)
        })
        .await?
    }

    /// Runs a read of a few rows by key. On the embedded database, with a connection free at
    /// once, it runs in place: such a read takes microseconds and never waits for writers
    /// (WAL), while handing it to the blocking pool costs two thread switches, more than the
    /// read itself. Anything else goes to the blocking pool as usual.
    pub async fn db_key_read<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        if self.backend == Backend::Sqlite
            && let Some(mut conn) = self.pool.try_get()
        {
            return work(&mut conn);
        }
        self.db(work).await
    }

    /// Records in the security log an event that comes with no change of the register (a
    /// refused request, a failed sign-in, an export). A log that cannot be written is itself
    /// logged, but does not turn the request into a failure.
    pub async fn record_alone(&self, event: SecurityEvent) {
        let kind = event.kind;
        let outcome = self
            .db(move |conn| Ok(crate::actions::security_log::record(conn, &event)?))
            .await;
        if let Err(error) = outcome {
            tracing::error!(
                ?error,
                kind = kind.code(),
                "the security event was not recorded"
            );
        }
    }

    /// The local calendar day, against which deadlines are judged.
    pub fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }

    pub fn page_size(&self) -> u32 {
        self.settings.register.page_size
    }

    /// What the dashboard's figures are judged against, today.
    pub fn dashboard_rules(&self) -> DashboardRules {
        let register = &self.settings.register;
        DashboardRules {
            list: self.list_rules(),
            fiscal_year_start_month: register.fiscal_year_start_month,
            due_soon_days: register.due_soon_days,
        }
    }

    /// What lists judge "overdue" and "stale" against, today.
    pub fn list_rules(&self) -> ListRules {
        ListRules {
            today: self.today(),
            stale_after_days: self.settings.register.stale_after_days,
        }
    }
}

pub fn html(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

/// After a successful POST, the browser goes to the page that shows the result (so a reload
/// does not submit twice), with a short notice of what was done.
pub fn see_other(location: String) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location))
        .finish()
}

/// An address on this site, never another: a path that cannot be read as a host
/// (`//elsewhere`, `/\\elsewhere`) and holds no control characters.
pub fn local_path(path: &str) -> Option<&str> {
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(char::is_control);
    local.then_some(path)
}

/// The reference in an address; one that cannot be a reference names nothing there.
pub fn parse_reference(raw: &str) -> Result<Reference, AppError> {
    Reference::parse(raw).map_err(|_| AppError::NotFound)
}

/// The error for an outcome an action never gives where it was asked for (an "unchanged" from
/// recording something new, say): a mistake in this program, not in the request.
pub fn unexpected(what: &str) -> AppError {
    AppError::Unexpected(anyhow::anyhow!("{what} gave an outcome it never gives"))
}

/// The notice a page may show after a redirect (`?notice=saved`); each page knows its own.
#[derive(serde::Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    pub notice: String,
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz)
        .service(assets::stylesheet)
        .service(assets::script)
        .service(assets::favicon)
        .configure(accounts::configure)
        .configure(admin::configure)
        .configure(sources::configure)
        .configure(search::configure)
        .configure(dashboard::configure)
        .configure(exports::configure)
        .configure(calendar::configure)
        .configure(reports::configure)
        .configure(briefs::configure)
        .configure(api::configure)
        .configure(language::configure)
        .configure(notifications::configure)
        .configure(bulk::configure)
        .configure(imports::configure)
        .configure(saved_views::configure)
        .configure(irritants::configure);
}
