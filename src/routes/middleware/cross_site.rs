//! Changes from other sites: a browser form posted from another site is refused before anyone
//! is looked up. Scripts with a token are not browsers and are not asked.

use actix_web::HttpRequest;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;

use super::authentication::bearer_token;
use crate::error::AppError;

/// Refuses a change (any method but GET, HEAD and OPTIONS) that a browser says comes from
/// another site, unless it carries an API token.
pub async fn refuse_cross_site(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if is_unsafe(req.method())
        && bearer_token(req.request()).is_none()
        && is_cross_site(req.request())
    {
        return Ok(req.error_response(AppError::Forbidden("problem-cross-site")));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

pub(super) fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether a browser says the request came from another site. Browsers send `Sec-Fetch-Site`
/// and `Origin` with form submissions; a request with neither is not from a browser page.
fn is_cross_site(req: &HttpRequest) -> bool {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    match header("origin") {
        None => false,
        Some(origin) => {
            let info = req.connection_info();
            let own = format!("{}://{}", info.scheme(), info.host());
            !origin.eq_ignore_ascii_case(&own)
        }
    }
}
