//! What people are told, and how they choose to be told: the notification centre, the
//! preferences page, an irritant's watchers and comments, and the e-mail queue for
//! administrators.

use std::borrow::Cow;

use maud::{Markup, html};

use super::Viewer;
use super::components::{breadcrumbs, notice, scrolling_table, timestamp};
use super::forms::{Field, csrf_field, error_summary, textarea};
use super::layout::page;
use crate::db::comments::StoredComment;
use crate::db::mail::{MailFailure, QueuedMail};
use crate::db::notifications::{NotificationPage, Preferences, StoredNotification, Watcher};
use crate::domain::accounts::Permission;
use crate::domain::notification::{Delivery, FollowScope, MailState, NoticeText, NotificationKind};
use crate::domain::{FieldErrors, ReferenceData};
use crate::i18n::Locale;

/// A notification's sentence in the reader's language, its codes read as labels.
pub fn sentence(locale: Locale, text: &NoticeText) -> String {
    let args: Vec<(&str, String)> = text
        .args
        .iter()
        .map(|(name, value)| {
            let value = match text.labels.iter().find(|(labelled, _)| labelled == name) {
                Some((_, prefix)) => locale.label(prefix, value).into_owned(),
                None => value.clone(),
            };
            (name.as_str(), value)
        })
        .collect();
    locale.t_with(&text.message, &args)
}

/// One page of the notification centre, with the notice of what was just done.
pub struct NotificationList<'a> {
    pub page: &'a NotificationPage,
    pub notice: Option<String>,
}

pub fn notifications_page(viewer: &Viewer, list: &NotificationList) -> Markup {
    let locale = viewer.locale;
    page(
        viewer,
        &locale.t("notifications-title"),
        html! {
            h1 { (locale.t("notifications-title")) }
            @if let Some(message) = &list.notice { (notice(message)) }
            p { (locale.t_with("notifications-unread", &[("count", list.page.unread.to_string())])) }
            @if list.page.unread > 0 {
                form method="post" action="/notifications/read" {
                    (csrf_field(viewer))
                    button.secondary type="submit" { (locale.t("notifications-mark-all")) }
                }
            }
            @if list.page.items.is_empty() {
                p.muted { (locale.t("notifications-none")) }
            } @else {
                ol.notifications {
                    @for item in &list.page.items { (notification_item(viewer, item)) }
                }
            }
            nav.pager aria-label=(locale.t("pagination-label")) {
                @if list.page.page > 1 { a href={ "/notifications?page=" (list.page.page - 1) } { (locale.t("notifications-newer")) } " " }
                @if list.page.has_more() { a href={ "/notifications?page=" (list.page.page + 1) } { (locale.t("notifications-older")) } }
            }
            p { a href="/account/notifications" { (locale.t("notifications-preferences-link")) } }
        },
    )
}

fn notification_item(viewer: &Viewer, item: &StoredNotification) -> Markup {
    let locale = viewer.locale;
    html! {
        li class={ "notification" @if !item.read { " unread" } } id={ "notification-" (item.id) } {
            @if !item.read { span.badge.unread-mark { (locale.t("notifications-new")) } " " }
            a href=(item.link) { (sentence(locale, &item.text)) }
            div.notification-meta {
                (locale.label(NotificationKind::LABEL_PREFIX, item.kind.code())) " · " (timestamp(item.created_at))
                @if !item.read {
                    form.inline method="post" action="/notifications/read" {
                        (csrf_field(viewer))
                        input type="hidden" name="id" value=(item.id);
                        button.link-button type="submit" { (locale.t("notifications-mark-one")) }
                    }
                }
            }
        }
    }
}

/// The preferences form, as stored or as submitted and refused.
pub struct PreferencesForm<'a> {
    pub preferences: &'a Preferences,
    /// The digest time as typed, when the form came back refused.
    pub digest_time: &'a str,
    pub follows: &'a [(FollowScope, String)],
    pub reference_data: &'a ReferenceData,
    pub mail_enabled: bool,
    pub errors: &'a FieldErrors,
    pub notice: Option<String>,
}

