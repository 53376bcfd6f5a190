//! The notification centre, notification preferences, unsubscribe links, watching and
//! comments on an irritant, and the e-mail queue for administrators.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::client::client_ip;
use super::extract::StrictForm;
use super::irritants::{RefusedForm, render_detail};
use super::signed_in::SignedIn;
use super::{AppState, NoticeQuery, html, parse_reference, see_other, unexpected};
use crate::actions::notifications::PreferencesInput;
use crate::actions::{self, Outcome};
use crate::db;
use crate::domain::FieldErrors;
use crate::domain::accounts::Permission;
use crate::domain::ids::PersonId;
use crate::domain::notification::NotificationKind;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::notify::mail::unsubscribe_message;
use crate::views::layout::public_page;
use crate::views::notifications::{
    CommentForm, NotificationList, PreferencesForm, notifications_page, preferences_page,
    queue_page,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(centre)
        .service(mark_read)
        .service(preferences_form)
        .service(preferences_save)
        .service(unsubscribe_page)
        .service(unsubscribe)
        .service(watch)
        .service(comment_add)
        .service(comment_delete)
        .service(mail_queue)
        .service(mail_retry);
}

#[derive(Deserialize)]
struct PageQuery {
    #[serde(default)]
    page: Option<u32>,
    #[serde(default)]
    notice: String,
}

#[get("/notifications")]
async fn centre(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let (person, page) = (who.actor.id.clone(), query.page.unwrap_or(1));
    let page = state
        .db(move |conn| Ok(db::notifications::page_of(conn, &person, page)?))
        .await?;
    let notice = match query.notice.as_str() {
        "read" => Some(locale.t("notice-notifications-read").into_owned()),
        _ => None,
    };
    let list = NotificationList {
        page: &page,
        notice,
    };
    Ok(html(
        StatusCode::OK,
        notifications_page(&who.viewer(locale), &list),
    ))
}

#[derive(Deserialize)]
struct ReadForm {
    /// One notification; none: all of them.
    #[serde(default)]
    id: Option<i64>,
}

/// Marks one notification read, or all; back to the centre.
#[post("/notifications/read")]
async fn mark_read(
    state: web::Data<AppState>,
    who: SignedIn,
    form: StrictForm<ReadForm>,
) -> Result<HttpResponse, AppError> {
    let acting = who.acting(&state);
    let ids = form.0.id.map(|id| vec![id]);
    state
        .db(move |conn| {
            actions::notifications::mark_read(conn, &acting, ids.as_deref())?.into_result()
        })
        .await?;
    Ok(see_other("/notifications?notice=read".to_owned()))
}

#[get("/account/notifications")]
async fn preferences_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let notice = (query.notice == "saved").then(|| locale.t("notice-saved").into_owned());
    render_preferences(&state, &who, locale, None, notice).await
}

/// The preferences page: as stored, or as submitted with its problems.
async fn render_preferences(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    refused: Option<(PreferencesInput, FieldErrors)>,
    notice: Option<String>,
) -> Result<HttpResponse, AppError> {
    let person = who.actor.id.clone();
    let cache = state.cache.clone();
    let (mut preferences, mut follows, reference_data) = state
        .db(move |conn| {
            Ok((
                db::notifications::preferences(conn, &person)?,
                db::notifications::follows_of(conn, &person)?,
                cache.reference_data(conn)?,
            ))
        })
        .await?;
    let (status, errors, digest_time) = match refused {
        Some((input, errors)) => {
            as_submitted(&mut preferences, &mut follows, &input);
            (StatusCode::UNPROCESSABLE_ENTITY, errors, input.digest_time)
        }
        None => (
            StatusCode::OK,
            FieldErrors::new(),
            preferences.digest_time.to_string(),
        ),
    };
    let form = PreferencesForm {
        preferences: &preferences,
        digest_time: &digest_time,
        follows: &follows,
        reference_data: &reference_data,
        mail_enabled: state.settings.mail.enabled(),
        errors: &errors,
        notice,
    };
    Ok(html(status, preferences_page(&who.viewer(locale), &form)))
}

