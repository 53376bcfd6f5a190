//! The language toggle: the same page in Canada's other official language, and the choice
//! remembered in a cookie for the pages that follow.

use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::Method;
use actix_web::http::header::{ACCEPT_LANGUAGE, REFERER};
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;

use super::cookies::session_cookie_name;
use super::{AppState, local_path, see_other};
use crate::actions;
use crate::error::AppError;
use crate::i18n::Locale;

/// The cookie that remembers the language chosen with the toggle.
pub const LANGUAGE_COOKIE: &str = "irritrack-language";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(choose_language);
}

/// The language of a request: the one chosen with the toggle, else the browser's preference
/// on a first visit, else English.
pub fn request_locale(req: &HttpRequest) -> Locale {
    req.cookie(LANGUAGE_COOKIE)
        .and_then(|cookie| Locale::from_code(cookie.value()))
        .or_else(|| {
            req.headers()
                .get(ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(Locale::negotiate)
        })
        .unwrap_or_default()
}

/// The page the toggle should come back to. For a page that answered a form (a POST), that is
/// the page the form was on, as the browser's `Referer` names it when it is one of ours.
pub fn page_address(req: &HttpRequest) -> String {
    if req.path() == "/language" {
        // A refused choice: the other language's toggle starts afresh.
        return "/".to_owned();
    }
    if req.method() == Method::GET || req.method() == Method::HEAD {
        // Without a notice of what was just done ("saved"), which would show again.
        let query: Vec<&str> = req
            .query_string()
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("notice="))
            .collect();
        return match query.as_slice() {
            [] => req.path().to_owned(),
            pairs => format!("{}?{}", req.path(), pairs.join("&")),
        };
    }
    let host = req.connection_info().host().to_owned();
    req.headers()
        .get(REFERER)
        .and_then(|value| value.to_str().ok())
        .and_then(|referer| referer.split_once("://"))
        .and_then(|(_, rest)| rest.strip_prefix(host.as_str()))
        .and_then(local_path)
        .unwrap_or_else(|| req.path())
        .to_owned()
}

#[derive(Deserialize)]
struct LanguageChoice {
    #[serde(default)]
    to: String,
    #[serde(default)]
    back: String,
}

/// Shows the page in the other language, and remembers the choice: in a cookie for the pages,
/// and, for someone signed in, as the language of their e-mail.
#[get("/language")]
async fn choose_language(
    state: web::Data<AppState>,
    req: HttpRequest,
    choice: web::Query<LanguageChoice>,
) -> Result<HttpResponse, AppError> {
    let locale =
        Locale::from_code(&choice.to).ok_or(AppError::BadRequest("problem-language-unknown"))?;
    let session = req.cookie(session_cookie_name(&state.settings.security));
    if let Some(session) = session.map(|c| crate::auth::digest(c.value())) {
        let code = locale.code();
        state
            .db(move |conn| {
                if let Some(found) = crate::db::accounts::find_session(conn, &session)? {
                    let _ = actions::notifications::remember_language(conn, &found.actor.id, code)?;
                }
                Ok(())
            })
            .await?;
    }
    let cookie = Cookie::build(LANGUAGE_COOKIE, locale.code())
        .path("/")
        .max_age(Duration::days(365))
        .http_only(true)
        .secure(state.settings.security.secure_cookies)
        .same_site(SameSite::Lax)
        .finish();
    let mut response = see_other(local_path(&choice.back).unwrap_or("/").to_owned());
    response.add_cookie(&cookie).ok();
    Ok(response)
}
