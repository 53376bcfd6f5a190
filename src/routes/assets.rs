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

/// Browsers ask for an icon on every site; there is none, and saying so (rather than sending
/// them to sign in, or a 404 page) lets them cache the answer for a day.
#[get("/favicon.ico")]
pub async fn favicon() -> HttpResponse {
    HttpResponse::NoContent()
        .insert_header(CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(86_400),
        ]))
        .finish()
}