/// Shows a refused form as the person left it: what they chose, where it can be read.
fn as_submitted(
    preferences: &mut db::notifications::Preferences,
    follows: &mut Vec<(crate::domain::notification::FollowScope, String)>,
    input: &PreferencesInput,
) {
    use crate::domain::notification::{Delivery, FollowScope};
    for (kind, delivery) in &input.deliveries {
        if let (Ok(kind), Ok(delivery)) = (NotificationKind::parse(kind), Delivery::parse(delivery))
            && let Some(entry) = preferences.deliveries.iter_mut().find(|(k, _)| *k == kind)
        {
            entry.1 = delivery;
        }
    }
    preferences.language = input.language.clone();
    follows.clear();
    follows.extend(
        input
            .departments
            .iter()
            .map(|d| (FollowScope::Department, d.clone())),
    );
    follows.extend(
        input
            .counterparts
            .iter()
            .map(|c| (FollowScope::Counterpart, c.clone())),
    );
}

/// Reads the preferences form: `delivery-KIND` per kind, `digest_time`, `language`, and the
/// departments ticked and counterparts typed (`CN, US`) of a manager.
fn preferences_input(pairs: Vec<(String, String)>) -> PreferencesInput {
    let mut input = PreferencesInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "digest_time" => input.digest_time = value,
            "language" => input.language = value,
            "departments" => input.departments.push(value),
            "counterparts" => input.counterparts.extend(
                value
                    .split([',', ' '])
                    .filter(|c| !c.trim().is_empty())
                    .map(|c| c.trim().to_owned()),
            ),
            other => {
                if let Some(kind) = other.strip_prefix("delivery-") {
                    input.deliveries.push((kind.to_owned(), value));
                }
            }
        }
    }
    input
}

#[post("/account/notifications")]
async fn preferences_save(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let input = preferences_input(form.0);
    let acting = who.acting(&state);
    let cache = state.cache.clone();
    let submitted = input.clone();
    let outcome = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            actions::notifications::save_preferences(conn, &acting, &reference_data, &submitted)
        })
        .await?;
    match outcome {
        Outcome::Saved(()) | Outcome::Unchanged => {
            Ok(see_other("/account/notifications?notice=saved".to_owned()))
        }
        Outcome::Refused(errors) => {
            render_preferences(&state, &who, locale, Some((input, errors)), None).await
        }
        Outcome::Conflict(_) => Err(unexpected("saving preferences")),
    }
}

/// An unsubscribe link: whose, which kind (or `all`), and its signature.
#[derive(Deserialize)]
struct UnsubscribeLink {
    #[serde(default)]
    person: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    signature: String,
}

impl UnsubscribeLink {
    /// The person and kind (none: every kind) the link was made for, if the server made it.
    async fn verified(
        &self,
        state: &AppState,
    ) -> Result<(PersonId, Option<NotificationKind>), AppError> {
        let kind = match self.kind.as_str() {
            "all" => None,
            code => Some(NotificationKind::parse(code).map_err(|_| AppError::NotFound)?),
        };
        let person = PersonId::parse(&self.person).ok_or(AppError::NotFound)?;
        let key = state
            .db(|conn| Ok(crate::notify::unsubscribe_key(conn)?))
            .await?;
        let message = unsubscribe_message(person.as_str(), kind);
        if crate::auth::signed(&key, &message, &self.signature) {
            Ok((person, kind))
        } else {
            Err(AppError::NotFound)
        }
    }
}

/// The page an unsubscribe link opens: what it will stop, and the button that stops it. (A
/// link opened by a mail scanner must not unsubscribe anyone.)
#[get("/unsubscribe")]
async fn unsubscribe_page(
    state: web::Data<AppState>,
    locale: Locale,
    req: HttpRequest,
    link: web::Query<UnsubscribeLink>,
) -> Result<HttpResponse, AppError> {
    let (_, kind) = link.verified(&state).await?;
    let what = kind_label(locale, kind);
    let here = format!("/unsubscribe?{}", req.query_string());
    let content = maud::html! {
        h1 { (locale.t("unsubscribe-title")) }
        p { (locale.t_with("unsubscribe-explain", &[("kind", what)])) }
        form method="post" action=(here) {
            button type="submit" { (locale.t("unsubscribe-confirm")) }
        }
    };
    let title = locale.t("unsubscribe-title");
    Ok(html(
        StatusCode::OK,
        public_page(locale, &here, &title, content),
    ))
}

fn kind_label(locale: Locale, kind: Option<NotificationKind>) -> String {
    match kind {
        Some(kind) => locale
            .label(NotificationKind::LABEL_PREFIX, kind.code())
            .into_owned(),
        None => locale.t("unsubscribe-all").into_owned(),
    }
}