pub fn preferences_page(viewer: &Viewer, form: &PreferencesForm) -> Markup {
    let locale = viewer.locale;
    let preferences = form.preferences;
    page(
        viewer,
        &locale.t("preferences-title"),
        html! {
            (breadcrumbs(locale, &[("/notifications", &locale.t("notifications-title"))]))
            h1 { (locale.t("preferences-title")) }
            @if let Some(message) = &form.notice { (notice(message)) }
            (error_summary(locale, form.errors))
            @if !form.mail_enabled { p.notice-info { (locale.t("preferences-no-mail")) } }
            form method="post" action="/account/notifications" {
                (csrf_field(viewer))
                fieldset.field #field-deliveries tabindex="-1" {
                    legend { (locale.t("preferences-deliveries")) }
                    p.hint { (locale.t("preferences-deliveries-hint")) }
                    @for (kind, delivery) in &preferences.deliveries { (delivery_choice(locale, *kind, *delivery)) }
                }
                (digest_time_field(locale, form.digest_time, form.errors))
                (language_field(locale, &preferences.language))
                @if viewer.may(Permission::FollowScopes) { (follows_fieldset(locale, form)) }
                button type="submit" { (locale.t("preferences-save")) }
            }
        },
    )
}

fn delivery_choice(locale: Locale, kind: NotificationKind, chosen: Delivery) -> Markup {
    let id = format!("delivery-{}", kind.code());
    html! {
        div.field.inline-field {
            label for=(id) { (locale.label(NotificationKind::LABEL_PREFIX, kind.code())) }
            select id=(id) name=(id) {
                @for delivery in Delivery::ALL {
                    option value=(delivery.code()) selected[*delivery == chosen] {
                        (locale.label(Delivery::LABEL_PREFIX, delivery.code()))
                    }
                }
            }
        }
    }
}

fn digest_time_field(locale: Locale, value: &str, errors: &FieldErrors) -> Markup {
    let field = Field::new("digest_time", value)
        .required()
        .hint(Cow::Owned(locale.t("preferences-digest-hint").into_owned()));
    super::forms::text_input(locale, field, errors, "text")
}

fn language_field(locale: Locale, chosen: &str) -> Markup {
    let options = [
        ("en".to_owned(), Cow::Borrowed("English")),
        ("fr".to_owned(), Cow::Borrowed("Français")),
    ];
    super::forms::select(
        locale,
        Field::new("language", chosen).hint(locale.t("preferences-language-hint")),
        &FieldErrors::new(),
        &options,
    )
}

fn follows_fieldset(locale: Locale, form: &PreferencesForm) -> Markup {
    let follows = |scope: FollowScope, value: &str| {
        form.follows.iter().any(|(s, v)| *s == scope && v == value)
    };
    let counterparts: Vec<&str> = form
        .follows
        .iter()
        .filter(|(scope, _)| *scope == FollowScope::Counterpart)
        .map(|(_, code)| code.as_str())
        .collect();
    html! {
        fieldset.field #field-departments tabindex="-1" {
            legend { (locale.t("preferences-follow-departments")) }
            p.hint { (locale.t("preferences-follow-hint")) }
            @for department in &form.reference_data.departments {
                div.checkbox {
                    input type="checkbox" id={ "follow-" (department.code) } name="departments" value=(department.code)
                        checked[follows(FollowScope::Department, &department.code)];
                    label for={ "follow-" (department.code) } { (department.code) " — " (locale.department_name(department)) }
                }
            }
        }
        (super::forms::text_input(
            locale,
            Field::new("counterparts", &counterparts.join(", ")).hint(locale.t("preferences-follow-counterparts-hint")),
            form.errors,
            "text",
        ))
    }
}

/// Who watches an irritant, and the button to watch or stop.
pub fn watch_section(viewer: &Viewer, url: &str, watchers: &[Watcher]) -> Markup {
    let locale = viewer.locale;
    let watching = watchers.iter().any(|w| w.id == viewer.actor.id);
    html! {
        section aria-labelledby="watchers-heading" {
            h2 #watchers-heading { (locale.t("watchers-title")) }
            @if watchers.is_empty() {
                p.muted { (locale.t("watchers-none")) }
            } @else {
                ul.watchers { @for watcher in watchers { li { (watcher.name) } } }
            }
            form method="post" action={ (url) "/watch" } {
                (csrf_field(viewer))
                input type="hidden" name="watch" value=(if watching { "false" } else { "true" });
                button.secondary type="submit" {
                    (locale.t(if watching { "watch-stop" } else { "watch-start" }))
                }
            }
        }
    }
}

/// The comment form as submitted and refused.
pub struct CommentForm<'a> {
    pub body: &'a str,
    pub errors: &'a FieldErrors,
}

