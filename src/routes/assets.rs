use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::{HttpResponse, get};

use crate::views::layout::STYLESHEET;

/// The one stylesheet. Its URL carries a content hash, so it may be cached for a year.
#[get("/static/app.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(31_536_000),
        ]))
        .body(STYLESHEET)
}
