//! Who is asking: sessions (browsers) and API tokens (scripts), checked on every request before
//! any handler runs. Nothing is reachable without one except the sign-in page, the health check
//! and the stylesheet; each handler then asks for the permission its work needs.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use chrono::TimeDelta;
use tracing::Instrument;

use super::cross_site::is_unsafe;
use crate::auth;
use crate::db;
use crate::domain::accounts::SessionState;
use crate::domain::ids::TokenId;
use crate::error::AppError;
use crate::routes::AppState;
use crate::routes::client::client_ip;
use crate::routes::cookies::{expired_cookie, session_cookie_name};
use crate::routes::signed_in::{Credential, SignedIn};

/// How many saved views the navigation names; the page of views lists them all.
const NAVIGATION_VIEWS: i64 = 12;

/// Paths anyone may reach: signing in, the health check for load balancers, the stylesheet
/// and the (absent) icon; and the calendar feed, whose secret key in its address is its
/// credential (calendar programs cannot sign in).
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/login" | "/healthz" | "/favicon.ico" | "/calendar.ics" | "/language" | "/unsubscribe"
    ) || path.starts_with("/static/")
}

/// What someone who must replace a one-time password may still reach.
fn is_allowed_before_password_change(path: &str) -> bool {
    path == "/account/password" || path == "/logout"
}

