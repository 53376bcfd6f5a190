//! Irritants and their progress updates in the API.

use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ErrorBody, read_body};
use crate::actions;
use crate::actions::irritants::LikelyDuplicates;
use crate::db;
use crate::db::progress::StoredUpdate;
use crate::domain::accounts::Permission;
use crate::domain::progress::{ProgressInput, UpdateText};
use crate::domain::{
    FieldError, FieldErrors, IrritantInput, ListParams, Product, Reference, ReferenceData, Status,
    StatusChange, StatusChangeInput,
};
use crate::error::AppError;
use crate::formats::irritant_json::IrritantJson;
use crate::routes::extract::lenient_text;
use crate::routes::signed_in::SignedIn;
use crate::routes::{AppState, parse_reference, unexpected};

#[derive(Serialize, ToSchema)]
pub struct IrritantList {
    pub(super) items: Vec<IrritantJson>,
    total: i64,
    page: u32,
    page_size: u32,
}

/// The facts of an irritant as the API takes them: `title` and `counterpart` are needed to
/// create one; everything else has a default. Numbers may be sent as numbers or strings.
#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct IrritantCreate {
    #[serde(deserialize_with = "lenient_text")]
    title: String,
    #[serde(deserialize_with = "lenient_text")]
    summary: String,
    /// `en` (the default) or `fr`: the language `title` and `summary` are written in.
    #[serde(deserialize_with = "lenient_text")]
    language: String,
    /// The title in the other official language.
    #[serde(deserialize_with = "lenient_text")]
    title_translation: String,
    /// The summary in the other official language.
    #[serde(deserialize_with = "lenient_text")]
    summary_translation: String,
    #[serde(deserialize_with = "lenient_text")]
    counterpart: String,
    #[serde(deserialize_with = "lenient_text")]
    direction: String,
    #[serde(deserialize_with = "lenient_text")]
    sector: String,
    products: Option<Vec<ProductInput>>,
    #[serde(deserialize_with = "lenient_text")]
    measure_type: String,
    #[serde(deserialize_with = "lenient_text")]
    measure: String,
    /// Only `open`: a new irritant starts open; change its status afterwards.
    #[serde(deserialize_with = "lenient_text")]
    status: String,
    #[serde(deserialize_with = "lenient_text")]
    priority: String,
    #[serde(deserialize_with = "lenient_text")]
    action_holder: String,
    /// The owner's e-mail address.
    #[serde(deserialize_with = "lenient_text")]
    owner: String,
    #[serde(deserialize_with = "lenient_text")]
    lead_department: String,
    #[serde(deserialize_with = "lenient_text")]
    team: String,
    #[serde(deserialize_with = "lenient_text")]
    target_date: String,
    /// The day the measure took effect, YYYY-MM-DD.
    #[serde(deserialize_with = "lenient_text")]
    in_force_since: String,
    trade_value: Option<TradeValueInput>,
}

#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ProductInput {
    #[serde(deserialize_with = "lenient_text")]
    hs_code: String,
    #[serde(default, deserialize_with = "lenient_text")]
    label: String,
}

#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct TradeValueInput {
    #[serde(deserialize_with = "lenient_text")]
    amount_cad: String,
    #[serde(deserialize_with = "lenient_text")]
    year: String,
    #[serde(deserialize_with = "lenient_text")]
    source: String,
}

/// Products as the form's lines, each checked whole first, so that a code or label holding
/// spaces or line breaks cannot be read back as something else.
fn product_lines(products: &[ProductInput]) -> Result<String, FieldError> {
    let mut checked = Vec::with_capacity(products.len());
    for (index, product) in products.iter().enumerate() {
        if product.label.contains(['\n', '\r']) {
            return Err(FieldError::new("one-line"));
        }
        checked.push(
            Product::new(&product.hs_code, &product.label)
                .map_err(|e| e.with("line", index + 1))?,
        );
    }
    Ok(Product::to_lines(&checked))
}

