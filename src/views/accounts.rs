//! The sign-in page and the pages where people manage their own password and API tokens.

use maud::{Markup, html};

use super::Viewer;
use super::components::{notice, scrolling_table, timestamp};
use super::forms::{Field, csrf_field, error_summary, hidden_csrf, text_input};
use super::layout::{page, public_page};
use crate::domain::FieldErrors;
use crate::domain::accounts::{NewPassword, TokenSummary};
use crate::i18n::Locale;

/// The sign-in form as shown: what was typed (never the password), where to go next, and why
/// it is shown again.
pub struct SignInForm<'a> {
    pub email: &'a str,
    pub next: &'a str,
    pub csrf: &'a str,
    /// A message key: why the person must sign in (session ended, signed out).
    pub notice: Option<&'static str>,
    /// A message key: why the last attempt failed. Always generic: it never says whether the
    /// account exists.
    pub problem: Option<&'static str>,
}

pub fn sign_in_page(locale: Locale, form: &SignInForm) -> Markup {
    let title = locale.t("sign-in-title");
    let no_errors = FieldErrors::new();
    let here = match form.next {
        "/" => "/login".to_owned(),
        next => format!(
            "/login?{}",
            serde_urlencoded::to_string([("next", next)]).unwrap_or_default()
        ),
    };
    public_page(
        locale,
        &here,
        &title,
        html! {
            div.narrow {
                h1 { (title) }
                @if let Some(key) = form.notice { (notice(&locale.t(key))) }
                @if let Some(key) = form.problem {
                    div.error-summary role="alert" tabindex="-1" autofocus {
                        h2 { (locale.t(key)) }
                        p { (locale.t(&format!("{key}-help"))) }
                    }
                }
                form method="post" action="/login" {
                    (hidden_csrf(form.csrf))
                    input type="hidden" name="next" value=(form.next);
                    (text_input(locale, Field::new("email", form.email).required().autocomplete("username"), &no_errors, "email"))
                    (text_input(locale, Field::new("password", "").required().autocomplete("current-password"), &no_errors, "password"))
                    div.actions { button type="submit" { (locale.t("action-sign-in")) } }
                }
            }
        },
    )
}

pub struct PasswordForm<'a> {
    pub errors: &'a FieldErrors,
    pub changed: bool,
}

/// Changing one's own password; also where a one-time password must be replaced.
pub fn password_page(viewer: &Viewer, form: &PasswordForm) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("password-title");
    let rule = locale.t_with(
        "password-rule",
        &[
            ("min", NewPassword::MIN_CHARS.to_string()),
            ("max", NewPassword::MAX_CHARS.to_string()),
        ],
    );
    page(
        viewer,
        &title,
        html! {
            div.narrow {
                h1 { (title) }
                @if form.changed { (notice(&locale.t("notice-password-changed"))) }
                (error_summary(locale, form.errors))
                form method="post" action="/account/password" novalidate {
                    (csrf_field(viewer))
                    (text_input(locale, Field::new("current_password", "").required().autocomplete("current-password"), form.errors, "password"))
                    (text_input(locale, Field::new("new_password", "").required().hint(rule.into()).autocomplete("new-password"), form.errors, "password"))
                    (text_input(locale, Field::new("confirm_password", "").required().autocomplete("new-password"), form.errors, "password"))
                    div.actions { button type="submit" { (locale.t("action-change-password")) } }
                }
            }
        },
    )
}

pub struct TokenForm<'a> {
    pub name: &'a str,
    pub errors: &'a FieldErrors,
    /// A token just created: shown this once.
    pub created: Option<&'a str>,
    pub revoked: bool,
}

pub fn tokens_page(viewer: &Viewer, tokens: &[TokenSummary], form: &TokenForm) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("tokens-title");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            p.lead { (locale.t("tokens-intro")) }
            @if form.revoked { (notice(&locale.t("notice-token-revoked"))) }
            @if let Some(token) = form.created {
                div.notice.token-created role="status" {
                    p { strong { (locale.t("token-created")) } }
                    p { code.secret { (token) } }
                    p { (locale.t("token-created-help")) }
                }
            }
            @if tokens.is_empty() {
                p { (locale.t("tokens-none")) }
            } @else {
                (scrolling_table(&title, html! {
                    table {
                        caption.visually-hidden { (title) }
                        thead { tr {
                            th scope="col" { (locale.t("token-name")) }
                            th scope="col" { (locale.t("token-created-at")) }
                            th scope="col" { (locale.t("token-last-used")) }
                            th scope="col" { (locale.t("token-state")) }
                        } }
                        tbody {
                            @for token in tokens {
                                tr {
                                    td { (token.name) }
                                    td { (timestamp(token.created_at)) }
                                    td { @match token.last_used_at { Some(at) => (timestamp(at)), None => (locale.t("token-never-used")) } }
                                    td {
                                        @match token.revoked_at {
                                            Some(at) => { (locale.t("token-revoked")) " " (timestamp(at)) }
                                            None => {
                                                form.inline method="post" action={"/account/tokens/" (token.id) "/revoke"} {
                                                    (csrf_field(viewer))
                                                    button.secondary type="submit" aria-label=(locale.t_with("action-revoke-named", &[("name", token.name.clone())])) {
                                                        (locale.t("action-revoke"))
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }))
            }
            h2 #new-token { (locale.t("token-new-title")) }
            (error_summary(locale, form.errors))
            form method="post" action="/account/tokens" novalidate aria-labelledby="new-token" {
                (csrf_field(viewer))
                (text_input(locale, Field::new("name", form.name).required().hint(locale.t("token-name-hint")), form.errors, "text"))
                div.actions { button type="submit" { (locale.t("action-create-token")) } }
            }
        },
    )
}
