//! Importing irritants from a spreadsheet in the browser: upload, preview with the columns
//! mapped and every row checked, then one import of all rows, or none.

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;

use super::extract::{StrictForm, uploaded_file};
use super::signed_in::SignedIn;
use super::{AppState, html, see_other};
use crate::actions::imports::{Import, import_irritants, keep_upload, remember_mapping};
use crate::actions::{Operator, Outcome};
use crate::db;
use crate::domain::accounts::Permission;
use crate::domain::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::import::duplicates::{LikelyDuplicate, counterparts_of, likely_duplicates};
use crate::import::mapping::Mapping;
use crate::import::rows::{self, Checked};
use crate::import::sheet::{self, Sheet, SheetNotice};
use crate::views::imports::{Preview, preview_page, upload_page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(import_form)
        .service(import_upload)
        .service(import_mapping)
        .service(import_preview)
        .service(import_check);
}

#[derive(Deserialize)]
struct ImportedQuery {
    #[serde(default)]
    imported: String,
}

/// A size in whole megabytes (of 1,048,576 bytes), as the page states the limit.
fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

#[get("/irritants/import")]
async fn import_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<ImportedQuery>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let imported = query.imported.parse().ok();
    let max = megabytes(state.settings.import.max_bytes);
    let page = upload_page(&who.viewer(locale), &FieldErrors::new(), (imported, max));
    Ok(html(StatusCode::OK, page))
}

#[post("/irritants/import")]
async fn import_upload(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    request: HttpRequest,
    multipart: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let max = state.settings.import.max_bytes;
    let refused = |error: FieldError| {
        let errors = FieldErrors::single("file", error);
        let page = upload_page(&who.viewer(locale), &errors, (None, megabytes(max)));
        Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
    };
    let file = match uploaded_file(&request, multipart, max).await? {
        Ok(file) => file,
        Err(error) => return refused(error),
    };
    // Only a file that reads as a spreadsheet is kept; reading it is work for a thread
    // that may block.
    let (file, read) = web::block(move || {
        let read = sheet::read(&file.content).map(|_| ());
        (file, read)
    })
    .await
    .map_err(|e| AppError::Unexpected(e.into()))?;
    if let Err(problem) = read {
        return refused(problem.field_error());
    }
    let acting = who.acting(&state);
    let id = state
        .db(move |conn| keep_upload(conn, &acting, &file.file_name, &file.content))
        .await?;
    Ok(see_other(format!("/irritants/import/{id}")))
}

/// An upload of the signed-in person, read as a sheet, with the mapping they last used for
/// sheets headed alike (else the one its headings suggest), and the reference data to check
/// its rows against.
struct Opened {
    file_name: String,
    sheet: Sheet,
    notice: Option<SheetNotice>,
    remembered: Option<Mapping>,
    reference_data: std::sync::Arc<crate::domain::ReferenceData>,
}

async fn open(state: &AppState, who: &SignedIn, id: String) -> Result<Opened, AppError> {
    let person = who.actor.id.clone();
    let cache = state.cache.clone();
    let upload = state
        .db({
            let person = person.clone();
            move |conn| match db::imports::find(conn, &id, &person) {
                Err(db::DbError::NotFound) => Err(AppError::NotFound),
                found => Ok(found?),
            }
        })
        .await?;
    // Read without holding a connection: a large sheet takes a while.
    let (sheet, notice) = web::block(move || sheet::read(&upload.content))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))?
        .map_err(|_| AppError::NotFound)?;
    let headings = sheet.headings.clone();
    let (remembered, reference_data) = state
        .db(move |conn| {
            let remembered = db::imports::remembered(conn, &person, &headings)?
                .and_then(|text| Mapping::from_toml(&text, &headings).ok());
            Ok((remembered, cache.reference_data(conn)?))
        })
        .await?;
    Ok(Opened {
        file_name: upload.file_name,
        sheet,
        notice,
        remembered,
        reference_data,
    })
}

#[get("/irritants/import/{id}")]
async fn import_preview(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let id = id.into_inner();
    let opened = open(&state, &who, id.clone()).await?;
    let mapping = opened
        .remembered
        .clone()
        .unwrap_or_else(|| Mapping::detect(&opened.sheet.headings));
    let errors = mapping_problems(locale, &mapping);
    let checked = checked(&opened, &mapping, &errors, who.acting(&state).today);
    let duplicates = duplicates_of(&state, &checked).await?;
    let outcome = (&checked, duplicates.as_slice());
    Ok(shown(
        &who,
        locale,
        &id,
        &opened,
        (&mapping, &errors),
        outcome,
    ))
}

/// The rows that may repeat irritants of the register.
async fn duplicates_of(
    state: &AppState,
    checked: &Checked,
) -> Result<Vec<LikelyDuplicate>, AppError> {
    let rows = checked.rows.clone();
    state
        .db(move |conn| {
            let register = db::imports::active_titles(conn, &counterparts_of(&rows))?;
            Ok(likely_duplicates(&rows, &register))
        })
        .await
}

