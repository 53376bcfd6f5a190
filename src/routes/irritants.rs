//! The irritant pages and their forms.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::extract::{StrictForm, Versioned};
use super::signed_in::SignedIn;
use super::{AppState, NoticeQuery, html, parse_reference, see_other, unexpected};
use crate::actions::irritants::{LikelyDuplicates, RecordedFor, Recording};
use crate::actions::{self, Outcome};
use crate::db;
use crate::db::irritants::{IrritantSummary, LikelyDuplicate};
use crate::domain::accounts::Permission;
use crate::domain::history::vocabulary_of;
use crate::domain::ids::{MilestoneId, SourceId, ViewId};
use crate::domain::listing::search_words;
use crate::domain::merge::{EditForm, Fingerprints, field_text, merge_edit};
use crate::domain::milestone::MilestoneInput;
use crate::domain::progress::ProgressInput;
use crate::domain::{
    FieldError, FieldErrors, Irritant, IrritantInput, ListParams, Reference, ReferenceData,
    StatusChangeInput,
};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::history::history_page;
use crate::views::irritants::{
    ForStatement, InView, IrritantDetail, IrritantFormKind, IrritantLinkForm, MilestoneForm,
    ReassignForm, detail_page, directive_search_page, irritant_form_page, list_page,
    milestone_edit_page, milestones_page, status_form_page, update_form_page,
};
use crate::views::notifications::CommentForm;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(irritant_list)
        .service(irritant_new_form)
        .service(irritant_create)
        .service(irritant_page)
        .service(irritant_link)
        .service(irritant_reassign)
        .service(slip_decide)
        .service(directive_search)
        .service(directive_link)
        .service(irritant_unlink)
        .service(irritant_edit_form)
        .service(irritant_update)
        .service(status_form)
        .service(status_change)
        .service(progress_form)
        .service(progress_add)
        .service(milestones_list)
        .service(milestone_add)
        .service(milestone_edit_form)
        .service(milestone_update)
        .service(history_list);
}

/// The message for a notice an irritant page may show after a redirect; anything else in
/// `notice` is ignored.
fn notice_message(query: &NoticeQuery, locale: Locale) -> Option<String> {
    let key = match query.notice.as_str() {
        "created" => "notice-created",
        "saved" => "notice-saved",
        "unchanged" => "notice-unchanged",
        "status" => "notice-status",
        "update" => "notice-update",
        "milestone" => "notice-milestone",
        "linked" => "notice-irritants-linked",
        "reassigned" => "notice-reassigned",
        "slip-proposed" => "notice-slip-proposed",
        "slip-approved" => "notice-slip-approved",
        "slip-rejected" => "notice-slip-rejected",
        "directive-linked" => "notice-directive-linked",
        "unlinked" => "notice-irritants-unlinked",
        "watching" => "notice-watching",
        "unwatched" => "notice-unwatched",
        "commented" => "notice-commented",
        "comment-deleted" => "notice-comment-deleted",
        _ => return None,
    };
    Some(locale.t(key).into_owned())
}

/// The `view` a list's filters were changed from, as the filter form sends it.
#[derive(Deserialize, Default)]
struct FromView {
    #[serde(default)]
    view: String,
}

#[get("/irritants")]
async fn irritant_list(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    request: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let params = ListParams::from_query(request.query_string())
        .map_err(|_| AppError::BadRequest("problem-query"))?;
    let from: FromView = serde_urlencoded::from_str(request.query_string()).unwrap_or_default();
    let mut place = InView::Register;
    if let Some(id) = ViewId::parse(&from.view) {
        let person = who.actor.id.clone();
        let found = state
            .db(move |conn| Ok(db::saved_views::find_open(conn, &id, &person)?))
            .await?;
        if let Some(view) = found {
            place = InView::From(view);
        }
    }
    list_response(&state, &who, locale, params, place, StatusCode::OK).await
}

/// The list these parameters ask for, as a page: in the register or in a saved view. The
/// parameters are shown back as given when they are refused.
pub(super) async fn list_response(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    params: ListParams,
    in_view: InView,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let cache = state.cache.clone();
    let (rules, page_size) = (state.list_rules(), state.page_size());
    let for_db = params.clone();
    let (reference_data, outcome) = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let outcome = match for_db.parse(&reference_data, rules) {
                Ok(filter) => Ok((
                    db::irritants::list(conn, &cache, &reference_data, &filter, page_size)?,
                    filter.canonical_params(&for_db.q),
                )),
                Err(errors) => Err(errors),
            };
            Ok((reference_data, outcome))
        })
        .await?;
    let viewer = who.viewer(locale);
    Ok(match outcome {
        Ok((list, canonical)) => html(
            status,
            list_page(
                &viewer,
                &canonical,
                &FieldErrors::new(),
                Some(&list),
                &reference_data,
                &in_view,
            ),
        ),
        Err(errors) => html(
            StatusCode::BAD_REQUEST,
            list_page(&viewer, &params, &errors, None, &reference_data, &in_view),
        ),
    })
}

