//! Saved views: the form that keeps a list under a name, the bar above a view's list (who
//! shares it, following it, changing it), and the page of every view a person may open.

use maud::{Markup, html};

use super::Viewer;
use super::components::{scrolling_table, timestamp};
use super::forms::{Field, checkbox, csrf_field, error_summary, select, text_input};
use super::layout::page;
use crate::db::saved_views::{ListedView, StoredView};
use crate::domain::FieldErrors;
use crate::domain::accounts::Permission;
use crate::domain::notification::Delivery;
use crate::i18n::Locale;

/// A view's form as shown: what was typed, and what was wrong with it.
pub struct ViewForm<'a> {
    pub name: &'a str,
    pub shared: bool,
    /// The list's query string the view keeps.
    pub query: &'a str,
    pub errors: &'a FieldErrors,
}

/// Where a view's form goes: a new view, or an existing one changed.
#[derive(Clone, Copy)]
pub enum ViewFormTarget<'a> {
    New,
    Existing(&'a StoredView),
}

impl ViewFormTarget<'_> {
    fn action(self) -> String {
        match self {
            ViewFormTarget::New => "/views".to_owned(),
            ViewFormTarget::Existing(view) => view.address(),
        }
    }

    fn submit(self, locale: Locale) -> String {
        match self {
            ViewFormTarget::New => locale.t("view-save").into_owned(),
            ViewFormTarget::Existing(_) => locale.t("view-update").into_owned(),
        }
    }
}

/// The fields of a view: its name and whether it is shared; the query goes along unseen.
pub fn view_form(viewer: &Viewer, target: ViewFormTarget, form: &ViewForm) -> Markup {
    let locale = viewer.locale;
    html! {
        form.view-form method="post" action=(target.action()) {
            (csrf_field(viewer))
            input type="hidden" name="query" value=(form.query);
            (text_input(locale, Field::new("name", form.name).required(), form.errors, "text"))
            (checkbox(locale, Field::new("shared", "true").hint(locale.t("hint-view-shared")), form.errors, form.shared))
            button type="submit" { (target.submit(locale)) }
        }
    }
}

/// The page that shows a refused view form again, with its problems.
pub fn view_form_page(viewer: &Viewer, target: ViewFormTarget, form: &ViewForm) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("view-form-title");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            (error_summary(locale, form.errors))
            // The query goes along unseen, so its problem stands where the summary leads.
            @if let Some(problem) = form.errors.get("query") {
                p.error-message #field-query tabindex="-1" { (locale.field_error(problem)) }
            }
            (view_form(viewer, target, form))
        },
    )
}

/// The ways a follower may hear of a view, the first the default.
const FOLLOW_DELIVERIES: [Delivery; 3] = [Delivery::Digest, Delivery::Immediate, Delivery::InApp];

/// Following a view: how to be told, and a way to stop.
fn follow_form(
    viewer: &Viewer,
    view: &StoredView,
    following: Option<Delivery>,
    errors: &FieldErrors,
) -> Markup {
    let locale = viewer.locale;
    let chosen = following.unwrap_or(Delivery::Digest).code();
    let options: Vec<_> = FOLLOW_DELIVERIES
        .iter()
        .map(|delivery| {
            let label = locale.t(&format!("view-delivery-{}", delivery.code()));
            (delivery.code().to_owned(), label)
        })
        .collect();
    html! {
        form.follow-view method="post" action={(view.address()) "/follow"} {
            (csrf_field(viewer))
            (select(locale, Field::new("delivery", chosen), errors, &options))
            button type="submit" {
                (locale.t(if following.is_some() { "view-follow-change" } else { "view-follow" }))
            }
        }
        @if following.is_some() {
            form.unfollow-view method="post" action={(view.address()) "/unfollow"} {
                (csrf_field(viewer))
                button.secondary type="submit" { (locale.t("view-unfollow")) }
            }
        }
    }
}

/// What a view's own page shows above its list.
pub struct ViewShown {
    pub view: StoredView,
    pub following: Option<Delivery>,
    pub followers: i64,
    /// A refused attempt to follow it.
    pub follow_errors: FieldErrors,
    /// What was just done to it, said once.
    pub notice: Option<String>,
}

