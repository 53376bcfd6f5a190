use maud::{DOCTYPE, Markup, html};

use super::Viewer;
use super::forms::csrf_field;
use crate::domain::accounts::Permission;
use crate::i18n::Locale;

/// An asset's URL carries a hash of its content, so browsers may cache it for good.
fn versioned(path: &str, content: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    content.hash(&mut hasher);
    format!("{path}?v={:016x}", hasher.finish())
}

pub fn stylesheet_url() -> &'static str {
    static URL: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| versioned("/static/app.css", STYLESHEET));
    &URL
}

pub fn script_url() -> &'static str {
    static URL: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| versioned("/static/app.js", SCRIPT));
    &URL
}

pub const STYLESHEET: &str = include_str!("../../static/app.css");

/// The one script: an enhancement (what was typed survives a switch of language); every page
/// works without it.
pub const SCRIPT: &str = include_str!("../../static/app.js");

/// Every page of a signed-in person: navigation, who they are, and sign-out.
pub fn page(viewer: &Viewer, title: &str, content: Markup) -> Markup {
    let locale = viewer.locale;
    let navigation = html! {
        nav aria-label=(locale.t("nav-label")) {
            ul.nav {
                li { a href="/irritants" { (locale.t("nav-irritants")) } }
                li.nav-views {
                    details {
                        summary { (locale.t("nav-views")) }
                        ul {
                            @for (id, name) in viewer.views {
                                li { a href={"/views/" (id)} { (name) } }
                            }
                            li { a href="/views" { (locale.t("nav-all-views")) } }
                        }
                    }
                }
                li { a href="/sources" { (locale.t("nav-sources")) } }
                li { a href="/search" { (locale.t("nav-search")) } }
                li { a href="/reports" { (locale.t("nav-reports")) } }
                @if viewer.may(Permission::EditIrritants) {
                    li { a href="/irritants/new" { (locale.t("nav-new-irritant")) } }
                }
                @if viewer.may(Permission::ManageReferenceLists) {
                    li { a href="/admin/departments" { (locale.t("nav-departments")) } }
                }
                @if viewer.may(Permission::ManageAccounts) {
                    li { a href="/admin/users" { (locale.t("nav-users")) } }
                    li { a href="/admin/security" { (locale.t("nav-security-log")) } }
                }
                @if viewer.may(Permission::ManageNotifications) {
                    li { a href="/admin/notifications" { (locale.t("nav-mail-queue")) } }
                }
            }
        }
        div.account-menu {
            a.notifications-link href="/notifications" {
                (locale.t("nav-notifications"))
                @if viewer.unread > 0 {
                    " " span.badge.unread-count { (viewer.unread) }
                    span.visually-hidden { " " (locale.t_with("nav-notifications-unread", &[("count", viewer.unread.to_string())])) }
                }
            }
            span.signed-in-as {
                (viewer.actor.name) " · " (locale.label(crate::domain::accounts::Role::LABEL_PREFIX, viewer.actor.role.code()))
            }
            a href="/account/notifications" { (locale.t("nav-notification-preferences")) }
            a href="/account/tokens" { (locale.t("nav-tokens")) }
            a href="/account/calendar" { (locale.t("nav-calendar")) }
            a href="/account/password" { (locale.t("nav-password")) }
            form.sign-out method="post" action="/logout" {
                (csrf_field(viewer))
                button.link-button type="submit" { (locale.t("nav-sign-out")) }
            }
        }
    };
    document(locale, viewer.here, title, Some(navigation), content)
}

/// A page for someone not signed in (or not known to be): the sign-in page, some errors.
/// `here` is the page's own address, for the language toggle to come back to.
pub fn public_page(locale: Locale, here: &str, title: &str, content: Markup) -> Markup {
    document(locale, here, title, None, content)
}

/// The link to this page in the other official language, named in that language.
fn language_toggle(locale: Locale, here: &str) -> Markup {
    let other = locale.other();
    let query =
        serde_urlencoded::to_string([("to", other.code()), ("back", here)]).unwrap_or_default();
    html! {
        a.language-toggle href={ "/language?" (query) } lang=(other.code()) hreflang=(other.code()) {
            (locale.t("language-toggle"))
        }
    }
}

fn document(
    locale: Locale,
    here: &str,
    title: &str,
    navigation: Option<Markup>,
    content: Markup,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(locale.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (locale.t_with("page-title", &[("title", title.to_owned())])) }
                link rel="stylesheet" href=(stylesheet_url());
                script src=(script_url()) defer {}
            }
            body {
                a.skip-link href="#main" { (locale.t("nav-skip")) }
                header.site-header {
                    div.wrap.header-row {
                        a.brand href="/" { "irritrack" }
                        (language_toggle(locale, here))
                    }
                    @if let Some(navigation) = navigation {
                        div.header-nav { div.wrap.nav-row { (navigation) } }
                    }
                }
                main #main .wrap tabindex="-1" { (content) }
                footer.site-footer {
                    div.wrap { p { (locale.t("footer-text")) } }
                }
            }
        }
    }
}