/// The problems found while laying JSON over form input, with those the input itself has: a
/// request refused for its shape is told everything wrong with it at once.
fn with_input_problems(
    mut problems: FieldErrors,
    input: &IrritantInput,
    reference_data: &ReferenceData,
    today: NaiveDate,
) -> FieldErrors {
    if let Err(more) = input.parse(reference_data, today) {
        problems.extend(more);
    }
    problems
}

/// Lays JSON fields over form input: only fields the client sent replace what is there.
/// Returns the problems it found on the way.
fn overlay(
    input: &mut IrritantInput,
    body: IrritantCreate,
    sent: &serde_json::Map<String, serde_json::Value>,
) -> FieldErrors {
    let mut problems = FieldErrors::new();
    let take = |name: &str, target: &mut String, value: String| {
        if sent.contains_key(name) {
            *target = value;
        }
    };
    take("title", &mut input.title, body.title);
    take("summary", &mut input.summary, body.summary);
    take("language", &mut input.language, body.language);
    take(
        "title_translation",
        &mut input.title_translation,
        body.title_translation,
    );
    take(
        "summary_translation",
        &mut input.summary_translation,
        body.summary_translation,
    );
    take("counterpart", &mut input.counterpart, body.counterpart);
    take("direction", &mut input.direction, body.direction);
    take("sector", &mut input.sector, body.sector);
    take("measure_type", &mut input.measure_type, body.measure_type);
    take("measure", &mut input.measure, body.measure);
    take("priority", &mut input.priority, body.priority);
    take(
        "action_holder",
        &mut input.action_holder,
        body.action_holder,
    );
    take("owner", &mut input.owner, body.owner);
    take(
        "lead_department",
        &mut input.lead_department,
        body.lead_department,
    );
    take("team", &mut input.team, body.team);
    take("target_date", &mut input.target_date, body.target_date);
    take(
        "in_force_since",
        &mut input.in_force_since,
        body.in_force_since,
    );
    if sent.contains_key("products") {
        match product_lines(&body.products.unwrap_or_default()) {
            Ok(lines) => input.products = lines,
            Err(error) => {
                input.products.clear();
                problems.add("products", error);
            }
        }
    }
    if sent.contains_key("trade_value") {
        let value = body.trade_value.unwrap_or_default();
        input.trade_value_amount = value.amount_cad;
        input.trade_value_year = value.year;
        input.trade_value_source = value.source;
    }
    problems
}

