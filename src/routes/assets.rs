use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::{HttpResponse, get};

use crate::views::layout::{SCRIPT, STYLESHEET};

/// An asset whose URL carries a content hash: it may be cached for a year.
fn for_a_year(content_type: &str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(31_536_000),
        ]))
        .body(body)
}

/// The one stylesheet.
#[get("/static/app.css")]
pub async fn stylesheet() -> HttpResponse {
    for_a_year("text/css; charset=utf-8", STYLESHEET)
}

/// The one script.
#[get("/static/app.js")]
pub async fn script() -> HttpResponse {
    for_a_year("text/javascript; charset=utf-8", SCRIPT)
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