/// Stops e-mail of the link's kind: from the page's button, or in one click from a mail
/// program (RFC 8058). The signed link is the credential: no session, no form token.
#[post("/unsubscribe")]
async fn unsubscribe(
    state: web::Data<AppState>,
    locale: Locale,
    req: HttpRequest,
    link: web::Query<UnsubscribeLink>,
) -> Result<HttpResponse, AppError> {
    let (person, kind) = link.verified(&state).await?;
    let ip = client_ip(&req, &state.settings.security);
    state
        .db(move |conn| {
            actions::notifications::unsubscribe(conn, &person, kind, &ip)?.into_result()
        })
        .await?;
    let what = kind_label(locale, kind);
    let content = maud::html! {
        h1 { (locale.t("unsubscribe-title")) }
        p role="status" { (locale.t_with("unsubscribe-done", &[("kind", what)])) }
        p { a href="/account/notifications" { (locale.t("unsubscribe-preferences")) } }
    };
    let title = locale.t("unsubscribe-title");
    Ok(html(
        StatusCode::OK,
        public_page(locale, "/", &title, content),
    ))
}

#[derive(Deserialize)]
struct WatchForm {
    #[serde(default)]
    watch: String,
}

/// Watches an irritant, or stops watching it; back to its page.
#[post("/irritants/{reference}/watch")]
async fn watch(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    form: StrictForm<WatchForm>,
) -> Result<HttpResponse, AppError> {
    let reference = parse_reference(&path)?;
    let watching = form.0.watch == "true";
    let acting = who.acting(&state);
    state
        .db(move |conn| {
            actions::notifications::watch(conn, &acting, &reference, watching)?.into_result()
        })
        .await?;
    let notice = if watching { "watching" } else { "unwatched" };
    Ok(see_other(format!(
        "/irritants/{reference}?notice={notice}#watchers-heading"
    )))
}

#[derive(Deserialize)]
struct CommentInput {
    #[serde(default)]
    body: String,
}

#[post("/irritants/{reference}/comments")]
async fn comment_add(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<CommentInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(&path)?;
    let acting = who.acting(&state);
    let cache = state.cache.clone();
    let body = form.0.body;
    let submitted = body.clone();
    let outcome = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            actions::comments::add(conn, &acting, &reference_data, &reference, &submitted)
        })
        .await?;
    let errors = match outcome {
        Outcome::Saved(id) => {
            return Ok(see_other(format!(
                "/irritants/{reference}?notice=commented#comment-{id}"
            )));
        }
        Outcome::Refused(errors) => errors,
        Outcome::Unchanged | Outcome::Conflict(_) => return Err(unexpected("adding a comment")),
    };
    let refused = RefusedForm::Comment(CommentForm {
        body: &body,
        errors: &errors,
    });
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    render_detail(&state, &who, locale, reference, None, Some(refused), status).await
}

#[post("/irritants/{reference}/comments/{id}/delete")]
async fn comment_delete(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    _form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let (reference, id) = path.into_inner();
    let reference = parse_reference(&reference)?;
    let acting = who.acting(&state);
    state
        .db(move |conn| actions::comments::delete(conn, &acting, &reference, &id)?.into_result())
        .await?;
    Ok(see_other(format!(
        "/irritants/{reference}?notice=comment-deleted#comments-heading"
    )))
}

#[get("/admin/notifications")]
async fn mail_queue(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageNotifications)?;
    let (queue, failures) = state
        .db(|conn| {
            Ok((
                db::mail::queue_view(conn, 200)?,
                db::mail::recent_failures(conn, 100)?,
            ))
        })
        .await?;
    let notice = (query.notice == "retried").then(|| locale.t("notice-mail-retried").into_owned());
    let mail_enabled = state.settings.mail.enabled();
    Ok(html(
        StatusCode::OK,
        queue_page(&who.viewer(locale), mail_enabled, &queue, &failures, notice),
    ))
}

#[post("/admin/notifications/{id}/retry")]
async fn mail_retry(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    _form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let acting = who.acting(&state);
    let id = path.into_inner();
    state
        .db(move |conn| actions::notifications::retry_mail(conn, &acting, &id)?.into_result())
        .await?;
    Ok(see_other("/admin/notifications?notice=retried".to_owned()))
}
