//! Signing in and out, one's own password, and one's own API tokens.

use actix_web::http::StatusCode;
use actix_web::http::header::{LOCATION, RETRY_AFTER};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::client::client_ip;
use super::cookies::{expired_cookie, private_cookie, session_cookie_name, sign_in_cookie_name};
use super::extract::StrictForm;
use super::signed_in::SignedIn;
use super::{AppState, NoticeQuery, html, local_path, see_other};
use crate::actions::accounts::NewSession;
use crate::actions::{self, Acting, Operator, Outcome};
use crate::auth;
use crate::db;
use crate::db::accounts::SignInRecord;
use crate::domain::accounts::{
    EventDetail, NewPassword, SecurityEvent, SecurityEventKind, Throttle,
};
use crate::domain::ids::TokenId;
use crate::domain::{Email, FieldError, FieldErrors};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::accounts::{
    PasswordForm, SignInForm, TokenForm, password_page, sign_in_page, tokens_page,
};
use tokio::sync::Semaphore;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(sign_in_form)
        .service(sign_in)
        .service(sign_out)
        .service(password_form)
        .service(password_change)
        .service(token_list)
        .service(token_create)
        .service(token_revoke);
}

#[derive(Deserialize, Default)]
struct SignInQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    reason: String,
}

/// Where to go after signing in: a path on this site only, never another site.
fn safe_next(next: &str) -> &str {
    local_path(next)
        .filter(|path| *path != "/login")
        .unwrap_or("/")
}

#[get("/login")]
async fn sign_in_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    locale: Locale,
    query: web::Query<SignInQuery>,
) -> HttpResponse {
    // The form's token is kept in a cookie of its own until there is a session to hold it.
    let security = &state.settings.security;
    let token = req
        .cookie(sign_in_cookie_name(security))
        .map(|c| c.value().to_owned())
        .filter(|t| t.len() == 64)
        .unwrap_or_else(auth::random_token);
    let notice = match query.reason.as_str() {
        "expired" => Some("sign-in-expired"),
        "signed_out" => Some("sign-in-signed-out"),
        _ => None,
    };
    let form = SignInForm {
        email: "",
        next: safe_next(&query.next),
        csrf: &token,
        notice,
        problem: None,
    };
    let cookie = private_cookie(
        sign_in_cookie_name(security),
        token.clone(),
        &state.settings.security,
    );
    let mut response = html(StatusCode::OK, sign_in_page(locale, &form));
    response.add_cookie(&cookie).ok();
    response
}