/// The statement a new irritant is recorded for, as the address names it.
#[derive(Deserialize, Default)]
struct ForQuery {
    #[serde(default)]
    source: String,
    #[serde(default)]
    statement: String,
}

#[get("/irritants/new")]
async fn irritant_new_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<ForQuery>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let query = query.into_inner();
    let input = IrritantInput::blank_form(locale.language());
    let form = NewIrritantForm {
        input,
        mandate_source: query.source,
        mandate_statement: query.statement,
        mandate_quote: String::new(),
        distinct: String::new(),
    };
    let shown = NewFormShown {
        errors: &FieldErrors::new(),
        duplicates: &[],
    };
    render_new_form(&state, &who, locale, &form, shown, StatusCode::OK).await
}

/// The record form as sent: the irritant, and the statement it is recorded for, if any.
#[derive(Deserialize)]
struct NewIrritantForm {
    #[serde(flatten)]
    input: IrritantInput,
    #[serde(default)]
    mandate_source: String,
    #[serde(default)]
    mandate_statement: String,
    #[serde(default)]
    mandate_quote: String,
    /// `true` once the person has seen the likely duplicates and records it all the same.
    #[serde(default)]
    distinct: String,
}

impl NewIrritantForm {
    /// The statement named, if one is: a name that cannot be one names nothing there.
    fn statement(&self) -> Result<Option<(SourceId, u32)>, AppError> {
        if self.mandate_source.is_empty() && self.mandate_statement.is_empty() {
            return Ok(None);
        }
        let source = super::sources::source_in(&self.mandate_source)?;
        let number = self
            .mandate_statement
            .parse()
            .map_err(|_| AppError::NotFound)?;
        Ok(Some((source, number)))
    }
}

/// What the record form shows besides what was typed.
struct NewFormShown<'a> {
    errors: &'a FieldErrors,
    /// Irritants it may duplicate, for the person to look at before recording it.
    duplicates: &'a [LikelyDuplicate],
}

async fn render_new_form(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    form: &NewIrritantForm,
    shown_with: NewFormShown<'_>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let statement = form.statement()?;
    let cache = state.cache.clone();
    let source_id = statement.as_ref().map(|(id, _)| id.clone());
    let (reference_data, source) = state
        .db(move |conn| {
            let source = match &source_id {
                Some(id) => Some(db::sources::find(conn, id)?),
                None => None,
            };
            Ok((cache.reference_data(conn)?, source))
        })
        .await?;
    let shown = match (&source, statement) {
        (Some(source), Some((_, number))) => {
            let found = source
                .document
                .statements
                .iter()
                .find(|s| s.number == number);
            Some(ForStatement {
                source_id: &source.id,
                source_title: &source.document.title,
                statement: found.ok_or(AppError::NotFound)?,
                quote: &form.mandate_quote,
            })
        }
        _ => None,
    };
    Ok(html(
        status,
        irritant_form_page(
            &who.viewer(locale),
            IrritantFormKind::New {
                for_statement: shown,
                duplicates: shown_with.duplicates,
            },
            &form.input,
            shown_with.errors,
            &reference_data,
            None,
        ),
    ))
}