#[utoipa::path(
    get, path = "/api/v1/irritants", tag = "irritants",
    params(
        ("q" = Option<String>, Query, description = "Words that must all appear in the reference, title, summary, measure, team or products"),
        ("status" = Option<String>, Query, description = "open, resolved_in_part, resolved, dormant or closed"),
        ("priority" = Option<String>, Query, description = "leaders, high, medium, low or watch"),
        ("sector" = Option<String>, Query),
        ("counterpart" = Option<String>, Query, description = "ISO 3166-1 alpha-2 code"),
        ("owner" = Option<String>, Query, description = "An e-mail address, or `none` for irritants without an owner"),
        ("department" = Option<String>, Query, description = "A department code, or `none`"),
        ("rag" = Option<String>, Query, description = "on_track, at_risk, off_track, or `none` for no update yet"),
        ("overdue" = Option<bool>, Query, description = "Only irritants with a passed target date or an overdue milestone"),
        ("sort" = Option<String>, Query, description = "updated (default), target_date, priority or title"),
        ("page" = Option<u32>, Query, description = "From 1"),
    ),
    responses((status = 200, body = IrritantList), (status = 422, body = ErrorBody))
)]
#[get("/irritants")]
pub async fn api_irritant_list(
    state: web::Data<AppState>,
    _signed_in: SignedIn,
    query: web::Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let cache = state.cache.clone();
    let params = query.into_inner();
    let (rules, page_size) = (state.list_rules(), state.page_size());
    let list = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let filter = params
                .parse(&reference_data, rules)
                .map_err(AppError::Invalid)?;
            let (irritants, total) = db::irritants::list_full(conn, &cache, &filter, page_size)?;
            Ok(IrritantList {
                items: irritants
                    .iter()
                    .map(|i| IrritantJson::new(i, &reference_data))
                    .collect(),
                total,
                page: filter.page,
                page_size,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(
    post, path = "/api/v1/irritants", tag = "irritants", request_body = IrritantCreate,
    responses((status = 201, body = IrritantJson), (status = 422, body = ErrorBody), (status = 400, body = ErrorBody))
)]
#[post("/irritants")]
pub async fn api_irritant_create(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let cache = state.cache.clone();
    let (body, sent): (IrritantCreate, _) = read_body(body.into_inner())?;
    let mut problems = FieldErrors::new();
    if !body.status.is_empty() && body.status != Status::Open.code() {
        problems.add("status", FieldError::new("status-new-must-be-open"));
    }
    let mut input = IrritantInput::default();
    problems.extend(overlay(&mut input, body, &sent));
    let acting = who.acting(&state);
    let json = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            if !problems.is_empty() {
                let problems = with_input_problems(problems, &input, &reference_data, acting.today);
                return Err(AppError::Invalid(problems));
            }
            // An integration records what it is sent; only a person is shown likely duplicates.
            let anyway = (None, LikelyDuplicates::Record);
            let recorded =
                actions::irritants::record(conn, &acting, &reference_data, &input, anyway)?;
            let reference = recorded
                .recorded()?
                .into_result()?
                .ok_or_else(|| unexpected("recording an irritant"))?;
            Ok(IrritantJson::new(
                &db::irritants::find(conn, &reference)?,
                &reference_data,
            ))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/irritants/{}", json.reference)))
        .json(json))
}

#[utoipa::path(
    get, path = "/api/v1/irritants/{reference}", tag = "irritants",
    params(("reference" = String, Path, example = "IRR-2025-0007")),
    responses((status = 200, body = IrritantJson), (status = 404, body = ErrorBody))
)]
#[get("/irritants/{reference}")]
pub async fn api_irritant_get(
    state: web::Data<AppState>,
    _signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let cache = state.cache.clone();
    let reference = parse_reference(&path)?;
    let json = state
        .db(move |conn| {
            let irritant = db::irritants::find(conn, &reference)?;
            let reference_data = cache.reference_data(conn)?;
            Ok(IrritantJson::new(&irritant, &reference_data))
        })
        .await?;
    Ok(HttpResponse::Ok().json(json))
}

/// The details a status change may carry beside `status` in a PATCH.
const STATUS_DETAILS: [&str; 4] = [
    "status_date",
    "status_note",
    "closure_reason",
    "status_summary",
];

/// Whether a PATCH may name this field: the version, a fact as `IrritantCreate` names it
/// (read off the type itself, so the two cannot drift apart), or a status detail.
fn is_patch_field(name: &str) -> bool {
    static FACTS: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| match serde_json::to_value(IrritantCreate::default()) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
            _ => Vec::new(),
        });
    name == "version"
        || name == "slip_reason"
        || STATUS_DETAILS.contains(&name)
        || FACTS.iter().any(|fact| fact == name)
}

/// A change to an irritant: the `version` it was read at, and the fields to change. A change
/// of `status` follows the status rules and needs `status_date`, and `status_note` or
/// `closure_reason` as the new status requires.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IrritantPatch {
    version: i32,
    #[serde(flatten)]
    #[schema(inline)]
    facts: IrritantCreate,
    #[serde(default, deserialize_with = "lenient_text")]
    status_date: String,
    #[serde(default, deserialize_with = "lenient_text")]
    status_note: String,
    #[serde(default, deserialize_with = "lenient_text")]
    closure_reason: String,
    /// A one-line summary of the status change, for the history.
    #[serde(default, deserialize_with = "lenient_text")]
    status_summary: String,
    /// Why the target date moves later, required when it does. On a Leaders or High priority
    /// irritant, an officer's later date waits for a manager's approval: the irritant keeps
    /// its date meanwhile.
    #[serde(default, deserialize_with = "lenient_text")]
    slip_reason: String,
}