#[derive(Deserialize)]
struct SignInInput {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

/// What failed sign-ins are counted against when what was typed is not an e-mail address:
/// the typed text is never recorded, as people sometimes type their password there.
const NOT_AN_EMAIL: &str = "(not an e-mail address)";

/// Starts a sign-in attempt: refuses it (429) if its account and address have failed too
/// often, or else counts it before any password is checked and lets it go on, after waiting if
/// attempts are being slowed down. Returns the attempt's id: forget it if the password proves
/// right. An attempt refused at once writes nothing but, once per window, the security log.
async fn begin_attempt(state: &AppState, subject: &str, ip: &str) -> Result<String, AppError> {
    let policy = state.settings.security.throttle_policy();
    let now = db::now();
    let since = now - policy.window;
    let (subject_owned, ip_owned) = (subject.to_owned(), ip.to_owned());
    let outcome = state
        .db(move |conn| {
            let (subject, ip) = (subject_owned.as_str(), ip_owned.as_str());
            let refused = |conn: &mut db::DbConnection, retry_after_secs| {
                let logged = db::accounts::throttle_logged_since(conn, subject, ip, since)?;
                Ok::<_, AppError>(Err((retry_after_secs, logged)))
            };
            let before = db::accounts::recent_failures(conn, subject, ip, since, None)?;
            if let Throttle::Refuse { retry_after_secs } = policy.decide(before, now) {
                return refused(conn, retry_after_secs);
            }
            // Counted on its own before counting the others: of simultaneous attempts, each
            // sees those recorded before it, so no burst passes the limit together.
            let attempt = db::accounts::record_attempt(conn, subject, ip, since)?;
            let counted = db::accounts::recent_failures(conn, subject, ip, since, Some(&attempt))?;
            match policy.decide(counted, now) {
                Throttle::Refuse { retry_after_secs } => {
                    db::accounts::forget_attempt(conn, &attempt)?;
                    refused(conn, retry_after_secs)
                }
                Throttle::Allow { delay_ms } => Ok(Ok((attempt, delay_ms))),
            }
        })
        .await?;
    match outcome {
        Err((retry_after_secs, already_logged)) => {
            if !already_logged {
                let event = SecurityEvent {
                    kind: SecurityEventKind::SignInThrottled,
                    actor_id: None,
                    subject: subject.to_owned(),
                    ip: ip.to_owned(),
                    detail: EventDetail::message(
                        "detail-retry-after",
                        &[("seconds", retry_after_secs.to_string())],
                    ),
                };
                state.record_alone(event).await;
            }
            Err(AppError::TooManyRequests(retry_after_secs))
        }
        Ok((attempt, delay_ms)) => {
            if delay_ms > 0 {
                actix_web::rt::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
            }
            Ok(attempt)
        }
    }
}

async fn forget_attempt(state: &AppState, attempt: String) -> Result<(), AppError> {
    state
        .db(move |conn| Ok(db::accounts::forget_attempt(conn, &attempt)?))
        .await
}

/// Password hashing takes a core for tens of milliseconds and 7 MiB of memory. At most one
/// hash per core runs at a time, so that a burst of sign-ins can neither starve the database
/// work that shares the blocking pool nor grow memory without bound.
pub(super) async fn hashing<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    static PERMITS: std::sync::OnceLock<Semaphore> = std::sync::OnceLock::new();
    let permits = PERMITS.get_or_init(|| {
        Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    });
    let _permit = permits
        .acquire()
        .await
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(web::block(work).await?)
}

async fn password_matches(password: String, hash: Option<String>) -> Result<bool, AppError> {
    hashing(move || auth::verify_password(&password, hash.as_deref())).await
}

