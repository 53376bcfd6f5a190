//! Administration: accounts and the security log (administrators), departments (managers).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::accounts::hashing;
use super::extract::StrictForm;
use super::signed_in::SignedIn;
use super::{AppState, NoticeQuery, html, see_other, unexpected};
use crate::actions::accounts::NewHash;
use crate::actions::departments::DepartmentChange;
use crate::actions::{self, Operator, Outcome};
use crate::auth::OneTimePassword;
use crate::db::{self, accounts::AccountChange};
use crate::domain::FieldErrors;
use crate::domain::accounts::{Account, AccountInput, Permission, Role};
use crate::domain::ids::PersonId;
use crate::domain::people::DepartmentInput;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::admin::{
    AccountEdit, DepartmentForm, NewAccountForm, account_page, accounts_page, departments_page,
    security_log_page,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(account_list)
        .service(account_create)
        .service(account_form)
        .service(account_update)
        .service(account_password_reset)
        .service(security_log)
        .service(department_list)
        .service(department_add)
        .service(department_rename);
}

async fn render_accounts(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    form: NewAccountForm<'_>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let cache = state.cache.clone();
    let (accounts, reference_data) = state
        .db(move |conn| {
            Ok((
                db::accounts::list_accounts(conn)?,
                cache.reference_data(conn)?,
            ))
        })
        .await?;
    Ok(html(
        status,
        accounts_page(&who.viewer(locale), &accounts, &reference_data, &form),
    ))
}

#[get("/admin/users")]
async fn account_list(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageAccounts)?;
    let input = AccountInput {
        role: Role::Officer.code().to_owned(),
        ..Default::default()
    };
    let form = NewAccountForm {
        input: &input,
        errors: &FieldErrors::new(),
        created: None,
        notice: (query.notice == "saved").then_some("notice-account-saved"),
    };
    render_accounts(&state, &who, locale, form, StatusCode::OK).await
}

#[post("/admin/users")]
async fn account_create(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<AccountInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageAccounts)?;
    let input = form.0;
    let cache = state.cache.clone();
    let submitted = input.clone();
    let parsed = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            Ok(submitted.parse(&reference_data))
        })
        .await?;
    let fields = match parsed {
        Ok(fields) => fields,
        Err(errors) => return refuse_account(&state, &who, locale, &input, errors).await,
    };
    // The new holder receives a one-time password from the administrator and must choose
    // their own at first sign-in.
    let (password, hash, until) = one_time_password(&state).await?;
    let (account, acting) = (fields.clone(), who.acting(&state));
    let created = state
        .db(move |conn| {
            let hash = NewHash {
                hash: &hash,
                one_time_until: Some(until),
            };
            actions::accounts::create(conn, Operator::Person(&acting), &account, hash)
        })
        .await?;
    if let Outcome::Refused(errors) = created {
        return refuse_account(&state, &who, locale, &input, errors).await;
    }
    let fresh = AccountInput {
        role: Role::Officer.code().to_owned(),
        ..Default::default()
    };
    let form = NewAccountForm {
        input: &fresh,
        errors: &FieldErrors::new(),
        created: Some((fields.email.as_str(), password.expose())),
        notice: None,
    };
    render_accounts(&state, &who, locale, form, StatusCode::CREATED).await
}

/// The account list again, with the refused new account as it was typed.
async fn refuse_account(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    input: &AccountInput,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let form = NewAccountForm {
        input,
        errors: &errors,
        created: None,
        notice: None,
    };
    render_accounts(state, who, locale, form, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// A new one-time password, its hash, and when it stops working.
async fn one_time_password(
    state: &AppState,
) -> Result<(OneTimePassword, String, NaiveDateTime), AppError> {
    let password = OneTimePassword::generate();
    let hash = hashing({
        let password = password.clone();
        move || password.hash()
    })
    .await?;
    let until = state.settings.accounts.one_time_password_expiry();
    Ok((password, hash, until))
}

/// The person an address names.
fn person_in(path: &str) -> Result<PersonId, AppError> {
    PersonId::parse(path).ok_or(AppError::NotFound)
}

async fn load_account(state: &AppState, id: PersonId) -> Result<Account, AppError> {
    state
        .db(move |conn| Ok(db::accounts::find_account(conn, &id)?))
        .await
}

#[get("/admin/users/{id}")]
async fn account_form(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageAccounts)?;
    let account = load_account(&state, person_in(&path)?).await?;
    let edit = AccountEdit {
        role: account.role.code(),
        active: account.active,
        errors: &FieldErrors::new(),
        reset_password: None,
    };
    Ok(html(
        StatusCode::OK,
        account_page(&who.viewer(locale), &account, &edit),
    ))
}

#[derive(Deserialize)]
struct AccountForm {
    #[serde(default)]
    role: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    active: Option<String>,
}

#[post("/admin/users/{id}")]
async fn account_update(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<AccountForm>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageAccounts)?;
    let id = person_in(&path)?;
    let change = form.0;
    let active = change.active.is_some();
    let role = Role::parse(&change.role);
    let outcome = match &role {
        Ok(role) => {
            let (id, acting) = (id.clone(), who.acting(&state));
            let change = AccountChange {
                role: Some(*role),
                active: Some(active),
            };
            state
                .db(move |conn| {
                    actions::accounts::change(conn, Operator::Person(&acting), &id, change)
                })
                .await?
        }
        Err(error) => Outcome::Refused(FieldErrors::single("role", error.clone())),
    };
    let (before, role) = match (outcome, role) {
        (Outcome::Saved(before), Ok(role)) => (before, role),
        (Outcome::Refused(errors), _) => {
            let account = load_account(&state, id).await?;
            let edit = AccountEdit {
                role: &change.role,
                active,
                errors: &errors,
                reset_password: None,
            };
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                account_page(&who.viewer(locale), &account, &edit),
            ));
        }
        _ => return Err(unexpected("changing an account")),
    };
    // An administrator who has just given up the role can no longer see the accounts.
    let edited_self = before.id == who.actor.id;
    if edited_self && !(role.may(Permission::ManageAccounts) && active) {
        return Ok(see_other("/irritants".to_owned()));
    }
    Ok(see_other("/admin/users?notice=saved".to_owned()))
}

