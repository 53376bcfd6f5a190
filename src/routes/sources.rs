//! Source documents: the list, and each document with its statements in every language.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};

use super::session::SignedIn;
use super::{AppState, html};
use crate::db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::sources::{source_page, sources_page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(source_list).service(source_detail);
}

#[get("/sources")]
async fn source_list(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    let sources = state.db(|conn| Ok(db::sources::list(conn)?)).await?;
    Ok(html(
        StatusCode::OK,
        sources_page(&who.viewer(locale), &sources),
    ))
}

#[get("/sources/{id}")]
async fn source_detail(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let source = state
        .db(move |conn| Ok(db::sources::find(conn, &id)?))
        .await?;
    Ok(html(
        StatusCode::OK,
        source_page(&who.viewer(locale), &source),
    ))
}
