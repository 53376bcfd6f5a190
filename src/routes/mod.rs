//! HTTP handlers, thin: read the request, call the domain and the database, pick a view.

pub mod api;
pub mod assets;
pub mod extract;
pub mod health;
pub mod irritants;

use std::sync::Arc;

use actix_web::web;
use chrono::NaiveDate;

use crate::config::Settings;
use crate::db::cache::RegisterCache;
use crate::db::{Backend, DbConnection, Pool};
use crate::domain::Reference;
use crate::error::AppError;

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub settings: Arc<Settings>,
    /// The person changes are attributed to until sign-in exists.
    pub actor_id: Arc<str>,
    pub cache: Arc<RegisterCache>,
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

    /// The local calendar day, against which deadlines are judged.
    pub fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }

    pub fn page_size(&self) -> u32 {
        self.settings.register.page_size
    }
}

/// The reference in an address; one that cannot be a reference names nothing there.
pub fn parse_reference(raw: &str) -> Result<Reference, AppError> {
    Reference::parse(raw).map_err(|_| AppError::NotFound)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz)
        .service(assets::stylesheet)
        .configure(api::configure)
        .configure(irritants::configure);
}
