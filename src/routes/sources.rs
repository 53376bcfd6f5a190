//! Source documents: the list, and each document with its statements in every language.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};

use serde::Deserialize;

use super::extract::StrictForm;
use super::signed_in::SignedIn;
use super::{AppState, NoticeQuery, html, parse_reference, see_other, unexpected};
use crate::actions::sources::StatementLink;
use crate::actions::{self, Operator, Outcome};
use crate::db;
use crate::domain::accounts::Permission;
use crate::domain::ids::SourceId;
use crate::domain::source::{ImportInput, SourceDetailsInput};
use crate::domain::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::Viewer;
use crate::views::sources::{
    LinkForm, SourceShown, import_page, source_edit_page, source_page, sources_page,
};

/// The document an address names; one that cannot be an id names nothing.
pub(super) fn source_in(raw: &str) -> Result<SourceId, AppError> {
    SourceId::parse(raw).ok_or(AppError::NotFound)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(source_list)
        .service(import_form)
        .service(import_preview)
        .service(import_save)
        .service(source_detail)
        .service(statement_directive)
        .service(statement_link)
        .service(statement_unlink)
        .service(source_edit_form)
        .service(source_edit)
        .service(source_remove);
}

#[get("/sources")]
async fn source_list(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let sources = state.db(|conn| Ok(db::sources::list(conn)?)).await?;
    let notice = (query.notice == "removed").then_some("notice-source-removed");
    Ok(html(
        StatusCode::OK,
        sources_page(&who.viewer(locale), &sources, notice),
    ))
}

#[get("/sources/new")]
async fn import_form(who: SignedIn, locale: Locale) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let input = ImportInput::default();
    let page = import_page(&who.viewer(locale), &input, &FieldErrors::new(), None);
    Ok(html(StatusCode::OK, page))
}

#[post("/sources/preview")]
async fn import_preview(
    who: SignedIn,
    locale: Locale,
    form: StrictForm<ImportInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    Ok(preview(&who.viewer(locale), form.0, FieldErrors::new()))
}

/// What was found in the pasted text, with the corrections to make and the problems that would
/// stop it being saved. Corrections made on the preview of another text are dropped.
fn preview(viewer: &Viewer, input: ImportInput, mut errors: FieldErrors) -> HttpResponse {
    let mut input = if input.changed_since_preview() {
        input.without_corrections()
    } else {
        input
    };
    match input.prepare() {
        Ok(prepared) => {
            // The preview fills in what was found, for the official to check and correct.
            let document = &prepared.document;
            if input.title.trim().is_empty() {
                input.title = document.title.clone();
            }
            if input.issued_on.trim().is_empty() {
                input.issued_on = document
                    .issued_on
                    .map(|d| d.to_string())
                    .unwrap_or_default();
            }
            input.previewed = document.fingerprint.clone();
            errors.extend(prepared.problems());
            let status = if errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            html(
                status,
                import_page(viewer, &input, &errors, Some(&prepared)),
            )
        }
        Err(problems) => {
            errors.extend(problems);
            let page = import_page(viewer, &input, &errors, None);
            html(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
    }
}

#[post("/sources")]
async fn import_save(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<ImportInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let input = form.0;
    let viewer = who.viewer(locale);
    if input.changed_since_preview() {
        let changed = FieldErrors::single("text", FieldError::new("import-text-changed"));
        return Ok(preview(&viewer, input, changed));
    }
    let prepared = match input.prepare() {
        Ok(prepared) => prepared,
        Err(errors) => {
            let page = import_page(&viewer, &input, &errors, None);
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    if let Err(errors) = input.check_for_saving(&prepared) {
        let page = import_page(&viewer, &input, &errors, Some(&prepared));
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page));
    }
    let acting = who.acting(&state);
    let to_save = prepared.document.clone();
    let saved = state
        .db(move |conn| actions::sources::import(conn, Operator::Person(&acting), &to_save))
        .await?;
    Ok(match saved {
        Outcome::Refused(errors) => html(
            StatusCode::UNPROCESSABLE_ENTITY,
            import_page(&viewer, &input, &errors, Some(&prepared)),
        ),
        Outcome::Saved(id) => see_other(format!("/sources/{id}?notice=imported")),
        Outcome::Unchanged | Outcome::Conflict(_) => return Err(unexpected("importing a source")),
    })
}

#[get("/sources/{id}")]
async fn source_detail(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let notice = match query.notice.as_str() {
        "imported" => Some("notice-source-imported"),
        "linked" => Some("notice-statement-linked"),
        "unlinked" => Some("notice-statement-unlinked"),
        "edited" => Some("notice-source-edited"),
        _ => None,
    };
    let shown = SourceShown {
        notice,
        refused: None,
    };
    let id = source_in(&path)?;
    render_source(&state, &who, locale, id, shown, StatusCode::OK).await
}

/// A document with what each of its statements mandates, and a notice or the link form that
/// came back refused.
async fn render_source(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    id: SourceId,
    shown: SourceShown<'_>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (source, mandated) = traceability(state, id).await?;
    Ok(html(
        status,
        source_page(&who.viewer(locale), &source, &mandated, &shown),
    ))
}

/// A document with the irritants each of its statements mandates, for its page and the API.
pub(super) async fn traceability(
    state: &AppState,
    id: SourceId,
) -> Result<
    (
        db::sources::StoredSource,
        Vec<db::sources::MandatedIrritant>,
    ),
    AppError,
> {
    state
        .db(move |conn| {
            Ok((
                db::sources::find(conn, &id)?,
                db::sources::mandated_by(conn, &id)?,
            ))
        })
        .await
}

/// Links a statement to an irritant as the official typed it, for the page and the API alike.
pub(super) async fn link_statement(
    state: &AppState,
    who: &SignedIn,
    (id, number): (&SourceId, u32),
    input: &LinkInput,
) -> Result<Outcome<()>, AppError> {
    let acting = who.acting(state);
    let id = id.clone();
    let (reference, quote, note) = (
        input.reference.clone(),
        input.quote.clone(),
        input.note.clone(),
    );
    state
        .db(move |conn| {
            let link = StatementLink {
                reference: &reference,
                quote: &quote,
                note: &note,
            };
            actions::sources::link_statement(conn, &acting, (&id, number), link)
        })
        .await
}

/// A statement's link to an irritant, as typed.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct LinkInput {
    #[schema(example = "IRR-2025-0001")]
    #[serde(default)]
    reference: String,
    /// Words of the statement, exactly as they stand, that mandate the irritant.
    #[serde(default)]
    quote: String,
    #[serde(default)]
    note: String,
}

#[post("/sources/{id}/statements/{number}/links")]
async fn statement_link(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<(String, u32)>,
    form: StrictForm<LinkInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let (id, number) = path.into_inner();
    let id = source_in(&id)?;
    let input = form.0;
    let outcome = link_statement(&state, &who, (&id, number), &input).await?;
    match outcome {
        Outcome::Refused(errors) => {
            let refused = LinkForm {
                number,
                reference: &input.reference,
                quote: &input.quote,
                note: &input.note,
                errors: &errors,
            };
            let shown = SourceShown {
                notice: None,
                refused: Some(refused),
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_source(&state, &who, locale, id, shown, status).await
        }
        Outcome::Saved(()) => Ok(see_other(format!(
            "/sources/{id}?notice=linked#statement-{number}"
        ))),
        Outcome::Unchanged | Outcome::Conflict(_) => Err(unexpected("linking a statement")),
    }
}

#[post("/sources/{id}/statements/{number}/links/{reference}/remove")]
async fn statement_unlink(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, u32, String)>,
    _form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let (id, number, reference) = path.into_inner();
    let id = source_in(&id)?;
    let reference = parse_reference(&reference)?;
    let (source, acting) = (id.clone(), who.acting(&state));
    state
        .db(move |conn| {
            let statement = (&source, number);
            actions::sources::unlink_statement(conn, &acting, statement, &reference)?.into_result()
        })
        .await?;
    Ok(see_other(format!(
        "/sources/{id}?notice=unlinked#statement-{number}"
    )))
}

#[derive(Deserialize)]
struct DirectiveInput {
    #[serde(default)]
    directive: String,
}

/// Flags or unflags a statement as a directive, where the words that mark one were missed or
/// misread.
#[post("/sources/{id}/statements/{number}/directive")]
async fn statement_directive(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, u32)>,
    form: StrictForm<DirectiveInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let (id, number) = path.into_inner();
    let id = source_in(&id)?;
    let is_directive = match form.0.directive.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest("problem-form-unreadable")),
    };
    let (source, acting) = (id.clone(), who.acting(&state));
    state
        .db(move |conn| {
            let statement = (&source, number);
            actions::sources::flag_directive(conn, &acting, statement, is_directive)?.into_result()
        })
        .await?;
    Ok(see_other(format!("/sources/{id}#statement-{number}")))
}

