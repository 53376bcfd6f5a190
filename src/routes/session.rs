//! Who is asking: sessions (browsers) and API tokens (scripts), checked on every request before
//! any handler runs. Nothing is reachable without one except the sign-in page, the health check
//! and the stylesheet; each handler then asks for the permission its work needs.

use std::future::{Ready, ready};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, web};
use chrono::TimeDelta;

use super::AppState;
use crate::auth;
use crate::config::SecuritySettings;
use crate::db;
use crate::domain::accounts::{
    Actor, EventDetail, Permission, SecurityEvent, SecurityEventKind, SessionState,
};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::Viewer;

/// How a request proved who it is for.
#[derive(Clone)]
pub enum Credential {
    /// A browser session: the digest of its id (the id itself stays in the cookie) and the
    /// token its forms must carry.
    Session {
        digest: String,
        csrf: String,
    },
    ApiToken,
}

/// Never prints the secrets, so that no log line can leak them.
impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Credential::Session { .. } => "Session(..)",
            Credential::ApiToken => "ApiToken",
        })
    }
}

/// The signed-in person a request acts for, and how they signed in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub actor: Actor,
    pub credential: Credential,
    /// The page asked for, which the language toggle comes back to.
    pub here: String,
    /// The client's network address (see [`client_ip`]).
    pub ip: String,
}

impl SignedIn {
    /// This person acting today, for the action layer.
    pub fn acting(&self, today: chrono::NaiveDate) -> crate::actions::Acting {
        crate::actions::Acting {
            actor: self.actor.clone(),
            ip: self.ip.clone(),
            today,
        }
    }

    /// Refuses the request unless the person's role holds `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.actor.may(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden("problem-forbidden"))
        }
    }

    /// The digest of the session's id, for a browser session.
    pub fn session_digest(&self) -> Option<&str> {
        match &self.credential {
            Credential::Session { digest, .. } => Some(digest),
            Credential::ApiToken => None,
        }
    }

    /// The token this session's forms must carry; none for an API token.
    pub fn form_token(&self) -> Option<&str> {
        match &self.credential {
            Credential::Session { csrf, .. } => Some(csrf),
            Credential::ApiToken => None,
        }
    }

    /// What pages need to know of the person reading them.
    pub fn viewer(&self, locale: Locale) -> Viewer<'_> {
        Viewer {
            locale,
            actor: &self.actor,
            csrf: self.form_token().unwrap_or_default(),
            here: &self.here,
        }
    }
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<SignedIn>()
                .cloned()
                .ok_or(AppError::Unauthorized),
        )
    }
}

/// The session cookie's name. With `Secure`, the `__Host-` prefix also makes browsers refuse a
/// cookie of that name set by another subdomain or over plain HTTP.
pub fn session_cookie_name(security: &SecuritySettings) -> &'static str {
    if security.secure_cookies {
        "__Host-irritrack-session"
    } else {
        "irritrack-session"
    }
}

/// The cookie that protects the sign-in form itself from cross-site submission, before there
/// is a session to hold a form token.
pub fn sign_in_cookie_name(security: &SecuritySettings) -> &'static str {
    if security.secure_cookies {
        "__Host-irritrack-sign-in"
    } else {
        "irritrack-sign-in"
    }
}

/// A cookie only this application's pages can read or send.
pub fn private_cookie<'c>(name: &'c str, value: String, security: &SecuritySettings) -> Cookie<'c> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .secure(security.secure_cookies)
        .same_site(SameSite::Lax)
        .finish()
}

/// Clears a cookie set by `private_cookie`.
pub fn expired_cookie<'c>(name: &'c str, security: &SecuritySettings) -> Cookie<'c> {
    let mut cookie = private_cookie(name, String::new(), security);
    cookie.make_removal();
    cookie
}