#[post("/admin/users/{id}/password")]
async fn account_password_reset(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    _form: StrictForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageAccounts)?;
    let account = load_account(&state, person_in(&path)?).await?;
    let (password, hash, one_time_until) = one_time_password(&state).await?;
    let (reset, acting) = (account.clone(), who.acting(&state));
    // Every session of the account ends and its tokens are revoked: whoever held the old
    // password is out, whatever they made with it.
    state
        .db(move |conn| {
            let hash = NewHash {
                hash: &hash,
                one_time_until: Some(one_time_until),
            };
            actions::accounts::reset_password(conn, &acting, &reset, hash)?.into_result()
        })
        .await?;
    let edit = AccountEdit {
        role: account.role.code(),
        active: account.active,
        errors: &FieldErrors::new(),
        reset_password: Some(password.expose()),
    };
    Ok(html(
        StatusCode::OK,
        account_page(&who.viewer(locale), &account, &edit),
    ))
}

#[derive(Deserialize)]
struct LogQuery {
    #[serde(default)]
    page: Option<String>,
}

const LOG_PAGE_SIZE: i64 = 100;

#[get("/admin/security")]
async fn security_log(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageAccounts)?;
    let page = query
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<i64>().ok())
        .filter(|p| (1..=1_000_000).contains(p))
        .unwrap_or(1);
    let (events, total) = state
        .db(move |conn| {
            Ok(db::security_log::events(
                conn,
                (page - 1) * LOG_PAGE_SIZE,
                LOG_PAGE_SIZE,
            )?)
        })
        .await?;
    let pages = (total + LOG_PAGE_SIZE - 1) / LOG_PAGE_SIZE;
    Ok(html(
        StatusCode::OK,
        security_log_page(&who.viewer(locale), &events, page, pages.max(1)),
    ))
}

async fn render_departments(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    form: DepartmentForm<'_>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let cache = state.cache.clone();
    let reference_data = state
        .db(move |conn| Ok(cache.reference_data(conn)?))
        .await?;
    Ok(html(
        status,
        departments_page(&who.viewer(locale), &reference_data.departments, &form),
    ))
}

#[get("/admin/departments")]
async fn department_list(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageReferenceLists)?;
    let form = DepartmentForm {
        input: &DepartmentInput::default(),
        errors: &FieldErrors::new(),
        editing: None,
        notice: (query.notice == "saved").then_some("notice-department-saved"),
    };
    render_departments(&state, &who, locale, form, StatusCode::OK).await
}

/// Adds or renames a department; a refused form comes back with what was typed.
async fn save_department(
    state: &AppState,
    who: &SignedIn,
    locale: Locale,
    input: DepartmentInput,
    change: DepartmentChange,
) -> Result<HttpResponse, AppError> {
    let (submitted, acting) = (input.clone(), who.acting(state));
    let saved = state
        .db(move |conn| actions::departments::save(conn, &acting, change, &submitted))
        .await?;
    let errors = match saved {
        Outcome::Refused(errors) => errors,
        Outcome::Saved(_) => return Ok(see_other("/admin/departments?notice=saved".to_owned())),
        Outcome::Unchanged | Outcome::Conflict(_) => return Err(unexpected("saving a department")),
    };
    let editing = (change == DepartmentChange::Rename).then(|| input.code.clone());
    let form = DepartmentForm {
        input: &input,
        errors: &errors,
        editing: editing.as_deref(),
        notice: None,
    };
    render_departments(state, who, locale, form, StatusCode::UNPROCESSABLE_ENTITY).await
}

#[post("/admin/departments")]
async fn department_add(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    form: StrictForm<DepartmentInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageReferenceLists)?;
    save_department(&state, &who, locale, form.0, DepartmentChange::Add).await
}

#[post("/admin/departments/{code}")]
async fn department_rename(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    path: web::Path<String>,
    form: StrictForm<DepartmentInput>,
) -> Result<HttpResponse, AppError> {
    who.require(Permission::ManageReferenceLists)?;
    let input = DepartmentInput {
        code: path.into_inner(),
        ..form.0
    };
    save_department(&state, &who, locale, input, DepartmentChange::Rename).await
}