#[post("/irritants")]
async fn irritant_create(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<NewIrritantForm>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let form = form.0;
    let statement = form.statement()?;
    let cache = state.cache.clone();
    let acting = who.acting(&state);
    let (submitted, quote) = (form.input.clone(), form.mandate_quote.clone());
    let duplicates = if form.distinct == "true" {
        LikelyDuplicates::Record
    } else {
        LikelyDuplicates::Show
    };
    let recording = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let recorded_for = statement.as_ref().map(|(source, number)| RecordedFor {
                source,
                number: *number,
                quote: quote.trim(),
            });
            actions::irritants::record(
                conn,
                &acting,
                &reference_data,
                &submitted,
                (recorded_for, duplicates),
            )
        })
        .await?;
    let errors = match recording {
        Recording::Done(Outcome::Saved(reference)) => {
            return Ok(see_other(format!("/irritants/{reference}?notice=created")));
        }
        Recording::Done(Outcome::Refused(errors)) => errors,
        Recording::Done(Outcome::Unchanged | Outcome::Conflict(_)) => {
            return Err(unexpected("recording an irritant"));
        }
        // Likely recorded already: the person looks before recording it all the same.
        Recording::Paused(alike) => {
            let shown = NewFormShown {
                errors: &FieldErrors::new(),
                duplicates: &alike,
            };
            return render_new_form(&state, &who, locale, &form, shown, StatusCode::OK).await;
        }
    };
    let shown = NewFormShown {
        errors: &errors,
        duplicates: &[],
    };
    render_new_form(
        &state,
        &who,
        locale,
        &form,
        shown,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

#[get("/irritants/{reference}")]
async fn irritant_page(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let reference = parse_reference(&path)?;
    let notice = notice_message(&query, locale);
    render_detail(
        &state,
        &who,
        locale,
        reference,
        notice,
        None,
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
struct DirectiveQuery {
    #[serde(default)]
    q: String,
}

/// The most statements a search for a directive shows.
const DIRECTIVE_HITS: i64 = 30;

/// Finds statements by their words (in any of their languages), directives first, to link one
/// to this irritant.
#[get("/irritants/{reference}/directives")]
async fn directive_search(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    query: web::Query<DirectiveQuery>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(&path)?;
    let q = query.into_inner().q;
    render_directive_search(&state, &who, locale, (reference, q), None).await
}

/// The statements found by `q` for an irritant, with the link that came back refused, if any.
async fn render_directive_search(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    (reference, q): (Reference, String),
    refused_link: Option<FieldErrors>,
) -> Result<HttpResponse, AppError> {
    let words = search_words(&q);
    let for_db = words.clone();
    let (irritant, hits) = state
        .db(move |conn| {
            let irritant = db::irritants::find(conn, &reference)?;
            let hits = match for_db {
                Ok(words) if !words.is_empty() => {
                    let mut hits = db::sources::search_statements(conn, &words, DIRECTIVE_HITS)?;
                    hits.sort_by_key(|hit| !hit.is_directive);
                    Some(hits)
                }
                _ => None,
            };
            Ok((irritant, hits))
        })
        .await?;
    let (errors, status) = match (words, refused_link) {
        (Err(error), _) => (FieldErrors::single("q", error), StatusCode::BAD_REQUEST),
        (Ok(_), Some(problems)) => (problems, StatusCode::UNPROCESSABLE_ENTITY),
        (Ok(_), None) => (FieldErrors::new(), StatusCode::OK),
    };
    let page = directive_search_page(&who.viewer(locale), &irritant, &q, &errors, hits.as_deref());
    Ok(html(status, page))
}

#[derive(Deserialize)]
struct DirectiveLinkInput {
    #[serde(default)]
    source: String,
    #[serde(default)]
    statement: String,
    #[serde(default)]
    quote: String,
    /// The words the statement was found by, to show the search again if the link is refused.
    #[serde(default)]
    q: String,
}

/// Links the statement chosen among those found to this irritant.
#[post("/irritants/{reference}/directives")]
async fn directive_link(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<DirectiveLinkInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(&path)?;
    let input = form.0;
    let source = super::sources::source_in(&input.source)?;
    let number: u32 = input.statement.parse().map_err(|_| AppError::NotFound)?;
    let acting = who.acting(&state);
    let text = reference.to_string();
    let quote = input.quote;
    let outcome = state
        .db(move |conn| {
            let link = actions::sources::StatementLink {
                reference: &text,
                quote: &quote,
                note: "",
            };
            actions::sources::link_statement(conn, &acting, (&source, number), link)
        })
        .await?;
    match outcome {
        Outcome::Saved(()) => Ok(see_other(format!(
            "/irritants/{reference}?notice=directive-linked#mandates-heading"
        ))),
        Outcome::Refused(errors) => {
            let search = (reference, input.q);
            render_directive_search(&state, &who, locale, search, Some(errors)).await
        }
        Outcome::Unchanged | Outcome::Conflict(_) => Err(unexpected("linking a statement")),
    }
}

/// A form on an irritant's page that came back refused.
pub(super) enum RefusedForm<'a> {
    Link(IrritantLinkForm<'a>),
    Comment(CommentForm<'a>),
    Reassign(ReassignForm<'a>),
    Decision(&'a FieldErrors, &'a str),
}

/// What an irritant's page shows besides the irritant, read with it.
struct Surroundings {
    reference_data: std::sync::Arc<ReferenceData>,
    updates: Vec<db::progress::StoredUpdate>,
    milestones: Vec<db::milestones::Milestone>,
    links: Vec<db::irritants::LinkedIrritant>,
    mandates: Vec<db::sources::Mandate>,
    watchers: Vec<db::notifications::Watcher>,
    comments: Vec<db::comments::StoredComment>,
    pending_slip: Option<db::slips::StoredSlip>,
}

/// An irritant's page, with a notice, or with a form of it that came back refused.
pub(super) async fn render_detail(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    reference: Reference,
    notice: Option<String>,
    refused: Option<RefusedForm<'_>>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let cache = state.cache.clone();
    let today = state.today();
    let (irritant, around) = state
        .db(move |conn| {
            let irritant = db::irritants::find(conn, &reference)?;
            let around = Surroundings {
                updates: db::progress::of_irritant(conn, &irritant.id)?,
                milestones: db::milestones::of_irritant(conn, &irritant.id)?,
                links: db::irritants::links_of(conn, &irritant.id)?,
                mandates: db::sources::mandates_of(conn, &irritant.id)?,
                watchers: db::notifications::watchers(conn, &irritant.id)?,
                comments: db::comments::of_irritant(conn, &irritant.id)?,
                pending_slip: db::slips::pending_for(conn, &irritant.id)?,
                reference_data: cache.reference_data(conn)?,
            };
            Ok((irritant, around))
        })
        .await?;
    let (mut refused_link, mut refused_comment, mut refused_reassign) = (None, None, None);
    let mut refused_decision = None;
    match refused {
        Some(RefusedForm::Link(form)) => refused_link = Some(form),
        Some(RefusedForm::Comment(form)) => refused_comment = Some(form),
        Some(RefusedForm::Reassign(form)) => refused_reassign = Some(form),
        Some(RefusedForm::Decision(errors, typed)) => refused_decision = Some((errors, typed)),
        None => {}
    }
    let detail = IrritantDetail {
        irritant: &irritant,
        reference_data: &around.reference_data,
        updates: &around.updates,
        milestones: &around.milestones,
        links: &around.links,
        mandates: &around.mandates,
        watchers: &around.watchers,
        comments: &around.comments,
        today,
        notice,
        refused_link,
        refused_comment,
        refused_reassign,
        pending_slip: around.pending_slip.as_ref(),
        refused_decision,
    };
    Ok(html(status, detail_page(&who.viewer(locale), &detail)))
}

#[derive(Deserialize)]
struct ReassignInput {
    #[serde(default)]
    version: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    handover: String,
}

/// Hands the irritant over to another owner with a note for them, from its page.
#[post("/irritants/{reference}/reassign")]
async fn irritant_reassign(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<ReassignInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(&path)?;
    let input = form.0;
    let version: i32 = input
        .version
        .parse()
        .map_err(|_| AppError::BadRequest("problem-form-unreadable"))?;
    let (cache, acting) = (state.cache.clone(), who.acting(&state));
    let (owner, note) = (input.owner.clone(), input.handover.clone());
    let outcome = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let handover = actions::irritants::Handover {
                owner: &owner,
                note: &note,
            };
            actions::irritants::reassign(
                conn,
                &acting,
                &reference_data,
                (&reference, version),
                handover,
            )
        })
        .await?;
    let errors = match outcome {
        Outcome::Saved(_) => {
            return Ok(see_other(format!(
                "/irritants/{reference}?notice=reassigned"
            )));
        }
        Outcome::Unchanged => {
            return Ok(see_other(format!(
                "/irritants/{reference}?notice=unchanged"
            )));
        }
        Outcome::Refused(errors) => errors,
        Outcome::Conflict(_) => FieldErrors::single("owner", FieldError::new("reassign-changed")),
    };
    let refused = ReassignForm {
        owner: &input.owner,
        note: &input.handover,
        errors: &errors,
    };
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let refused = Some(RefusedForm::Reassign(refused));
    render_detail(&state, &who, locale, reference, None, refused, status).await
}

#[derive(Deserialize)]
struct DecisionInput {
    #[serde(default)]
    decision_reason: String,
}

/// A manager approves or rejects a later target date proposed for this irritant.
#[post("/irritants/{reference}/slips/{id}/{verb}")]
async fn slip_decide(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<(String, String, String)>,
    form: StrictForm<DecisionInput>,
) -> Result<HttpResponse, AppError> {
    let (reference, id, verb) = path.into_inner();
    let reference = parse_reference(&reference)?;
    let id = uuid::Uuid::parse_str(&id)
        .map_err(|_| AppError::NotFound)?
        .to_string();
    let reason = form.0.decision_reason;
    let approving = match verb.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::NotFound),
    };
    let (cache, acting) = (state.cache.clone(), who.acting(&state));
    let for_db = reason.clone();
    let outcome = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let decision = if approving {
                actions::slips::Decision::Approve
            } else {
                actions::slips::Decision::Reject(&for_db)
            };
            actions::slips::decide(conn, &acting, &reference_data, (&reference, &id), decision)
        })
        .await?;
    match outcome {
        Outcome::Saved(()) => {
            let notice = if approving {
                "slip-approved"
            } else {
                "slip-rejected"
            };
            Ok(see_other(format!("/irritants/{reference}?notice={notice}")))
        }
        Outcome::Refused(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let refused = Some(RefusedForm::Decision(&errors, &reason));
            render_detail(&state, &who, locale, reference, None, refused, status).await
        }
        Outcome::Unchanged | Outcome::Conflict(_) => Err(unexpected("deciding a date slip")),
    }
}