/// The preview's page, refused (422) while anything stands in the way of the import.
fn shown(
    who: &SignedIn,
    locale: Locale,
    id: &str,
    opened: &Opened,
    (mapping, errors): (&Mapping, &FieldErrors),
    (checked, duplicates): (&Checked, &[LikelyDuplicate]),
) -> HttpResponse {
    let preview = Preview {
        duplicates,
        upload_id: id,
        file_name: &opened.file_name,
        sheet: &opened.sheet,
        notice: opened.notice,
        mapping,
        errors,
        checked,
    };
    let status = if errors.is_empty() && checked.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    html(status, preview_page(&who.viewer(locale), &preview))
}

/// The rows checked with `mapping`, unless the mapping itself has problems.
fn checked(
    opened: &Opened,
    mapping: &Mapping,
    errors: &FieldErrors,
    today: chrono::NaiveDate,
) -> Checked {
    if errors.is_empty() {
        rows::check(&opened.sheet, mapping, &opened.reference_data, today)
    } else {
        Checked::default()
    }
}

/// A mapping that leaves a required field without its column.
fn mapping_problems(locale: Locale, mapping: &Mapping) -> FieldErrors {
    let missing = rows::unmapped_required(mapping);
    if missing.is_empty() {
        return FieldErrors::new();
    }
    let names: Vec<String> = missing
        .iter()
        .map(|f| locale.field(f).into_owned())
        .collect();
    FieldErrors::single(
        "column_0",
        FieldError::new("import-unmapped").with("fields", names.join(", ")),
    )
}

/// The preview's form: a field for each column (`column_0`, `column_1`, …) and, on the
/// button that imports, `confirm`.
#[derive(Deserialize)]
struct ChoicesForm {
    #[serde(default)]
    confirm: String,
    /// The fingerprint of the mapping the page showed the rows checked with.
    #[serde(default)]
    previewed: String,
    #[serde(flatten)]
    fields: std::collections::BTreeMap<String, String>,
}

#[post("/irritants/import/{id}")]
async fn import_check(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    id: web::Path<String>,
    form: StrictForm<ChoicesForm>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let id = id.into_inner();
    let opened = open(&state, &who, id.clone()).await?;
    let choices = form.0.fields.iter().filter_map(|(name, field)| {
        let at = name.strip_prefix("column_")?.parse::<usize>().ok()?;
        (at < opened.sheet.headings.len()).then_some((at, field.as_str()))
    });
    let (mapping, errors) = match Mapping::from_choices(choices) {
        Ok(mapping) => {
            let errors = mapping_problems(locale, &mapping);
            (mapping, errors)
        }
        Err(twice) => {
            let error = FieldError::new("import-field-twice").with("field", locale.field(twice));
            (Mapping::default(), FieldErrors::single("column_0", error))
        }
    };
    let acting = who.acting(&state);
    let checked = checked(&opened, &mapping, &errors, acting.today);
    if errors.is_empty() {
        let headings = opened.sheet.headings.clone();
        let text = mapping.to_toml(&headings);
        let acting = acting.clone();
        state
            .db(move |conn| remember_mapping(conn, &acting, &headings, &text))
            .await?;
    }
    let ready = errors.is_empty() && checked.problems.is_empty();
    let seen = form.0.previewed == mapping.fingerprint();
    if !(ready && seen && form.0.confirm == "yes") {
        let duplicates = duplicates_of(&state, &checked).await?;
        let outcome = (&checked, duplicates.as_slice());
        return Ok(shown(
            &who,
            locale,
            &id,
            &opened,
            (&mapping, &errors),
            outcome,
        ));
    }
    let rows = checked.rows.clone();
    let reference_data = opened.reference_data.clone();
    let file_name = opened.file_name.clone();
    let upload = id.clone();
    let outcome = state
        .db(move |conn| {
            let import = Import {
                by: Operator::Person(&acting),
                importer: &acting.actor,
                mail: acting.mail,
                file_name: &file_name,
                today: acting.today,
                upload: Some(&upload),
                progress: &|_| {},
            };
            import_irritants(conn, &import, &reference_data, &rows)
        })
        .await?;
    match outcome {
        Outcome::Saved(stored) => Ok(see_other(format!(
            "/irritants/import?imported={}",
            stored.len()
        ))),
        Outcome::Refused(refused) => {
            // Listed at the top of the page, leading to the columns.
            let mut errors = FieldErrors::new();
            for (_, error) in refused.iter() {
                errors.add("column_0", error.clone());
            }
            let outcome = (&checked, &[][..]);
            Ok(shown(
                &who,
                locale,
                &id,
                &opened,
                (&mapping, &errors),
                outcome,
            ))
        }
        other => Err(AppError::Unexpected(anyhow::anyhow!(
            "importing rows gave {other:?}"
        ))),
    }
}

/// The mapping last used for this upload's headings (or the one they suggest), as a file for
/// `irritrack import-irritants --mapping`.
#[get("/irritants/import/{id}/mapping.toml")]
async fn import_mapping(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::EditIrritants)?;
    let opened = open(&state, &who, id.into_inner()).await?;
    let mapping = opened
        .remembered
        .unwrap_or_else(|| Mapping::detect(&opened.sheet.headings));
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/toml; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            "attachment; filename=\"irritrack-mapping.toml\"",
        ))
        .body(mapping.to_toml(&opened.sheet.headings)))
}
