//! Administration pages: accounts, the security log, departments.

use std::borrow::Cow;

use maud::{Markup, html};

use super::Viewer;
use super::components::{notice, scrolling_table, timestamp};
use super::forms::{
    Field, checkbox, csrf_field, department_options, error_summary, scoped_error_summary, select,
    text_input, vocabulary_options,
};
use super::layout::page;
use crate::domain::accounts::{
    Account, AccountInput, EventDetail, LoggedEvent, Role, SecurityEventKind,
};
use crate::domain::people::DepartmentInput;
use crate::domain::{Department, FieldErrors, ReferenceData};
use crate::i18n::Locale;

fn role_options(locale: Locale) -> Vec<(String, Cow<'static, str>)> {
    vocabulary_options(locale, Role::ALL, Role::LABEL_PREFIX, Role::code, None)
}

/// A one-time password, shown to the administrator this once to pass on.
fn one_time_password_notice(locale: Locale, email: &str, password: &str) -> Markup {
    html! {
        div.notice.token-created role="status" {
            p { strong { (locale.t_with("otp-created", &[("email", email.to_owned())])) } }
            p { code.secret { (password) } }
            p { (locale.t("otp-created-help")) }
        }
    }
}

pub struct NewAccountForm<'a> {
    pub input: &'a AccountInput,
    pub errors: &'a FieldErrors,
    /// The account just created and its one-time password.
    pub created: Option<(&'a str, &'a str)>,
    pub notice: Option<&'static str>,
}

pub fn accounts_page(
    viewer: &Viewer,
    accounts: &[Account],
    reference_data: &ReferenceData,
    form: &NewAccountForm,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("accounts-title");
    let input = form.input;
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if let Some(key) = form.notice { (notice(&locale.t(key))) }
            @if let Some((email, password)) = form.created {
                (one_time_password_notice(locale, email, password))
            }
            (scrolling_table(&title, html! {
                table {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (locale.t("field-name")) }
                        th scope="col" { (locale.t("field-email")) }
                        th scope="col" { (locale.t("field-department-code")) }
                        th scope="col" { (locale.t("field-role")) }
                        th scope="col" { (locale.t("account-state")) }
                    } }
                    tbody {
                        @for account in accounts {
                            tr {
                                td { a href={"/admin/users/" (account.id)} { (account.name) } }
                                td { (account.email) }
                                td { (account.department.as_deref().unwrap_or("—")) }
                                td { (locale.label(Role::LABEL_PREFIX, account.role.code())) }
                                td { (account_state(locale, account)) }
                            }
                        }
                    }
                }
            }))
            h2 #new-account { (locale.t("account-new-title")) }
            p { (locale.t("account-new-help")) }
            (error_summary(locale, form.errors))
            form method="post" action="/admin/users" novalidate aria-labelledby="new-account" {
                (csrf_field(viewer))
                (text_input(locale, Field::new("email", &input.email).required(), form.errors, "email"))
                (text_input(locale, Field::new("name", &input.name).required(), form.errors, "text"))
                (select(locale, Field::new("department_code", &input.department_code), form.errors, &department_options(locale, reference_data, locale.t("account-department-none"))))
                (select(locale, Field::new("role", &input.role).required(), form.errors, &role_options(locale)))
                div.actions { button type="submit" { (locale.t("action-create-account")) } }
            }
        },
    )
}

fn account_state(locale: Locale, account: &Account) -> Cow<'static, str> {
    match (account.active, account.can_sign_in) {
        (false, _) => locale.t("account-disabled"),
        (true, false) => locale.t("account-no-password"),
        (true, true) => locale.t("account-active"),
    }
}

/// The account form as shown: the values chosen, and why it came back.
pub struct AccountEdit<'a> {
    pub role: &'a str,
    pub active: bool,
    pub errors: &'a FieldErrors,
    /// A one-time password just set by a reset.
    pub reset_password: Option<&'a str>,
}

pub fn account_page(viewer: &Viewer, account: &Account, edit: &AccountEdit) -> Markup {
    let locale = viewer.locale;
    let title = account.name.as_str();
    let url = format!("/admin/users/{}", account.id);
    page(
        viewer,
        title,
        html! {
            nav.breadcrumbs aria-label=(locale.t("breadcrumbs")) {
                ol { li { a href="/admin/users" { (locale.t("accounts-title")) } } }
            }
            h1 { (title) }
            p.lead { (account.email) " · " (account_state(locale, account)) }
            @if let Some(password) = edit.reset_password {
                (one_time_password_notice(locale, account.email.as_str(), password))
            }
            (error_summary(locale, edit.errors))
            form method="post" action=(url) novalidate {
                (csrf_field(viewer))
                (select(locale, Field::new("role", edit.role).required(), edit.errors, &role_options(locale)))
                (checkbox(locale, Field::new("active", "on").hint(locale.t("hint-active")), edit.errors, edit.active))
                div.actions { button type="submit" { (locale.t("action-save")) } }
            }
            h2 { (locale.t("account-reset-title")) }
            p { (locale.t("account-reset-help")) }
            form method="post" action={(url) "/password"} {
                (csrf_field(viewer))
                div.actions { button.secondary type="submit" { (locale.t("action-reset-password")) } }
            }
        },
    )
}