#[derive(Deserialize)]
struct IrritantLinkInput {
    #[serde(default)]
    linked: String,
    #[serde(default)]
    kind: String,
}

/// How many irritants the link form offers to choose from when words were typed.
const LINK_CANDIDATES: u32 = 10;

/// The irritants other than `reference` whose words match `words`, most recently changed
/// first: the choices of the link form when it was given words rather than a reference.
async fn link_candidates(
    state: &AppState,
    reference: Reference,
    words: &str,
) -> Result<Result<Vec<IrritantSummary>, FieldError>, AppError> {
    let params = ListParams {
        q: words.to_owned(),
        ..ListParams::default()
    };
    let (cache, rules) = (state.cache.clone(), state.list_rules());
    state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let filter = match params.parse(&reference_data, rules) {
                Ok(filter) => filter,
                Err(errors) => {
                    let problem = errors.get("q").cloned();
                    return Ok(Err(problem.unwrap_or_else(|| FieldError::new("required"))));
                }
            };
            let page =
                db::irritants::list(conn, &cache, &reference_data, &filter, LINK_CANDIDATES + 1)?;
            let others: Vec<IrritantSummary> = page
                .rows
                .into_iter()
                .filter(|row| row.reference != reference)
                .take(LINK_CANDIDATES as usize)
                .collect();
            Ok(if others.is_empty() {
                Err(FieldError::new("link-no-match").with("value", params.q.trim()))
            } else {
                Ok(others)
            })
        })
        .await
}