/// The page that corrects a document's details, or removes a document imported by mistake.
async fn render_edit(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    id: SourceId,
    input: Option<SourceDetailsInput>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let source = state
        .db(move |conn| Ok(db::sources::find(conn, &id)?))
        .await?;
    let input = input.unwrap_or_else(|| {
        SourceDetailsInput::from_stored(
            &source.document,
            (&source.title_fr, &source.participants, &source.url),
        )
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = source_edit_page(&who.viewer(locale), &source, &input, errors);
    Ok(html(status, page))
}

#[get("/sources/{id}/edit")]
async fn source_edit_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let errors = FieldErrors::new();
    render_edit(&state, &who, locale, source_in(&path)?, None, &errors).await
}

#[post("/sources/{id}/edit")]
async fn source_edit(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<SourceDetailsInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let id = source_in(&path)?;
    let input = form.0;
    match input.parse() {
        Ok(details) => {
            let (source, acting) = (id.clone(), who.acting(&state));
            state
                .db(move |conn| {
                    actions::sources::correct_details(conn, &acting, &source, &details)?
                        .into_result()
                })
                .await?;
            Ok(see_other(format!("/sources/{id}?notice=edited")))
        }
        Err(errors) => render_edit(&state, &who, locale, id, Some(input), &errors).await,
    }
}

#[derive(Deserialize)]
struct RemoveInput {
    #[serde(default)]
    confirm_remove: String,
}

/// Removes a document imported by mistake, once the official has ticked that they mean it;
/// refused while any of its statements mandates an irritant.
#[post("/sources/{id}/remove")]
async fn source_remove(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<RemoveInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let id = source_in(&path)?;
    let (source, acting) = (id.clone(), who.acting(&state));
    let confirmed = form.0.confirm_remove == "yes";
    let outcome = state
        .db(move |conn| actions::sources::remove(conn, &acting, &source, confirmed))
        .await?;
    match outcome {
        Outcome::Refused(errors) => render_edit(&state, &who, locale, id, None, &errors).await,
        Outcome::Saved(()) => Ok(see_other("/sources?notice=removed".to_owned())),
        Outcome::Unchanged | Outcome::Conflict(_) => Err(unexpected("removing a source")),
    }
}