#[utoipa::path(
    patch, path = "/api/v1/irritants/{reference}", tag = "irritants", request_body = IrritantPatch,
    params(("reference" = String, Path)),
    responses(
        (status = 200, body = IrritantJson),
        (status = 409, description = "The irritant changed since `version`; nothing was changed", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
#[patch("/irritants/{reference}")]
pub async fn api_irritant_patch(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let cache = state.cache.clone();
    let reference = parse_reference(&path)?;
    let request = PatchRequest::read(body.into_inner())?;
    let acting = who.acting(&state);
    let json = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            request.apply(conn, &acting, &reference_data, &reference)?;
            Ok(IrritantJson::new(
                &db::irritants::find(conn, &reference)?,
                &reference_data,
            ))
        })
        .await?;
    Ok(HttpResponse::Ok().json(json))
}

/// A PATCH as read: what it sends, and what it means to change.
struct PatchRequest {
    patch: IrritantPatch,
    /// The names of the fields sent.
    sent: serde_json::Map<String, serde_json::Value>,
    /// The status change asked for, with its details, when `status` is sent.
    status: Option<StatusChangeInput>,
    changes_facts: bool,
    sends_status_details: bool,
}

impl PatchRequest {
    /// Reads a PATCH body, refusing one without a version, with fields an irritant does not
    /// have, or with details of a status change that is not asked for.
    fn read(body: serde_json::Value) -> Result<Self, AppError> {
        let has_version = body.get("version").is_some_and(serde_json::Value::is_i64);
        if !has_version {
            return Err(AppError::Invalid(FieldErrors::single(
                "version",
                FieldError::new("version-required"),
            )));
        }
        // `deny_unknown_fields` does not combine with `flatten`: check the names here instead.
        if let Some(unknown) = body
            .as_object()
            .and_then(|map| map.keys().find(|k| !is_patch_field(k)))
        {
            return Err(AppError::MalformedJson(format!(
                "unknown field `{unknown}`"
            )));
        }
        let (patch, sent): (IrritantPatch, _) = read_body(body)?;
        let status = sent.contains_key("status").then(|| StatusChangeInput {
            status: patch.facts.status.clone(),
            effective_date: patch.status_date.clone(),
            note: patch.status_note.clone(),
            closure_reason: patch.closure_reason.clone(),
            summary: patch.status_summary.clone(),
        });
        let changes_facts = sent
            .keys()
            .any(|k| k != "version" && k != "status" && !STATUS_DETAILS.contains(&k.as_str()));
        let sends_status_details = STATUS_DETAILS.iter().any(|d| sent.contains_key(*d));
        // Details of a status change mean nothing without the status they go with.
        if status.is_none() {
            let mut errors = FieldErrors::new();
            for detail in STATUS_DETAILS.into_iter().filter(|d| sent.contains_key(*d)) {
                errors.add(detail, FieldError::new("status-detail-without-status"));
            }
            if !errors.is_empty() {
                return Err(AppError::Invalid(errors));
            }
        }
        Ok(Self {
            patch,
            sent,
            status,
            changes_facts,
            sends_status_details,
        })
    }

    /// Lays the PATCH over the irritant as stored, provided it is still at the version the
    /// client read, and changes it through the action layer.
    fn apply(
        self,
        conn: &mut db::DbConnection,
        acting: &actions::Acting,
        reference_data: &ReferenceData,
        reference: &Reference,
    ) -> Result<(), AppError> {
        let expected = self.patch.version;
        let current = db::irritants::find(conn, reference)?;
        if current.version != expected {
            return Err(AppError::Conflict {
                expected,
                current: current.version,
            });
        }
        // Sending back the status it already has, with no details, changes nothing (a client
        // may PATCH the whole irritant it read); any detail makes it a change.
        let sends_status_details = self.sends_status_details;
        let status = self
            .status
            .filter(|input| input.status != current.status.status.code() || sends_status_details);
        let mut input = IrritantInput::from(&current.fields);
        input.slip_reason = self.patch.slip_reason.clone();
        let problems = if self.changes_facts {
            overlay(&mut input, self.patch.facts, &self.sent)
        } else {
            FieldErrors::new()
        };
        let today = acting.today;
        if !problems.is_empty() {
            let mut problems = with_input_problems(problems, &input, reference_data, today);
            if let Some(Err(more)) = status
                .as_ref()
                .map(|status| StatusChange::parse(status, &current.status, today))
            {
                problems.extend(actions::irritants::as_status_details(more));
            }
            return Err(AppError::Invalid(problems));
        }
        let change = actions::irritants::Patch {
            facts: self.changes_facts.then_some(&input),
            status: status.as_ref(),
        };
        let edited = (reference, expected);
        actions::irritants::patch(conn, acting, reference_data, edited, &change)?
            .into_result()
            .map(|_| ())
    }
}