/// An irritant's discussion: its comments, oldest first, and the form to add one.
pub fn comments_section(
    viewer: &Viewer,
    url: &str,
    comments: &[StoredComment],
    refused: Option<&CommentForm>,
) -> Markup {
    let locale = viewer.locale;
    let empty = FieldErrors::new();
    let (body, errors) = refused.map_or(("", &empty), |form| (form.body, form.errors));
    html! {
        section aria-labelledby="comments-heading" #comments {
            h2 #comments-heading { (locale.t("comments-title")) }
            @if comments.is_empty() {
                p.muted { (locale.t("comments-none")) }
            } @else {
                ol.comments { @for comment in comments { (comment_item(viewer, url, comment)) } }
            }
            @if viewer.may(Permission::EditIrritants) {
                form method="post" action={ (url) "/comments" } {
                    (csrf_field(viewer))
                    (error_summary(locale, errors))
                    (textarea(locale, Field::new("body", body).required().hint(locale.t("comments-hint")), errors, 4))
                    button type="submit" { (locale.t("comments-add")) }
                }
            }
        }
    }
}

fn comment_item(viewer: &Viewer, url: &str, comment: &StoredComment) -> Markup {
    let locale = viewer.locale;
    let may_delete = comment.deleted_at.is_none()
        && viewer.may(Permission::EditIrritants)
        && (comment.author_id == viewer.actor.id || viewer.may(Permission::ModerateComments));
    html! {
        li.comment id={ "comment-" (comment.id) } {
            div.comment-meta { (comment.author_name) " · " (timestamp(comment.created_at)) }
            @if let Some(deleted_at) = comment.deleted_at {
                p.muted { (locale.t("comment-deleted")) " " (timestamp(deleted_at)) }
            } @else {
                p.prose { (with_mentions(comment)) }
            }
            @if may_delete {
                form.inline method="post" action={ (url) "/comments/" (comment.id) "/delete" } {
                    (csrf_field(viewer))
                    button.link-button type="submit" { (locale.t("comment-delete")) }
                }
            }
        }
    }
}

/// A comment's text with each mention a link to the irritants of the person it names.
fn with_mentions(comment: &StoredComment) -> Markup {
    let mut rest = comment.body.as_str();
    let mut parts: Vec<Markup> = Vec::new();
    while let Some((at, mention)) = comment
        .mentions
        .iter()
        .filter_map(|m| rest.find(&m.text).map(|at| (at, m)))
        .min_by_key(|(at, _)| *at)
    {
        let (before, after) = rest.split_at(at);
        parts.push(html! { (before) });
        parts.push(
            html! { a.mention href={ "/irritants?owner=" (mention.person_id) } { (mention.text) } },
        );
        rest = &after[mention.text.len()..];
    }
    html! { @for part in parts { (part) } (rest) }
}

/// The e-mail queue and recent failures, for administrators.
pub fn queue_page(
    viewer: &Viewer,
    mail_enabled: bool,
    queue: &[QueuedMail],
    failures: &[MailFailure],
    notice_text: Option<String>,
) -> Markup {
    let locale = viewer.locale;
    page(
        viewer,
        &locale.t("mail-queue-title"),
        html! {
            h1 { (locale.t("mail-queue-title")) }
            @if let Some(message) = &notice_text { (notice(message)) }
            @if !mail_enabled { p.notice-info { (locale.t("preferences-no-mail")) } }
            (scrolling_table(&locale.t("mail-queue-title"), queue_table(viewer, queue)))
            h2 { (locale.t("mail-failures-title")) }
            @if failures.is_empty() {
                p.muted { (locale.t("mail-failures-none")) }
            } @else {
                ul.failures {
                    @for failure in failures {
                        li { (timestamp(failure.failed_at)) " · " code { (failure.mail_id) } " · " (failure.reason) }
                    }
                }
            }
        },
    )
}

fn queue_table(viewer: &Viewer, queue: &[QueuedMail]) -> Markup {
    let locale = viewer.locale;
    html! {
        table {
            thead { tr {
                th scope="col" { (locale.t("mail-queue-recipient")) }
                th scope="col" { (locale.t("mail-queue-state")) }
                th scope="col" { (locale.t("mail-queue-attempts")) }
                th scope="col" { (locale.t("mail-queue-created")) }
                th scope="col" { (locale.t("mail-queue-error")) }
                th scope="col" { span.visually-hidden { (locale.t("mail-queue-actions")) } }
            } }
            tbody {
                @for mail in queue {
                    tr {
                        td { (mail.recipient) }
                        td { (locale.label(MailState::LABEL_PREFIX, &mail.state)) }
                        td { (mail.attempts) }
                        td { (timestamp(mail.created_at)) }
                        td { (mail.last_error) }
                        td {
                            @if mail.state == MailState::Failed.code() {
                                form.inline method="post" action={ "/admin/notifications/" (mail.id) "/retry" } {
                                    (csrf_field(viewer))
                                    button.link-button type="submit" { (locale.t("mail-retry")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
