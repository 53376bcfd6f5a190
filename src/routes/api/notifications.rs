//! Notifications, comments and watching, for scripts.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ErrorBody, read_body};
use crate::actions::{self, Outcome};
use crate::db;
use crate::db::comments::StoredComment;
use crate::db::notifications::StoredNotification;
use crate::domain::accounts::Permission;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::routes::signed_in::SignedIn;
use crate::routes::{AppState, parse_reference, unexpected};
use crate::views::notifications::sentence;

/// A notification, its sentence in the language the request asks for.
#[derive(Serialize, ToSchema)]
pub struct NotificationJson {
    id: i64,
    #[schema(example = "assigned")]
    kind: String,
    text: String,
    /// The place it is about, within the application.
    #[schema(example = "/irritants/IRR-2025-0001")]
    link: String,
    created_at: NaiveDateTime,
    read: bool,
}

impl NotificationJson {
    fn new(locale: Locale, notification: StoredNotification) -> Self {
        Self {
            text: sentence(locale, &notification.text),
            id: notification.id,
            kind: notification.kind.code().to_owned(),
            link: notification.link,
            created_at: notification.created_at,
            read: notification.read,
        }
    }
}

/// A page of the caller's notifications, newest first.
#[derive(Serialize, ToSchema)]
pub struct NotificationList {
    items: Vec<NotificationJson>,
    total: i64,
    unread: i64,
    page: u32,
}

#[derive(Deserialize, IntoParams)]
pub struct PageParams {
    /// From 1.
    #[serde(default)]
    page: Option<u32>,
}

#[utoipa::path(
    get, path = "/api/v1/notifications", tag = "notifications", params(PageParams),
    responses((status = 200, body = NotificationList))
)]
#[get("/notifications")]
pub async fn api_notifications(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let (person, page) = (who.actor.id.clone(), query.page.unwrap_or(1));
    let found = state
        .db(move |conn| Ok(db::notifications::page_of(conn, &person, page)?))
        .await?;
    Ok(HttpResponse::Ok().json(NotificationList {
        total: found.total,
        unread: found.unread,
        page: found.page,
        items: found
            .items
            .into_iter()
            .map(|n| NotificationJson::new(locale, n))
            .collect(),
    }))
}

/// Which notifications to mark read: those named, or all.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    #[serde(default)]
    ids: Option<Vec<i64>>,
    #[serde(default)]
    all: bool,
}

/// How many notifications were marked read.
#[derive(Serialize, ToSchema)]
pub struct Marked {
    marked: usize,
}

#[utoipa::path(
    post, path = "/api/v1/notifications/read", tag = "notifications", request_body = MarkRead,
    responses((status = 200, body = Marked), (status = 400, body = ErrorBody))
)]
#[post("/notifications/read")]
pub async fn api_notifications_read(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, AppError> {
    let (body, _): (MarkRead, _) = read_body(body.into_inner())?;
    let ids = match (body.ids, body.all) {
        (Some(ids), false) => Some(ids),
        (None, true) => None,
        _ => {
            return Err(AppError::MalformedJson(
                "send either \"ids\": [...] or \"all\": true".into(),
            ));
        }
    };
    let acting = who.acting(&state);
    let marked = state
        .db(move |conn| {
            Ok(
                actions::notifications::mark_read(conn, &acting, ids.as_deref())?
                    .into_result()?
                    .unwrap_or(0),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(Marked { marked }))
}

/// A comment on an irritant; a deleted one has no body.
#[derive(Serialize, ToSchema)]
pub struct CommentJson {
    id: String,
    author: String,
    body: String,
    /// The people it mentions, by e-mail address.
    mentions: Vec<String>,
    created_at: NaiveDateTime,
    deleted: bool,
}

impl CommentJson {
    fn new(comment: StoredComment, emails: &crate::domain::ReferenceData) -> Self {
        Self {
            mentions: comment
                .mentions
                .iter()
                .filter_map(|m| emails.person_by_id(&m.person_id))
                .map(|p| p.email.as_str().to_owned())
                .collect(),
            deleted: comment.deleted_at.is_some(),
            id: comment.id,
            author: comment.author_name,
            body: if comment.deleted_at.is_some() {
                String::new()
            } else {
                comment.body
            },
            created_at: comment.created_at,
        }
    }
}

#[utoipa::path(
    get, path = "/api/v1/irritants/{reference}/comments", tag = "comments",
    params(("reference" = String, Path)),
    responses((status = 200, body = Vec<CommentJson>), (status = 404, body = ErrorBody))
)]
#[get("/irritants/{reference}/comments")]
pub async fn api_comments(
    state: web::Data<AppState>,
    _signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let reference = parse_reference(&path)?;
    let cache = state.cache.clone();
    let (comments, people) = state
        .db(move |conn| {
            let irritant = db::irritants::find(conn, &reference)?;
            Ok((
                db::comments::of_irritant(conn, &irritant.id)?,
                cache.reference_data(conn)?,
            ))
        })
        .await?;
    let json: Vec<CommentJson> = comments
        .into_iter()
        .map(|c| CommentJson::new(c, &people))
        .collect();
    Ok(HttpResponse::Ok().json(json))
}

/// A new comment: `@` mentions tell the people they name.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentCreate {
    body: String,
}