/// What checking a sign-in found: the account, or why it is refused (for the security log).
enum Checked {
    Account(SignInRecord),
    Refused(Option<&'static str>),
}

/// Checks the password typed for `email` (none when what was typed is not an address); the
/// password is checked even then, so that the answer takes as long either way.
async fn check_password(
    state: &AppState,
    email: Option<Email>,
    password: String,
) -> Result<Checked, AppError> {
    let record = match email {
        Some(email) => {
            state
                .db(move |conn| Ok(db::accounts::sign_in_record(conn, &email)?))
                .await?
        }
        None => None,
    };
    let hash = record.as_ref().and_then(|r| r.password_hash.clone());
    let matches = password_matches(password, hash).await?;
    let now = db::now();
    // The person is told only that it failed; administrators reading the log learn why.
    let problem = match &record {
        None => Some("detail-no-account"),
        Some(_) if !matches => Some("detail-wrong-password"),
        Some(r) if !r.active => Some("detail-account-disabled"),
        Some(r) if r.password_expires_at.is_some_and(|at| at <= now) => {
            Some("detail-password-expired")
        }
        Some(_) => None,
    };
    Ok(match (record, problem) {
        (Some(account), None) => Checked::Account(account),
        (_, problem) => Checked::Refused(problem),
    })
}

/// Starts a session for `account`, signed in from `ip`; returns the session's id, for its
/// cookie. A new id at every sign-in: an id planted in the browser before (session fixation)
/// is never the one that becomes signed in; the old one ends.
async fn start_session(
    state: &AppState,
    req: &HttpRequest,
    account: SignInRecord,
    ip: String,
) -> Result<String, AppError> {
    let security = &state.settings.security;
    let previous = req
        .cookie(session_cookie_name(security))
        .map(|c| auth::digest(c.value()));
    let session_id = auth::random_token();
    let (digest, csrf) = (auth::digest(&session_id), auth::random_token());
    let credentials_version = account.credentials_version;
    let lapsed_before = security.session_policy().lapsed_before(db::now());
    let acting = Acting {
        actor: account.actor,
        ip,
        today: state.today(),
        mail: state.settings.mail.enabled(),
    };
    state
        .db(move |conn| {
            let session = NewSession {
                digest: &digest,
                csrf: &csrf,
                previous: previous.as_deref(),
                lapsed_before,
            };
            actions::accounts::sign_in(conn, &acting, credentials_version, session)?.into_result()
        })
        .await?;
    Ok(session_id)
}

#[post("/login")]
async fn sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    locale: Locale,
    form: StrictForm<SignInInput>,
) -> Result<HttpResponse, AppError> {
    let input = form.0;
    let security = &state.settings.security;
    let ip = client_ip(&req, security);
    let email = Email::parse(&input.email).ok();
    // Failures are counted against what was typed, so that guessing at an address that has
    // no account is slowed down exactly like guessing at one that has.
    let subject = email
        .as_ref()
        .map_or_else(|| NOT_AN_EMAIL.to_owned(), Email::to_string);
    let refused_form = |problem: &'static str, status: StatusCode| {
        let form = SignInForm {
            email: &input.email,
            next: safe_next(&input.next),
            csrf: &input.csrf,
            notice: None,
            problem: Some(problem),
        };
        html(status, sign_in_page(locale, &form))
    };
    let attempt = match begin_attempt(&state, &subject, &ip).await {
        Ok(attempt) => attempt,
        Err(AppError::TooManyRequests(seconds)) => {
            let mut response = refused_form("sign-in-too-many", StatusCode::TOO_MANY_REQUESTS);
            response.headers_mut().insert(RETRY_AFTER, seconds.into());
            return Ok(response);
        }
        Err(other) => return Err(other),
    };
    let account = match check_password(&state, email, input.password.clone()).await? {
        Checked::Account(account) => account,
        Checked::Refused(reason) => {
            let event = SecurityEvent {
                kind: SecurityEventKind::SignInFailed,
                actor_id: None,
                subject,
                ip,
                detail: reason.map_or(EventDetail::None, |key| EventDetail::message(key, &[])),
            };
            state.record_alone(event).await;
            return Ok(refused_form(
                "sign-in-failed",
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    forget_attempt(&state, attempt).await?;
    let session_id = start_session(&state, &req, account, ip).await?;
    let cookie = private_cookie(session_cookie_name(security), session_id, security);
    let mut response = see_other(safe_next(&input.next).to_owned());
    response.add_cookie(&cookie).ok();
    response
        .add_cookie(&expired_cookie(sign_in_cookie_name(security), security))
        .ok();
    Ok(response)
}

#[post("/logout")]
async fn sign_out(
    state: web::Data<AppState>,
    who: SignedIn,
    _form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let security = &state.settings.security;
    let digest = who.session_digest().map(str::to_owned);
    let acting = who.acting(&state);
    state
        .db(move |conn| {
            actions::accounts::sign_out(conn, &acting, digest.as_deref())?.into_result()
        })
        .await?;
    let mut response = HttpResponse::SeeOther()
        .insert_header((LOCATION, "/login?reason=signed_out"))
        .finish();
    response
        .add_cookie(&expired_cookie(session_cookie_name(security), security))
        .ok();
    Ok(response)
}

#[get("/account/password")]
async fn password_form(
    who: SignedIn,
    locale: Locale,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let form = PasswordForm {
        errors: &FieldErrors::new(),
        changed: query.notice == "changed",
    };
    Ok(html(
        StatusCode::OK,
        password_page(&who.viewer(locale), &form),
    ))
}

#[derive(Deserialize)]
struct PasswordInput {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

#[post("/account/password")]
async fn password_change(
    state: web::Data<AppState>,
    req: HttpRequest,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<PasswordInput>,
) -> Result<HttpResponse, AppError> {
    let input = form.0;
    let ip = client_ip(&req, &state.settings.security);
    let email = who.actor.email.to_string();
    let mut errors = FieldErrors::new();
    let new_password = match NewPassword::parse(&input.new_password, &[&email, &who.actor.name]) {
        // A one-time password kept as one's own would stay known to whoever set it.
        Ok(_) if input.new_password == input.current_password => {
            errors.add("new_password", FieldError::new("password-same"));
            None
        }
        Ok(password) if input.confirm_password == input.new_password => Some(password),
        Ok(_) => {
            errors.add("confirm_password", FieldError::new("password-mismatch"));
            None
        }
        Err(error) => {
            errors.add("new_password", error);
            None
        }
    };
    // Guessing the current password from a stolen session is a sign-in attempt like any other.
    let attempt = begin_attempt(&state, &email, &ip).await?;
    let account_email = who.actor.email.clone();
    let record = state
        .db(move |conn| Ok(db::accounts::sign_in_record(conn, &account_email)?))
        .await?;
    let hash = record.and_then(|r| r.password_hash);
    if password_matches(input.current_password, hash).await? {
        forget_attempt(&state, attempt).await?;
    } else {
        errors.add("current_password", FieldError::new("password-wrong"));
        let event = SecurityEvent {
            kind: SecurityEventKind::SignInFailed,
            actor_id: Some(who.actor.id.clone()),
            subject: email,
            ip: ip.clone(),
            detail: EventDetail::message("detail-wrong-current-password", &[]),
        };
        state.record_alone(event).await;
    }
    let Some(new_password) = new_password.filter(|_| errors.is_empty()) else {
        let form = PasswordForm {
            errors: &errors,
            changed: false,
        };
        return Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            password_page(&who.viewer(locale), &form),
        ));
    };
    let hash = hashing(move || auth::hash_password(&new_password)).await?;
    let session_digest = who.session_digest().unwrap_or_default().to_owned();
    let acting = who.acting(&state);
    state
        .db(move |conn| {
            actions::accounts::change_own_password(conn, &acting, &session_digest, &hash)?
                .into_result()
        })
        .await?;
    Ok(see_other("/account/password?notice=changed".to_owned()))
}

async fn render_tokens(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    form: TokenForm<'_>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let id = who.actor.id.clone();
    let tokens = state
        .db(move |conn| Ok(db::accounts::tokens_of(conn, &id)?))
        .await?;
    Ok(html(
        status,
        tokens_page(&who.viewer(locale), &tokens, &form),
    ))
}

#[get("/account/tokens")]
async fn token_list(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let form = TokenForm {
        name: "",
        errors: &FieldErrors::new(),
        created: None,
        revoked: query.notice == "revoked",
    };
    render_tokens(&state, &who, locale, form, StatusCode::OK).await
}

#[derive(Deserialize)]
struct TokenInput {
    #[serde(default)]
    name: String,
}

#[post("/account/tokens")]
async fn token_create(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<TokenInput>,
) -> Result<HttpResponse, AppError> {
    let raw_name = form.0.name;
    let token = auth::new_api_token();
    let (digest, acting) = (auth::digest(&token), who.acting(&state));
    let typed = raw_name.clone();
    let outcome = state
        .db(move |conn| {
            let by = Operator::Person(&acting);
            actions::accounts::create_token(conn, by, &acting.actor, &typed, &digest)
        })
        .await?;
    if let Outcome::Refused(errors) = outcome {
        let form = TokenForm {
            name: &raw_name,
            errors: &errors,
            created: None,
            revoked: false,
        };
        return render_tokens(&state, &who, locale, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    // Shown once, on this response, which no cache may keep; only its digest is stored.
    let form = TokenForm {
        name: "",
        errors: &FieldErrors::new(),
        created: Some(&token),
        revoked: false,
    };
    render_tokens(&state, &who, locale, form, StatusCode::CREATED).await
}

#[post("/account/tokens/{id}/revoke")]
async fn token_revoke(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    _form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let token_id = TokenId::parse(&path).ok_or(AppError::NotFound)?;
    let acting = who.acting(&state);
    state
        .db(move |conn| actions::accounts::revoke_token(conn, &acting, &token_id)?.into_result())
        .await?;
    Ok(see_other("/account/tokens?notice=revoked".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn sign_in_returns_only_to_pages_of_this_site() {
        assert_eq!(
            safe_next("/irritants?status=open"),
            "/irritants?status=open"
        );
        for elsewhere in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
            "/login",
        ] {
            assert_eq!(safe_next(elsewhere), "/", "{elsewhere}");
        }
    }
}