/// A progress update.
#[derive(Serialize, ToSchema)]
pub struct UpdateJson {
    id: String,
    reported_on: NaiveDate,
    #[schema(example = "at_risk")]
    rag: String,
    #[serde(flatten)]
    text: UpdateText,
    author: String,
    created_at: NaiveDateTime,
}

impl From<StoredUpdate> for UpdateJson {
    fn from(update: StoredUpdate) -> Self {
        Self {
            id: update.id,
            reported_on: update.reported_on,
            rag: update.rag.code().into(),
            text: update.text,
            author: update.author_name,
            created_at: update.created_at,
        }
    }
}

#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct UpdateCreate {
    /// Defaults to today.
    #[serde(deserialize_with = "lenient_text")]
    reported_on: String,
    #[serde(deserialize_with = "lenient_text")]
    rag: String,
    #[serde(deserialize_with = "lenient_text")]
    done: String,
    #[serde(deserialize_with = "lenient_text")]
    next_steps: String,
    /// `en` (the default) or `fr`: the language `done` and `next_steps` are written in.
    #[serde(deserialize_with = "lenient_text")]
    language: String,
    #[serde(deserialize_with = "lenient_text")]
    done_translation: String,
    #[serde(deserialize_with = "lenient_text")]
    next_steps_translation: String,
}

#[utoipa::path(
    get, path = "/api/v1/irritants/{reference}/updates", tag = "progress updates",
    params(("reference" = String, Path)),
    responses((status = 200, body = Vec<UpdateJson>), (status = 404, body = ErrorBody))
)]
#[get("/irritants/{reference}/updates")]
pub async fn api_update_list(
    state: web::Data<AppState>,
    _signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let reference = parse_reference(&path)?;
    let updates = state
        .db(move |conn| {
            let irritant = db::irritants::find(conn, &reference)?;
            Ok(db::progress::of_irritant(conn, &irritant.id)?)
        })
        .await?;
    let json: Vec<UpdateJson> = updates.into_iter().map(UpdateJson::from).collect();
    Ok(HttpResponse::Ok().json(json))
}

#[utoipa::path(
    post, path = "/api/v1/irritants/{reference}/updates", tag = "progress updates", request_body = UpdateCreate,
    params(("reference" = String, Path)),
    responses((status = 201, body = UpdateJson), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
#[post("/irritants/{reference}/updates")]
pub async fn api_update_add(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let reference = parse_reference(&path)?;
    let (body, _): (UpdateCreate, _) = read_body(body.into_inner())?;
    let today = state.today();
    let input = ProgressInput {
        reported_on: if body.reported_on.trim().is_empty() {
            today.to_string()
        } else {
            body.reported_on
        },
        rag: body.rag,
        language: if body.language.trim().is_empty() {
            ProgressInput::default().language
        } else {
            body.language
        },
        done: body.done,
        next_steps: body.next_steps,
        done_translation: body.done_translation,
        next_steps_translation: body.next_steps_translation,
    };
    let acting = who.acting(&state);
    let cache = state.cache.clone();
    let stored = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let added = actions::progress::add(conn, &acting, &reference_data, &reference, &input)?;
            let id = added
                .into_result()?
                .ok_or_else(|| unexpected("adding a progress update"))?;
            let irritant = db::irritants::find(conn, &reference)?;
            db::progress::of_irritant(conn, &irritant.id)?
                .into_iter()
                .find(|u| u.id == id)
                .ok_or_else(|| {
                    AppError::Unexpected(anyhow::anyhow!("update {id} vanished after saving"))
                })
        })
        .await?;
    Ok(HttpResponse::Created().json(UpdateJson::from(stored)))
}