/// Links this irritant to another, such as a retaliation pair; both pages show the link. The
/// other is named by its reference, or found by words of its title: then the page offers the
/// irritants that match, to choose from.
#[post("/irritants/{reference}/links")]
async fn irritant_link(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<IrritantLinkInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(&path)?;
    let input = form.0;
    let typed = input.linked.trim();
    let mut candidates = Vec::new();
    let (errors, status) = if !typed.is_empty() && Reference::parse(typed).is_err() {
        match link_candidates(&state, reference, typed).await? {
            Ok(found) => {
                candidates = found;
                (FieldErrors::new(), StatusCode::OK)
            }
            Err(problem) => (
                FieldErrors::single("linked", problem),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        }
    } else {
        let acting = who.acting(&state);
        let (linked, kind) = (input.linked.clone(), input.kind.clone());
        let outcome = state
            .db(move |conn| actions::irritants::link(conn, &acting, &reference, (&linked, &kind)))
            .await?;
        match outcome {
            Outcome::Refused(errors) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
            Outcome::Saved(()) => {
                return Ok(see_other(format!("/irritants/{reference}?notice=linked")));
            }
            Outcome::Unchanged | Outcome::Conflict(_) => {
                return Err(unexpected("linking irritants"));
            }
        }
    };
    let refused = IrritantLinkForm {
        linked: &input.linked,
        kind: &input.kind,
        errors: &errors,
        candidates: &candidates,
    };
    let refused = RefusedForm::Link(refused);
    render_detail(&state, &who, locale, reference, None, Some(refused), status).await
}

/// Removes the link between this irritant and another; both histories record it.
#[post("/irritants/{reference}/links/{other}/remove")]
async fn irritant_unlink(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    _form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let (reference, other) = path.into_inner();
    let (reference, other) = (parse_reference(&reference)?, parse_reference(&other)?);
    let acting = who.acting(&state);
    state
        .db(move |conn| {
            actions::irritants::unlink(conn, &acting, (&reference, &other))?.into_result()
        })
        .await?;
    Ok(see_other(format!(
        "/irritants/{reference}?notice=unlinked#links-heading"
    )))
}

#[get("/irritants/{reference}/edit")]
async fn irritant_edit_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let cache = state.cache.clone();
    let reference = parse_reference(&path)?;
    let (irritant, reference_data) = state
        .db(move |conn| {
            Ok((
                db::irritants::find(conn, &reference)?,
                cache.reference_data(conn)?,
            ))
        })
        .await?;
    let input = IrritantInput::from(&irritant.fields);
    let kind = IrritantFormKind::Edit {
        irritant: &irritant,
        version: irritant.version,
        base: Fingerprints::of(&input).encode(),
    };
    Ok(html(
        StatusCode::OK,
        irritant_form_page(
            &who.viewer(locale),
            kind,
            &input,
            &FieldErrors::new(),
            &reference_data,
            None,
        ),
    ))
}