pub(super) fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// Where the browser goes to sign in, coming back afterwards to the page it asked for.
fn sign_in_redirect(req: &HttpRequest, reason: Option<&str>) -> HttpResponse {
    let mut location = String::from("/login");
    let mut query = Vec::new();
    if req.method() == Method::GET {
        let wanted = match req.query_string() {
            "" => req.path().to_owned(),
            q => format!("{}?{q}", req.path()),
        };
        if wanted != "/" {
            query.push(("next", wanted));
        }
    }
    if let Some(reason) = reason {
        query.push(("reason", reason.to_owned()));
    }
    if !query.is_empty() {
        location.push('?');
        location.push_str(&serde_urlencoded::to_string(&query).unwrap_or_default());
    }
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// What the presented credential turned out to be.
enum Resolution {
    SignedIn {
        signed: Box<SignedIn>,
        must_change_password: bool,
    },
    /// A session that has lapsed (idle or too old); it is ended.
    Lapsed,
    None,
}

/// A write that reading a credential calls for.
enum Upkeep {
    TouchToken(TokenId),
    TouchSession(String),
    EndSession(String),
}

/// Finds who a token or session cookie stands for. The lookup is a read by key; recording the
/// use of a token or session (at most once a minute) and ending a lapsed session are writes,
/// done apart on the blocking pool while the request goes on (see [`keep_up`]).
async fn resolve(
    state: &AppState,
    bearer: Option<String>,
    session_id: Option<String>,
    shows_page: bool,
) -> Result<Resolution, AppError> {
    let policy = state.settings.security.session_policy();
    let (resolution, upkeep) = state
        .db_key_read(move |conn| {
            let now = db::now();
            if let Some(token) = bearer {
                let Some((actor, token_id, last_used)) =
                    db::accounts::find_token(conn, &auth::digest(&token))?
                else {
                    return Ok((Resolution::None, None));
                };
                let touch = last_used.is_none_or(|at| now - at > TimeDelta::minutes(1));
                let signed = SignedIn {
                    actor,
                    credential: Credential::ApiToken,
                    here: String::new(),
                    ip: String::new(),
                    unread: 0,
                    views: Vec::new(),
                };
                let resolution = Resolution::SignedIn {
                    signed: Box::new(signed),
                    must_change_password: false,
                };
                return Ok((resolution, touch.then_some(Upkeep::TouchToken(token_id))));
            }
            let Some(id) = session_id else {
                return Ok((Resolution::None, None));
            };
            let digest = auth::digest(&id);
            let Some(session) = db::accounts::find_session(conn, &digest)? else {
                return Ok((Resolution::None, None));
            };
            let touch = match policy.state(session.created_at, session.last_seen_at, now) {
                SessionState::Lapsed => {
                    return Ok((Resolution::Lapsed, Some(Upkeep::EndSession(digest))));
                }
                SessionState::Live { touch } => touch,
            };
            let upkeep = touch.then(|| Upkeep::TouchSession(digest.clone()));
            // Every page's header shows it (a refused form's page too); the API does not.
            let (unread, views) = if shows_page {
                let person = &session.actor.id;
                (
                    db::notifications::unread_count(conn, person)?,
                    db::saved_views::in_navigation(conn, person, NAVIGATION_VIEWS)?,
                )
            } else {
                (0, Vec::new())
            };
            let signed = SignedIn {
                unread,
                views,
                actor: session.actor,
                credential: Credential::Session {
                    digest,
                    csrf: session.csrf_token,
                },
                here: String::new(),
                ip: String::new(),
            };
            let resolution = Resolution::SignedIn {
                signed: Box::new(signed),
                must_change_password: session.must_change_password,
            };
            Ok((resolution, upkeep))
        })
        .await?;
    if let Some(upkeep) = upkeep {
        keep_up(state.clone(), upkeep);
    }
    Ok(resolution)
}

/// The most bookkeeping writes under way at once: each holds a connection of the pool, which
/// the requests themselves need. Beyond it a touch is skipped; the next request tries again.
const UPKEEP_AT_ONCE: usize = 8;

/// Writes what reading a credential called for without making the request wait: such a
/// write is bookkeeping, not a change of the register, and may queue behind another writer.
/// One write per session or token at a time: the requests that arrive with it meanwhile do
/// not add their own.
fn keep_up(state: AppState, upkeep: Upkeep) {
    let key = match &upkeep {
        Upkeep::TouchToken(id) => id.to_string(),
        Upkeep::TouchSession(digest) | Upkeep::EndSession(digest) => digest.clone(),
    };
    {
        let Ok(mut in_flight) = state.upkeep_in_flight.lock() else {
            return;
        };
        if in_flight.len() >= UPKEEP_AT_ONCE || !in_flight.insert(key.clone()) {
            return;
        }
    }
    let span = tracing::Span::current();
    actix_web::rt::spawn(
        async move {
            let outcome = state
                .db(move |conn| {
                    match upkeep {
                        Upkeep::TouchToken(id) => db::accounts::touch_token(conn, &id)?,
                        Upkeep::TouchSession(digest) => db::accounts::touch_session(conn, &digest)?,
                        Upkeep::EndSession(digest) => db::accounts::end_session(conn, &digest)?,
                    }
                    Ok(())
                })
                .await;
            if let Ok(mut in_flight) = state.upkeep_in_flight.lock() {
                in_flight.remove(&key);
            }
            // The request was answered correctly without it; the next one will try again.
            if let Err(error) = outcome {
                tracing::warn!(?error, "recording a session's or token's use failed");
            }
        }
        .instrument(span),
    );
}

/// Finds who is asking and refuses what they may not reach. Refusals are returned as responses
/// carrying their error, never as errors, so that the error page, the security log and the
/// security headers take them like any other response.
pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .expect("the application state is registered")
        .clone();
    let security = &state.settings.security;
    let path = req.path().to_owned();
    let is_api = path.starts_with("/api/");
    let bearer = bearer_token(req.request());
    if is_public(&path) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let cookie_name = session_cookie_name(security);
    let session_id = req.cookie(cookie_name).map(|c| c.value().to_owned());
    // A cookie may read the API (a signed-in person following a link to it), but changes
    // through the API need a token: no browser sends one by itself, so no other site can
    // make a signed-in browser change anything that way.
    let session_id = session_id.filter(|_| !(is_api && is_unsafe(req.method())));
    let had_session = session_id.is_some();
    let shows_page = !is_api;
    let resolution = match resolve(&state, bearer, session_id, shows_page).await {
        Ok(resolution) => resolution,
        Err(error) => return Ok(req.error_response(error)),
    };
    let (signed, must_change_password) = match resolution {
        Resolution::SignedIn {
            signed,
            must_change_password,
        } => (*signed, must_change_password),
        _ if is_api => return Ok(req.error_response(AppError::Unauthorized)),
        _ => {
            let mut response = sign_in_redirect(req.request(), had_session.then_some("expired"));
            // A cookie that names no session is of no further use.
            if had_session {
                response
                    .add_cookie(&expired_cookie(cookie_name, security))
                    .ok();
            }
            let (request, _) = req.into_parts();
            return Ok(ServiceResponse::new(request, response));
        }
    };
    if must_change_password && !is_allowed_before_password_change(&path) {
        if is_api {
            // Known, though refused: the security log says who.
            req.extensions_mut().insert(signed);
            return Ok(req.error_response(AppError::Forbidden("problem-password-change")));
        }
        let (request, _) = req.into_parts();
        let response = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/account/password"))
            .finish();
        return Ok(ServiceResponse::new(request, response));
    }
    let signed = SignedIn {
        here: crate::routes::language::page_address(req.request()),
        ip: client_ip(req.request(), security),
        ..signed
    };
    req.extensions_mut().insert(signed);
    Ok(next.call(req).await?.map_into_boxed_body())
}