#[utoipa::path(
    post, path = "/api/v1/irritants/{reference}/comments", tag = "comments", request_body = CommentCreate,
    params(("reference" = String, Path)),
    responses((status = 201, body = CommentJson), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
#[post("/irritants/{reference}/comments")]
pub async fn api_comment_add(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(&path)?;
    let (body, _): (CommentCreate, _) = read_body(body.into_inner())?;
    let acting = who.acting(&state);
    let cache = state.cache.clone();
    let (comment, people) = state
        .db(move |conn| {
            let people = cache.reference_data(conn)?;
            let id = actions::comments::add(conn, &acting, &people, &reference, &body.body)?
                .into_result()?
                .ok_or_else(|| unexpected("adding a comment"))?;
            let irritant = db::irritants::find(conn, &reference)?;
            Ok((db::comments::find(conn, &irritant.id, &id)?, people))
        })
        .await?;
    Ok(HttpResponse::Created().json(CommentJson::new(comment, &people)))
}

/// Whether the caller watches the irritant now.
#[derive(Serialize, ToSchema)]
pub struct WatchJson {
    watching: bool,
}

async fn set_watch(
    state: &AppState,
    who: &SignedIn,
    reference: &str,
    watching: bool,
) -> Result<HttpResponse, AppError> {
    let reference = parse_reference(reference)?;
    let acting = who.acting(state);
    let outcome = state
        .db(move |conn| actions::notifications::watch(conn, &acting, &reference, watching))
        .await?;
    match outcome {
        Outcome::Saved(_) | Outcome::Unchanged => {
            Ok(HttpResponse::Ok().json(WatchJson { watching }))
        }
        Outcome::Refused(errors) => Err(AppError::Invalid(errors)),
        Outcome::Conflict(_) => Err(unexpected("watching an irritant")),
    }
}

#[utoipa::path(
    put, path = "/api/v1/irritants/{reference}/watch", tag = "watching",
    params(("reference" = String, Path)),
    responses((status = 200, body = WatchJson), (status = 404, body = ErrorBody))
)]
#[put("/irritants/{reference}/watch")]
pub async fn api_watch(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    set_watch(&state, &who, &path, true).await
}

#[utoipa::path(
    delete, path = "/api/v1/irritants/{reference}/watch", tag = "watching",
    params(("reference" = String, Path)),
    responses((status = 200, body = WatchJson), (status = 404, body = ErrorBody))
)]
#[delete("/irritants/{reference}/watch")]
pub async fn api_unwatch(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    set_watch(&state, &who, &path, false).await
}