/// The user's refused edit laid over the current values (see [`merge_edit`]), with each field
/// both changed flagged with what the other person entered, in words.
fn merged_with_theirs<T: EditForm>(
    locale: Locale,
    base: Option<&Fingerprints>,
    mine: &T,
    theirs: &T,
    reference_data: &ReferenceData,
) -> (T, FieldErrors) {
    let (merged, disputed) = merge_edit(base, mine, theirs);
    let mut errors = FieldErrors::new();
    for field in disputed {
        let value = field_text(theirs, field);
        let readable = match (field, vocabulary_of(field)) {
            (_, _) if value.trim().is_empty() => locale.t("history-empty-value").into_owned(),
            ("owner", _) => reference_data
                .find_person(&value)
                .map_or(value, |p| p.name.clone()),
            (_, Some(prefix)) => locale.label(prefix, &value).into_owned(),
            _ => value,
        };
        errors.add(
            field,
            FieldError::new("changed-meanwhile").with("theirs", readable),
        );
    }
    (merged, errors)
}

#[post("/irritants/{reference}/edit")]
async fn irritant_update(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<Versioned<IrritantInput>>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let cache = state.cache.clone();
    let reference = parse_reference(&path)?;
    let expected = form.0.version()?;
    let (base, base_text) = (form.0.base(), form.0.base_text().to_owned());
    let input = form.0.input;
    let acting = who.acting(&state);
    let submitted = input.clone();
    let (outcome, irritant, reference_data) = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let edited = (&reference, expected);
            let outcome =
                actions::irritants::edit(conn, &acting, &reference_data, edited, &submitted)?;
            // Read again only to show the form once more.
            let irritant = match outcome.is_done() {
                true => None,
                false => Some(db::irritants::find(conn, &reference)?),
            };
            Ok((outcome, irritant, reference_data))
        })
        .await?;
    let (errors, changes) = match outcome {
        Outcome::Saved(edited) => {
            let notice = if edited.slip_proposed {
                "slip-proposed"
            } else {
                "saved"
            };
            return Ok(see_other(format!("/irritants/{reference}?notice={notice}")));
        }
        Outcome::Unchanged => {
            return Ok(see_other(format!(
                "/irritants/{reference}?notice=unchanged"
            )));
        }
        Outcome::Refused(errors) => (errors, None),
        Outcome::Conflict(conflict) => (FieldErrors::new(), Some(conflict.changes)),
    };
    let irritant = irritant.ok_or_else(|| unexpected("editing an irritant"))?;
    let viewer = who.viewer(locale);
    let Some(changes) = changes else {
        let kind = IrritantFormKind::Edit {
            irritant: &irritant,
            version: expected,
            base: base_text,
        };
        let page = irritant_form_page(&viewer, kind, &input, &errors, &reference_data, None);
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page));
    };
    // The form comes back merged onto the current version: what the user changed is kept,
    // what the others changed is taken in, and fields both changed are flagged. Saving again
    // is a deliberate choice made after seeing what the others did.
    let theirs = IrritantInput::from(&irritant.fields);
    let (merged, disputed) =
        merged_with_theirs(locale, base.as_ref(), &input, &theirs, &reference_data);
    let kind = IrritantFormKind::Edit {
        irritant: &irritant,
        version: irritant.version,
        base: Fingerprints::of(&theirs).encode(),
    };
    let page = irritant_form_page(
        &viewer,
        kind,
        &merged,
        &disputed,
        &reference_data,
        Some(&changes),
    );
    Ok(html(StatusCode::CONFLICT, page))
}

