//! Saved views: keeping a list under a name, opening it at its own address, changing,
//! following and removing it.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;

use super::extract::StrictForm;
use super::irritants::list_response;
use super::signed_in::SignedIn;
use super::{AppState, NoticeQuery, html, see_other, unexpected};
use crate::actions::saved_views::ListContext;
use crate::actions::{self, Acting, Outcome};
use crate::db;
use crate::db::saved_views::StoredView;
use crate::domain::ids::ViewId;
use crate::domain::saved_view::ViewInput;
use crate::domain::{FieldErrors, ListParams};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::irritants::InView;
use crate::views::saved_views::{ViewForm, ViewFormTarget, ViewShown, view_form_page, views_page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(view_list)
        .service(view_save)
        .service(view_page)
        .service(view_update)
        .service(view_delete)
        .service(view_follow)
        .service(view_unfollow);
}

/// The view an address names: one that cannot be an id names nothing.
fn parse_view_id(raw: &str) -> Result<ViewId, AppError> {
    ViewId::parse(raw).ok_or(AppError::NotFound)
}

/// The view, if this person may open it.
async fn visible_view(
    state: &AppState,
    who: &SignedIn,
    id: ViewId,
) -> Result<StoredView, AppError> {
    let person = who.actor.id.clone();
    state
        .db(move |conn| Ok(db::saved_views::find_open(conn, &id, &person)?))
        .await?
        .ok_or(AppError::NotFound)
}

/// Runs a view action with the register's people and departments and today's rules.
async fn with_context<T: Send + 'static>(
    state: &AppState,
    who: &SignedIn,
    act: impl FnOnce(&mut db::DbConnection, &Acting, ListContext) -> Result<T, AppError>
    + Send
    + 'static,
) -> Result<T, AppError> {
    let (cache, rules, acting) = (state.cache.clone(), state.list_rules(), who.acting(state));
    state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let context = ListContext {
                reference_data: &reference_data,
                rules,
            };
            act(conn, &acting, context)
        })
        .await
}

#[get("/views")]
async fn view_list(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let person = who.actor.id.clone();
    let views = state
        .db(move |conn| Ok(db::saved_views::visible_to(conn, &person)?))
        .await?;
    let notice = (query.notice == "deleted").then(|| locale.t("view-deleted"));
    Ok(html(
        StatusCode::OK,
        views_page(&who.viewer(locale), &views, notice.as_deref()),
    ))
}

/// The form's values shown again with their problems.
fn refused_form(
    who: &SignedIn,
    locale: Locale,
    target: ViewFormTarget,
    input: &ViewInput,
    errors: &FieldErrors,
) -> HttpResponse {
    let form = ViewForm {
        name: &input.name,
        shared: matches!(input.shared.trim(), "on" | "true"),
        query: &input.query,
        errors,
    };
    html(
        StatusCode::UNPROCESSABLE_ENTITY,
        view_form_page(&who.viewer(locale), target, &form),
    )
}

#[post("/views")]
async fn view_save(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<ViewInput>,
) -> Result<HttpResponse, AppError> {
    let input = form.0;
    let for_action = input.clone();
    let outcome = with_context(&state, &who, move |conn, acting, context| {
        actions::saved_views::save(conn, acting, context, &for_action)
    })
    .await?;
    match outcome {
        Outcome::Saved(id) => Ok(see_other(format!("/views/{id}?notice=saved"))),
        Outcome::Refused(errors) => Ok(refused_form(
            &who,
            locale,
            ViewFormTarget::New,
            &input,
            &errors,
        )),
        Outcome::Unchanged | Outcome::Conflict(_) => Err(unexpected("saving a view")),
    }
}

#[derive(Deserialize, Default)]
struct ViewPageQuery {
    #[serde(default)]
    page: String,
    #[serde(default)]
    notice: String,
}