/// The client's network address, for the security log and sign-in limits. Behind a proxy
/// named in `client_ip_header`, the last entry of the last such header: the address the proxy
/// saw, not whatever a client wrote in front of it. An IPv6 client counts as its /64 network,
/// which one client can change at will within.
pub fn client_ip(req: &HttpRequest, security: &SecuritySettings) -> String {
    let from_proxy = (!security.client_ip_header.is_empty())
        .then(|| {
            req.headers()
                .get_all(security.client_ip_header.as_str())
                .last()
        })
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(parse_address);
    let address = from_proxy.or_else(|| req.peer_addr().map(|a| a.ip()));
    address.map(network_of).unwrap_or_default()
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:443`.
fn parse_address(raw: &str) -> Option<std::net::IpAddr> {
    let raw = raw.trim();
    raw.parse()
        .ok()
        .or_else(|| raw.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

/// What sign-in limits count by: an IPv4 address, or an IPv6 /64 network.
fn network_of(address: std::net::IpAddr) -> String {
    match address.to_canonical() {
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        v4 => v4.to_string(),
    }
}

/// Paths anyone may reach: signing in, the health check for load balancers, the stylesheet
/// and the (absent) icon; and the calendar feed, whose secret key in its address is its
/// credential (calendar programs cannot sign in).
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/login" | "/healthz" | "/favicon.ico" | "/calendar.ics" | "/language"
    ) || path.starts_with("/static/")
}

/// What someone who must replace a one-time password may still reach.
fn is_allowed_before_password_change(path: &str) -> bool {
    path == "/account/password" || path == "/logout"
}

fn is_unsafe(method: &Method) -> bool {
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

fn bearer_token(req: &HttpRequest) -> Option<String> {
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
        signed: SignedIn,
        must_change_password: bool,
    },
    /// A session that has lapsed (idle or too old); it is ended.
    Lapsed,
    None,
}

/// A write that reading a credential calls for.
enum Upkeep {
    TouchToken(String),
    TouchSession(String),
    EndSession(String),
}

/// Finds who a token or session cookie stands for. The lookup is a read by key; recording the
/// use of a token or session (at most once a minute) and ending a lapsed session are writes,
/// done apart on the blocking pool.
async fn resolve(
    state: &AppState,
    bearer: Option<String>,
    session_id: Option<String>,
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
                };
                let resolution = Resolution::SignedIn {
                    signed,
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
            let signed = SignedIn {
                actor: session.actor,
                credential: Credential::Session {
                    digest,
                    csrf: session.csrf_token,
                },
                here: String::new(),
                ip: String::new(),
            };
            let resolution = Resolution::SignedIn {
                signed,
                must_change_password: session.must_change_password,
            };
            Ok((resolution, upkeep))
        })
        .await?;
    if let Some(upkeep) = upkeep {
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
        // The request was answered correctly without it; the next one will try again.
        if let Err(error) = outcome {
            tracing::warn!(?error, "recording a session's or token's use failed");
        }
    }
    Ok(resolution)
}

/// Finds who is asking, refuses what they may not reach, and records refusals. Refusals are
/// returned as responses carrying their error, never as errors, so that the error page and
/// the security headers are added to them like to any other response.
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
    if is_unsafe(req.method()) && bearer.is_none() && is_cross_site(req.request()) {
        let response = req.error_response(AppError::Forbidden("problem-cross-site"));
        record_refusal(&state, &response, None).await;
        return Ok(response);
    }
    if is_public(&path) {
        let response = next.call(req).await?.map_into_boxed_body();
        record_refusal(&state, &response, None).await;
        return Ok(response);
    }
    let cookie_name = session_cookie_name(security);
    let session_id = req.cookie(cookie_name).map(|c| c.value().to_owned());
    // A cookie may read the API (a signed-in person following a link to it), but changes
    // through the API need a token: no browser sends one by itself, so no other site can
    // make a signed-in browser change anything that way.
    let session_id = session_id.filter(|_| !(is_api && is_unsafe(req.method())));
    let had_session = session_id.is_some();
    let resolution = match resolve(&state, bearer, session_id).await {
        Ok(resolution) => resolution,
        Err(error) => return Ok(req.error_response(error)),
    };
    let (signed, must_change_password) = match resolution {
        Resolution::SignedIn {
            signed,
            must_change_password,
        } => (signed, must_change_password),
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
            let response = req.error_response(AppError::Forbidden("problem-password-change"));
            record_refusal(&state, &response, Some(signed.actor.id.clone())).await;
            return Ok(response);
        }
        let (request, _) = req.into_parts();
        let response = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/account/password"))
            .finish();
        return Ok(ServiceResponse::new(request, response));
    }
    let actor_id = signed.actor.id.clone();
    let signed = SignedIn {
        here: super::language::page_address(req.request()),
        ip: client_ip(req.request(), security),
        ..signed
    };
    req.extensions_mut().insert(signed);
    let response = next.call(req).await?.map_into_boxed_body();
    record_refusal(&state, &response, Some(actor_id)).await;
    Ok(response)
}

/// Records a 403 that a handler or an extractor gave.
async fn record_refusal(
    state: &AppState,
    response: &ServiceResponse<BoxBody>,
    actor_id: Option<String>,
) {
    if response.status() != StatusCode::FORBIDDEN {
        return;
    }
    let path = response.request().path().to_owned();
    let ip = client_ip(response.request(), &state.settings.security);
    let detail = response
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
        .map_or("", AppError::message_key);
    let event = SecurityEvent {
        kind: SecurityEventKind::AccessRefused,
        actor_id,
        subject: path,
        ip,
        detail: if detail.is_empty() {
            EventDetail::None
        } else {
            EventDetail::message(detail, &[])
        },
    };
    state.record_alone(event).await;
}

/// Headers every response carries, pages, API answers and errors alike.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let hsts = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.settings.security.hsts);
    let mut response = next.call(req).await?.map_into_boxed_body();
    let headers = response.headers_mut();
    let fixed = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // Pages hold negotiating positions: no shared or browser cache may keep them.
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_from_proxies_are_read_as_networks() {
        let net = |raw: &str| parse_address(raw).map(network_of);
        assert_eq!(net("203.0.113.7").as_deref(), Some("203.0.113.7"));
        assert_eq!(net("203.0.113.7:51234").as_deref(), Some("203.0.113.7"));
        assert_eq!(net("::ffff:203.0.113.7").as_deref(), Some("203.0.113.7"));
        assert_eq!(
            net("[2001:db8:1:2:3::9]:443").as_deref(),
            Some("2001:db8:1:2::/64")
        );
        assert_eq!(
            net("2001:db8:1:2:ffff::1").as_deref(),
            Some("2001:db8:1:2::/64")
        );
        assert_eq!(net("unknown"), None);
    }
}