/// The irritant whose form a page shows, for someone who may edit it.
async fn to_edit(state: &AppState, who: &SignedIn, reference: &str) -> Result<Irritant, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(reference)?;
    state
        .db(move |conn| Ok(db::irritants::find(conn, &reference)?))
        .await
}

#[get("/irritants/{reference}/status")]
async fn status_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let irritant = to_edit(&state, &who, &path).await?;
    let input = StatusChangeInput {
        effective_date: state.today().to_string(),
        ..Default::default()
    };
    Ok(html(
        StatusCode::OK,
        status_form_page(
            &who.viewer(locale),
            &irritant,
            irritant.version,
            &input,
            &FieldErrors::new(),
            None,
        ),
    ))
}

#[post("/irritants/{reference}/status")]
async fn status_change(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<Versioned<StatusChangeInput>>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(&path)?;
    let expected = form.0.version()?;
    let input = form.0.input;
    let acting = who.acting(&state);
    let submitted = input.clone();
    let (outcome, irritant) = state
        .db(move |conn| {
            let edited = (&reference, expected);
            let outcome = actions::irritants::change_status(conn, &acting, edited, &submitted)?;
            let irritant = match outcome.is_done() {
                true => None,
                false => Some(db::irritants::find(conn, &reference)?),
            };
            Ok((outcome, irritant))
        })
        .await?;
    let Some(irritant) = irritant else {
        return Ok(see_other(format!("/irritants/{reference}?notice=status")));
    };
    let (status, version, errors, conflict) = match outcome {
        Outcome::Saved(_) | Outcome::Unchanged => return Err(unexpected("changing a status")),
        Outcome::Refused(errors) => (StatusCode::UNPROCESSABLE_ENTITY, expected, errors, None),
        Outcome::Conflict(conflict) => (
            StatusCode::CONFLICT,
            irritant.version,
            FieldErrors::new(),
            Some(conflict.changes),
        ),
    };
    let page = status_form_page(
        &who.viewer(locale),
        &irritant,
        version,
        &input,
        &errors,
        conflict.as_deref(),
    );
    Ok(html(status, page))
}

#[get("/irritants/{reference}/updates")]
async fn progress_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let irritant = to_edit(&state, &who, &path).await?;
    let input = ProgressInput {
        reported_on: state.today().to_string(),
        language: locale.code().into(),
        ..Default::default()
    };
    Ok(html(
        StatusCode::OK,
        update_form_page(&who.viewer(locale), &irritant, &input, &FieldErrors::new()),
    ))
}

#[post("/irritants/{reference}/updates")]
async fn progress_add(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<ProgressInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(&path)?;
    let input = form.0;
    let acting = who.acting(&state);
    let submitted = input.clone();
    let cache = state.cache.clone();
    let outcome = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            match actions::progress::add(conn, &acting, &reference_data, &reference, &submitted)? {
                Outcome::Refused(errors) => {
                    Ok(Some((errors, db::irritants::find(conn, &reference)?)))
                }
                _ => Ok(None),
            }
        })
        .await?;
    let Some((errors, irritant)) = outcome else {
        return Ok(see_other(format!("/irritants/{reference}?notice=update")));
    };
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        update_form_page(&who.viewer(locale), &irritant, &input, &errors),
    ))
}

#[get("/irritants/{reference}/milestones")]
async fn milestones_list(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let reference = parse_reference(&path)?;
    let form = (MilestoneInput::default(), FieldErrors::new());
    let saved = notice_message(&query, locale);
    render_milestones(
        &state,
        &who,
        locale,
        reference,
        form,
        (StatusCode::OK, saved),
    )
    .await
}

async fn render_milestones(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    reference: Reference,
    (input, errors): (MilestoneInput, FieldErrors),
    (status, saved): (StatusCode, Option<String>),
) -> Result<HttpResponse, AppError> {
    let cache = state.cache.clone();
    let today = state.today();
    let (irritant, milestones, reference_data) = state
        .db(move |conn| {
            let irritant = db::irritants::find(conn, &reference)?;
            let milestones = db::milestones::of_irritant(conn, &irritant.id)?;
            Ok((irritant, milestones, cache.reference_data(conn)?))
        })
        .await?;
    Ok(html(
        status,
        milestones_page(
            &who.viewer(locale),
            (&irritant, &milestones),
            (&input, &errors),
            &reference_data,
            today,
            saved,
        ),
    ))
}