/// What was just done to a view, in words.
fn view_notice(locale: Locale, notice: &str) -> Option<String> {
    let key = match notice {
        "saved" => "view-saved",
        "updated" => "view-updated",
        "following" => "view-followed",
        "unfollowed" => "view-unfollowed",
        _ => return None,
    };
    Some(locale.t(key).into_owned())
}

/// A view's list, at the view's own address.
async fn render_view(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    view: StoredView,
    (page, notice): (String, Option<String>),
    follow_errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut params = ListParams::from_query(&view.query).unwrap_or_default();
    params.page = page;
    let (id, person) = (ViewId::from(view.id.clone()), who.actor.id.clone());
    let (following, followers) = state
        .db(move |conn| {
            Ok((
                db::saved_views::following(conn, &id, &person)?,
                db::saved_views::follower_count(conn, &id)?,
            ))
        })
        .await?;
    let status = if follow_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let shown = ViewShown {
        view,
        following,
        followers,
        follow_errors,
        notice,
    };
    let in_view = InView::Home(Box::new(shown));
    list_response(state, who, locale, params, in_view, status).await
}

#[get("/views/{id}")]
async fn view_page(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    query: web::Query<ViewPageQuery>,
) -> Result<HttpResponse, AppError> {
    let view = visible_view(&state, &who, parse_view_id(&path)?).await?;
    let query = query.into_inner();
    let notice = view_notice(locale, &query.notice);
    render_view(
        &state,
        &who,
        locale,
        view,
        (query.page, notice),
        FieldErrors::new(),
    )
    .await
}

#[post("/views/{id}")]
async fn view_update(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<ViewInput>,
) -> Result<HttpResponse, AppError> {
    let id = parse_view_id(&path)?;
    let input = form.0;
    let (for_action, for_db) = (input.clone(), id.clone());
    let outcome = with_context(&state, &who, move |conn, acting, context| {
        actions::saved_views::update(conn, acting, &for_db, context, &for_action)
    })
    .await?;
    match outcome {
        Outcome::Saved(()) | Outcome::Unchanged => {
            Ok(see_other(format!("/views/{id}?notice=updated")))
        }
        Outcome::Refused(errors) => {
            let view = visible_view(&state, &who, id).await?;
            let target = ViewFormTarget::Existing(&view);
            Ok(refused_form(&who, locale, target, &input, &errors))
        }
        Outcome::Conflict(_) => Err(unexpected("changing a view")),
    }
}

#[post("/views/{id}/delete")]
async fn view_delete(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    _form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = parse_view_id(&path)?;
    let acting = who.acting(&state);
    state
        .db(move |conn| actions::saved_views::delete(conn, &acting, &id)?.into_result())
        .await?;
    Ok(see_other("/views?notice=deleted".to_owned()))
}

#[derive(Deserialize, Default)]
struct FollowInput {
    #[serde(default)]
    delivery: String,
}

#[post("/views/{id}/follow")]
async fn view_follow(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<FollowInput>,
) -> Result<HttpResponse, AppError> {
    let id = parse_view_id(&path)?;
    let for_db = id.clone();
    let delivery = form.0.delivery;
    let outcome = with_context(&state, &who, move |conn, acting, context| {
        actions::saved_views::follow(conn, acting, &for_db, context, &delivery)
    })
    .await?;
    match outcome {
        Outcome::Saved(()) | Outcome::Unchanged => {
            Ok(see_other(format!("/views/{id}?notice=following")))
        }
        Outcome::Refused(errors) => {
            let view = visible_view(&state, &who, id).await?;
            render_view(&state, &who, locale, view, (String::new(), None), errors).await
        }
        Outcome::Conflict(_) => Err(unexpected("following a view")),
    }
}

#[post("/views/{id}/unfollow")]
async fn view_unfollow(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    _form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = parse_view_id(&path)?;
    let (acting, for_db) = (who.acting(&state), id.clone());
    state
        .db(move |conn| actions::saved_views::unfollow(conn, &acting, &for_db)?.into_result())
        .await?;
    Ok(see_other(format!("/views/{id}?notice=unfollowed")))
}