pub fn security_log_page(
    viewer: &Viewer,
    events: &[LoggedEvent],
    page_number: i64,
    pages: i64,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("security-log-title");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            p.lead { (locale.t("security-log-intro")) }
            (scrolling_table(&title, html! {
                table {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (locale.t("security-when")) }
                        th scope="col" { (locale.t("security-what")) }
                        th scope="col" { (locale.t("security-who")) }
                        th scope="col" { (locale.t("security-subject")) }
                        th scope="col" { (locale.t("security-from")) }
                        th scope="col" { (locale.t("security-detail")) }
                    } }
                    tbody {
                        @for event in events {
                            tr {
                                td { (timestamp(event.occurred_at)) }
                                td { (locale.label(SecurityEventKind::LABEL_PREFIX, event.kind.code())) }
                                td { (event.actor_name.as_deref().unwrap_or("—")) }
                                td { (event.subject) }
                                td { (event.ip) }
                                td { (event_detail(locale, &event.detail)) }
                            }
                        }
                    }
                }
            }))
            nav.pagination aria-label=(locale.t("pagination-label")) {
                @if page_number > 1 {
                    a rel="prev" href={"/admin/security?page=" (page_number - 1)} { (locale.t("pagination-previous")) }
                }
                span { (locale.t_with("pagination-position", &[("page", page_number.to_string()), ("pages", pages.to_string())])) }
                @if page_number < pages {
                    a rel="next" href={"/admin/security?page=" (page_number + 1)} { (locale.t("pagination-next")) }
                }
            }
        },
    )
}

pub struct DepartmentForm<'a> {
    pub input: &'a DepartmentInput,
    pub errors: &'a FieldErrors,
    /// The department being renamed, when the refused input was a rename.
    pub editing: Option<&'a str>,
    pub notice: Option<&'static str>,
}

pub fn departments_page(
    viewer: &Viewer,
    departments: &[Department],
    form: &DepartmentForm,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("departments-title");
    let no_errors = FieldErrors::new();
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            p.lead { (locale.t("departments-intro")) }
            @if let Some(key) = form.notice { (notice(&locale.t(key))) }
            @if let Some(code) = form.editing { (scoped_error_summary(locale, form.errors, Some(code))) }
            @for department in departments {
                @let editing = form.editing == Some(department.code.as_str());
                @let errors = if editing { form.errors } else { &no_errors };
                @let (name_en, name_fr, acronym_fr) = if editing {
                    (form.input.name_en.as_str(), form.input.name_fr.as_str(), form.input.acronym_fr.as_str())
                } else {
                    (department.name_en.as_str(), department.name_fr.as_str(), department.acronym_fr.as_str())
                };
                section.department aria-labelledby={"department-" (department.code)} {
                    h2 #{"department-" (department.code)} { (department.code) }
                    form method="post" action={"/admin/departments/" (department.code)} novalidate {
                        (csrf_field(viewer))
                        (text_input(locale, Field::new("name_en", name_en).required().scoped(&department.code), errors, "text"))
                        (text_input(locale, Field::new("name_fr", name_fr).required().scoped(&department.code), errors, "text"))
                        (text_input(locale, Field::new("acronym_fr", acronym_fr).scoped(&department.code).hint(locale.t("hint-acronym-fr")), errors, "text"))
                        div.actions { button.secondary type="submit" { (locale.t_with("action-rename", &[("code", department.code.clone())])) } }
                    }
                }
            }
            h2 #new-department { (locale.t("department-new-title")) }
            @let adding = form.editing.is_none();
            @let errors = if adding { form.errors } else { &no_errors };
            @let empty = DepartmentInput::default();
            @let input = if adding { form.input } else { &empty };
            (error_summary(locale, errors))
            form method="post" action="/admin/departments" novalidate aria-labelledby="new-department" {
                (csrf_field(viewer))
                (text_input(locale, Field::new("code", &input.code).required().hint(locale.t("hint-department-code")), errors, "text"))
                (text_input(locale, Field::new("name_en", &input.name_en).required(), errors, "text"))
                (text_input(locale, Field::new("name_fr", &input.name_fr).required(), errors, "text"))
                (text_input(locale, Field::new("acronym_fr", &input.acronym_fr).hint(locale.t("hint-acronym-fr")), errors, "text"))
                div.actions { button type="submit" { (locale.t("action-add-department")) } }
            }
        },
    )
}

/// A security event's detail in the reader's language: its message with its values, roles
/// named as the page names them; text a person typed, as typed.
fn event_detail(locale: Locale, detail: &EventDetail) -> String {
    match detail {
        EventDetail::None => String::new(),
        EventDetail::Text(text) => text.clone(),
        EventDetail::Message { key, args } => {
            let args: Vec<(&str, String)> = args
                .iter()
                .map(|(name, value)| {
                    let role = matches!(name.as_str(), "role" | "before_role" | "after_role")
                        .then(|| Role::parse(value).ok())
                        .flatten();
                    let shown = match role {
                        Some(role) => locale.label(Role::LABEL_PREFIX, role.code()).into_owned(),
                        None => value.clone(),
                    };
                    (name.as_str(), shown)
                })
                .collect();
            locale.t_with(key, &args)
        }
    }
}