#[post("/irritants/{reference}/milestones")]
async fn milestone_add(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<MilestoneInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let cache = state.cache.clone();
    let reference = parse_reference(&path)?;
    let input = form.0;
    let acting = who.acting(&state);
    let submitted = input.clone();
    let outcome = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            actions::milestones::add(conn, &acting, &reference_data, &reference, &submitted)
        })
        .await?;
    let errors = match outcome {
        Outcome::Refused(errors) => errors,
        Outcome::Saved(_) => {
            return Ok(see_other(format!(
                "/irritants/{reference}/milestones?notice=milestone"
            )));
        }
        Outcome::Unchanged | Outcome::Conflict(_) => return Err(unexpected("adding a milestone")),
    };
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    render_milestones(
        &state,
        &who,
        locale,
        reference,
        (input, errors),
        (status, None),
    )
    .await
}

#[get("/irritants/{reference}/milestones/{id}")]
async fn milestone_edit_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let cache = state.cache.clone();
    let (reference, milestone_id) = path.into_inner();
    let milestone_id = MilestoneId::parse(&milestone_id).ok_or(AppError::NotFound)?;
    let reference = parse_reference(&reference)?;
    let (irritant, milestone, reference_data) = state
        .db(move |conn| {
            Ok((
                db::irritants::find(conn, &reference)?,
                db::milestones::find(conn, &reference, &milestone_id)?,
                cache.reference_data(conn)?,
            ))
        })
        .await?;
    let input = MilestoneInput::from(&milestone.fields);
    let base = Fingerprints::of(&input).encode();
    let form = MilestoneForm {
        milestone: &milestone,
        version: milestone.version,
        input: &input,
        errors: &FieldErrors::new(),
        conflict: false,
        base: &base,
    };
    Ok(html(
        StatusCode::OK,
        milestone_edit_page(&who.viewer(locale), &irritant, &form, &reference_data),
    ))
}

#[post("/irritants/{reference}/milestones/{id}")]
async fn milestone_update(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<(String, String)>,
    form: StrictForm<Versioned<MilestoneInput>>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let cache = state.cache.clone();
    let (reference, milestone_id) = path.into_inner();
    let milestone_id = MilestoneId::parse(&milestone_id).ok_or(AppError::NotFound)?;
    let reference = parse_reference(&reference)?;
    let expected = form.0.version()?;
    let (base, base_text) = (form.0.base(), form.0.base_text().to_owned());
    let input = form.0.input;
    let acting = who.acting(&state);
    let submitted = input.clone();
    let (outcome, shown, reference_data) = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let edited = (&reference, &milestone_id, expected);
            let outcome =
                actions::milestones::change(conn, &acting, &reference_data, edited, &submitted)?;
            if outcome.is_done() {
                return Ok((outcome, None, reference_data));
            }
            let irritant = db::irritants::find(conn, &reference)?;
            let milestone = db::milestones::find(conn, &reference, &milestone_id)?;
            Ok((outcome, Some((irritant, milestone)), reference_data))
        })
        .await?;
    let Some((irritant, milestone)) = shown else {
        return Ok(see_other(format!(
            "/irritants/{reference}/milestones?notice=milestone"
        )));
    };
    let viewer = who.viewer(locale);
    match outcome {
        Outcome::Saved(_) | Outcome::Unchanged => Err(unexpected("changing a milestone")),
        Outcome::Refused(errors) => {
            let form = MilestoneForm {
                milestone: &milestone,
                version: expected,
                input: &input,
                errors: &errors,
                conflict: false,
                base: &base_text,
            };
            let page = milestone_edit_page(&viewer, &irritant, &form, &reference_data);
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Outcome::Conflict(_) => {
            let theirs = MilestoneInput::from(&milestone.fields);
            let (merged, disputed) =
                merged_with_theirs(locale, base.as_ref(), &input, &theirs, &reference_data);
            let base = Fingerprints::of(&theirs).encode();
            let form = MilestoneForm {
                milestone: &milestone,
                version: milestone.version,
                input: &merged,
                errors: &disputed,
                conflict: true,
                base: &base,
            };
            let page = milestone_edit_page(&viewer, &irritant, &form, &reference_data);
            Ok(html(StatusCode::CONFLICT, page))
        }
    }
}

#[get("/irritants/{reference}/history")]
async fn history_list(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let reference = parse_reference(&path)?;
    let (irritant, entries) = state
        .db(move |conn| {
            let irritant = db::irritants::find(conn, &reference)?;
            let entries = db::history::entries(conn, &irritant.id, None)?;
            Ok((irritant, entries))
        })
        .await?;
    Ok(html(
        StatusCode::OK,
        history_page(&who.viewer(locale), &irritant, &entries),
    ))
}