/// Who keeps the view, who follows it, and what the person reading may do with it.
pub fn view_bar(viewer: &Viewer, shown: &ViewShown) -> Markup {
    let locale = viewer.locale;
    let view = &shown.view;
    let owner = view.owner_id == viewer.actor.id.as_str();
    let kept_by = if view.shared {
        locale.t_with("view-shared-by", &[("owner", view.owner_name.clone())])
    } else {
        locale.t("view-personal").into_owned()
    };
    let followers = locale.t_with("view-followers", &[("count", shown.followers.to_string())]);
    html! {
        @if let Some(message) = &shown.notice { (super::components::notice(message)) }
        section.view-bar aria-labelledby="view-bar-heading" {
            h2.visually-hidden #view-bar-heading { (locale.t("view-bar-heading")) }
            p { (kept_by) " · " (followers) " · " (locale.t("view-changed")) " " (timestamp(view.updated_at)) }
            @match shown.following {
                Some(delivery) => p.following {
                    (locale.t_with("view-following", &[("how", locale.t(&format!("view-delivery-{}", delivery.code())).into_owned())]))
                },
                None => p { (locale.t("view-follow-hint")) },
            }
            div.view-actions {
                (follow_form(viewer, view, shown.following, &shown.follow_errors))
                @if owner {
                    details.change-view {
                        summary { (locale.t("view-change")) }
                        (view_form(viewer, ViewFormTarget::Existing(view), &ViewForm {
                            name: &view.name,
                            shared: view.shared,
                            query: &view.query,
                            errors: &FieldErrors::new(),
                        }))
                    }
                }
                @if owner || (view.shared && viewer.may(Permission::ManageAccounts)) {
                    form.delete-view method="post" action={(view.address()) "/delete"} {
                        (csrf_field(viewer))
                        button.secondary type="submit" { (locale.t("view-delete")) }
                    }
                }
            }
        }
    }
}

/// Saving the list as it stands: a new view, or, when it came from one of the person's own
/// views, that view given these filters.
pub fn save_list(viewer: &Viewer, query: &str, came_from: Option<&StoredView>) -> Markup {
    let locale = viewer.locale;
    let errors = FieldErrors::new();
    let mine = came_from.filter(|view| view.owner_id == viewer.actor.id.as_str());
    html! {
        div.save-view {
            @if let Some(view) = mine {
                form method="post" action=(view.address()) {
                    (csrf_field(viewer))
                    input type="hidden" name="query" value=(query);
                    input type="hidden" name="name" value=(view.name);
                    @if view.shared { input type="hidden" name="shared" value="true"; }
                    button type="submit" { (locale.t_with("view-save-filters-to", &[("name", view.name.clone())])) }
                }
            }
            details {
                summary { (locale.t("view-save-as")) }
                (view_form(viewer, ViewFormTarget::New, &ViewForm { name: "", shared: false, query, errors: &errors }))
            }
        }
    }
}

/// Every view the person may open: their own and the shared ones.
pub fn views_page(viewer: &Viewer, views: &[ListedView], notice: Option<&str>) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("views-title");
    html! {
        (page(viewer, &title, html! {
            h1 { (title) }
            @if let Some(message) = notice { (super::components::notice(message)) }
            p { (locale.t("views-intro")) }
            @if views.is_empty() {
                p { (locale.t("views-none")) }
            } @else {
                (scrolling_table(&title, html! {
                    table {
                        caption.visually-hidden { (title) }
                        thead { tr {
                            th scope="col" { (locale.field("name")) }
                            th scope="col" { (locale.t("views-kept-by")) }
                            th scope="col" { (locale.t("views-followers")) }
                            th scope="col" { (locale.t("views-you")) }
                        } }
                        tbody {
                            @for listed in views {
                                tr {
                                    td { a href=(listed.view.address()) { (listed.view.name) } }
                                    td {
                                        @if listed.view.shared {
                                            (locale.t_with("view-shared-by", &[("owner", listed.view.owner_name.clone())]))
                                        } @else {
                                            (locale.t("view-personal"))
                                        }
                                    }
                                    td { (listed.followers) }
                                    td {
                                        @match listed.following {
                                            Some(delivery) => (locale.t(&format!("view-delivery-{}", delivery.code()))),
                                            None => span.muted { (locale.t("views-not-following")) },
                                        }
                                    }
                                }
                            }
                        }
                    }
                }))
            }
        }))
    }
}
