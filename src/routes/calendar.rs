//! Deadlines in officials' calendar programs: `/calendar.ics?key=…`, a per-person secret
//! address, made, replaced and revoked at `/account/calendar`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::extract::StrictForm;
use super::signed_in::SignedIn;
use super::{AppState, NoticeQuery, html, see_other, unexpected};
use crate::actions;
use crate::auth::{digest, random_token};
use crate::db;
use crate::error::AppError;
use crate::formats::calendar::{DayEvent, calendar};
use crate::i18n::Locale;
use crate::views::calendar::calendar_page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(calendar_settings)
        .service(calendar_create)
        .service(calendar_revoke)
        .service(calendar_feed);
}

#[get("/account/calendar")]
async fn calendar_settings(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let person = who.actor.id.clone();
    let created_at = state
        .db(move |conn| Ok(db::calendar::created_at(conn, &person)?))
        .await?;
    let notice = (query.notice == "revoked").then_some("calendar-revoked");
    Ok(html(
        StatusCode::OK,
        calendar_page(&who.viewer(locale), created_at, None, notice),
    ))
}

#[derive(Deserialize)]
struct NoFields {}

/// Makes a new address, replacing any earlier one, and shows it once.
#[post("/account/calendar")]
async fn calendar_create(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    req: HttpRequest,
    _form: StrictForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let key = random_token();
    let (acting, hash) = (who.acting(&state), digest(&key));
    let created_at = state
        .db(move |conn| {
            actions::calendar::replace_key(conn, &acting, &hash)?
                .into_result()?
                .ok_or_else(|| unexpected("making a calendar address"))
        })
        .await?;
    let public_url = state.settings.server.public_url.trim_end_matches('/');
    let base = if public_url.is_empty() {
        let info = req.connection_info();
        format!("{}://{}", info.scheme(), info.host())
    } else {
        public_url.to_owned()
    };
    // Calendar programs send no language preference, so the address carries the page's.
    let address = format!("{base}/calendar.ics?key={key}&lang={}", locale.code());
    Ok(html(
        StatusCode::OK,
        calendar_page(&who.viewer(locale), Some(created_at), Some(&address), None),
    ))
}

#[post("/account/calendar/revoke")]
async fn calendar_revoke(
    state: web::Data<AppState>,
    who: SignedIn,
    _form: StrictForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let acting = who.acting(&state);
    state
        .db(move |conn| actions::calendar::revoke(conn, &acting)?.into_result())
        .await?;
    Ok(see_other("/account/calendar?notice=revoked".to_owned()))
}

#[derive(Deserialize)]
struct FeedQuery {
    #[serde(default)]
    key: String,
    #[serde(default)]
    lang: String,
}

/// The calendar: all-day events for the person's deadlines. An unknown or revoked key finds
/// nothing, as an address that never existed would.
#[get("/calendar.ics")]
async fn calendar_feed(
    state: web::Data<AppState>,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, AppError> {
    if query.key.is_empty() {
        return Err(AppError::NotFound);
    }
    let hash = digest(&query.key);
    let deadlines = state
        .db(move |conn| {
            let person = db::calendar::owner_of(conn, &hash)?.ok_or(AppError::NotFound)?;
            Ok(db::calendar::deadlines_of(conn, &person)?)
        })
        .await?;
    let locale = Locale::from_code(&query.lang).unwrap_or_default();
    let events: Vec<DayEvent> = deadlines
        .into_iter()
        .map(|deadline| DayEvent {
            uid: format!("{}@irritrack", deadline.key),
            day: deadline.day,
            summary: match &deadline.milestone {
                Some(title) => format!("{} · {title}", deadline.reference),
                None => locale.t_with(
                    "calendar-target",
                    &[("reference", deadline.reference.clone())],
                ),
            },
            description: deadline.irritant_title,
            sequence: deadline.version,
            last_modified: deadline.updated_at,
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .body(calendar(&locale.t("calendar-name"), &events, db::now())))
}
