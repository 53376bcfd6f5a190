//! The manager's dashboard: the portfolio's headline figures, each a link to exactly the
//! irritants it counts; where each directive stands; what needs attention and what changed;
//! charts with their numbers; and the signed-in person's own work.

use std::borrow::Cow;

use maud::{Markup, html};

use super::Viewer;
use super::charts::{ChartText, Series, bar_chart, weekly_chart};
use super::components::{breadcrumbs, date, scrolling_table, shown_text, source_title, timestamp};
use super::forms::{
    Field, department_options, error_summary, select, text_input, vocabulary_options,
};
use super::history::describe;
use super::irritants::{Extras, irritant_table};
use super::layout::page;
use crate::db::dashboard::{Dashboard, DirectiveProgress, RecentChange, WorkList};
use crate::db::slips::StoredSlip;
use crate::domain::accounts::Permission;
use crate::domain::dashboard::{Breakdown, DashboardRules, DashboardScope, Week};
use crate::domain::history::ChangeKind;
use crate::domain::{ActionHolder, FieldErrors, Priority, Rag, ReferenceData, Sector, Status};
use crate::i18n::Locale;

/// What the dashboard page shows besides the figures: the scope asked for and the rules the
/// figures follow.
pub struct DashboardShown<'a> {
    pub scope: &'a DashboardScope,
    pub rules: DashboardRules,
    pub reference_data: &'a ReferenceData,
}

pub fn dashboard_page(
    viewer: &Viewer,
    shown: &DashboardShown,
    loaded: Result<&Dashboard, &FieldErrors>,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("dashboard-title");
    let no_errors = FieldErrors::new();
    let errors = loaded.err().unwrap_or(&no_errors);
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            (scope_form(locale, shown, errors))
            @if let Ok(dashboard) = loaded {
                (figures(locale, dashboard, shown.rules))
                (directives(locale, &dashboard.directives))
                @if viewer.may(Permission::ApproveDateSlips) && !dashboard.pending_slips.is_empty() {
                    (pending_slips(locale, &dashboard.pending_slips))
                }
                (work_list(locale, "attention", &dashboard.needs_attention, Extras { why: true, ..Extras::default() }))
                (recent(locale, dashboard, shown.scope))
                (charts(locale, dashboard, shown.reference_data))
                (work_list(locale, "mine", &dashboard.mine, Extras::default()))
                (my_milestones(locale, dashboard))
            }
        },
    )
}

fn scope_form(locale: Locale, shown: &DashboardShown, errors: &FieldErrors) -> Markup {
    let any = || locale.t("filter-any");
    let scope = shown.scope;
    html! {
        form.filters method="get" action="/" role="search" aria-label=(locale.t("dashboard-scope")) {
            (error_summary(locale, errors))
            div.filter-grid {
                (text_input(locale, Field::new("counterpart", &scope.counterpart).hint(locale.t("hint-counterpart-code")), errors, "text"))
                (select(locale, Field::new("sector", &scope.sector), errors,
                    &vocabulary_options(locale, Sector::ALL, Sector::LABEL_PREFIX, Sector::code, Some(any()))))
                (select(locale, Field::new("department", &scope.department), errors, &department_options(locale, shown.reference_data, any())))
                (select(locale, Field::new("priority", &scope.priority), errors,
                    &vocabulary_options(locale, Priority::ALL, Priority::LABEL_PREFIX, Priority::code, Some(any()))))
            }
            div.actions {
                button type="submit" { (locale.t("filter-apply")) }
                a.button.secondary href="/" { (locale.t("filter-clear")) }
            }
        }
    }
}

fn figures(locale: Locale, dashboard: &Dashboard, rules: DashboardRules) -> Markup {
    let (fiscal_from, fiscal_to) = rules.fiscal_year();
    html! {
        section aria-labelledby="figures-heading" {
            h2 #figures-heading { (locale.t("dashboard-figures")) }
            ul.figures {
                @for counted in &dashboard.figures {
                    li class={"figure" @if counted.figure.is_warning() && counted.count > 0 { " figure-warning" }} {
                        a href={"/irritants?" (counted.list_query)} {
                            span.figure-count { (counted.count) }
                            " "
                            span.figure-label { (locale.t(&format!("figure-{}", counted.figure.code().replace('_', "-")))) }
                        }
                    }
                }
            }
            p.hint {
                (locale.t_with("dashboard-rules", &[
                    ("from", fiscal_from.to_string()),
                    ("to", fiscal_to.to_string()),
                    ("stale", rules.list.stale_after_days.to_string()),
                    ("soon", rules.due_soon_days.to_string()),
                ]))
            }
        }
    }
}

/// "Gyeongju readout, paragraph 3: 7 irritants, 0 resolved, 2 at risk".
fn directives(locale: Locale, directives: &[DirectiveProgress]) -> Markup {
    html! {
        section aria-labelledby="directives-heading" {
            h2 #directives-heading { (locale.t("dashboard-directives")) }
            @if directives.is_empty() {
                p.muted { (locale.t("dashboard-directives-none")) }
            } @else {
                ul.directive-progress {
                    @for directive in directives {
                        li {
                            a href={"/sources/" (directive.source_id) "#statement-" (directive.number)} {
                                (source_title(locale, &directive.source_title)) ", §" (directive.number)
                            }
                            @if let Some(day) = directive.issued_on { " (" (date(day)) ")" }
                            (locale.colon())
                            (locale.t_with("directive-progress", &[
                                ("irritants", directive.total().to_string()),
                                ("resolved", directive.with_status(Status::Resolved).to_string()),
                                ("at_risk", directive.active_with_rag(Rag::AtRisk).to_string()),
                                ("off_track", directive.active_with_rag(Rag::OffTrack).to_string()),
                            ]))
                        }
                    }
                }
            }
        }
    }
}

/// The later target dates that wait for a manager, each leading to the irritant's decision.
fn pending_slips(locale: Locale, slips: &[StoredSlip]) -> Markup {
    let heading = locale.t("dashboard-slips");
    html! {
        section aria-labelledby="slips-heading" {
            h2 #slips-heading { (heading) }
            (scrolling_table(&heading, html! {
                table {
                    caption.visually-hidden { (heading) }
                    thead { tr {
                        th scope="col" { (locale.field("reference")) }
                        th scope="col" { (locale.field("title")) }
                        th scope="col" { (locale.t("slip-dates")) }
                        th scope="col" { (locale.t("slip-proposed-by")) }
                        th scope="col" { (locale.field("reason")) }
                    } }
                    tbody {
                        @for slip in slips {
                            tr {
                                td { a href={"/irritants/" (slip.reference) "#date-slip"} { (slip.reference) } }
                                td { (shown_text(locale, slip.title.for_reader(locale.language()))) }
                                td { (date(slip.slip.from)) " → " (date(slip.slip.to)) }
                                td { (slip.proposer_name) }
                                td { (slip.reason) }
                            }
                        }
                    }
                }
            }))
        }
    }
}

/// A short list of irritants with a link to all of them.
fn work_list(locale: Locale, name: &str, list: &WorkList, extras: Extras) -> Markup {
    let heading = locale.t(&format!("dashboard-{name}"));
    html! {
        section aria-labelledby={(name) "-heading"} {
            h2 id={(name) "-heading"} { (heading) }
            @if list.page.rows.is_empty() {
                p.muted { (locale.t(&format!("dashboard-{name}-none"))) }
            } @else {
                (irritant_table(locale, &list.page.rows, &heading, extras))
                p { a href={"/irritants?" (list.list_query)} { (locale.t_with("dashboard-see-all", &[("total", list.page.total.to_string())])) } }
            }
        }
    }
}

fn recent(locale: Locale, dashboard: &Dashboard, scope: &DashboardScope) -> Markup {
    let changes_of =
        |kind: Option<ChangeKind>| changes_address(scope, kind.map(ChangeKind::code), None);
    html! {
        section aria-labelledby="recent-heading" {
            h2 #recent-heading { (locale.t("dashboard-recent")) }
            @if dashboard.recent.is_empty() {
                p.muted { (locale.t("dashboard-recent-none")) }
            } @else {
                ul.change-summary {
                    @for (kind, count) in &dashboard.recent_counts {
                        li { a href=(changes_of(Some(*kind))) { (change_count(locale, *kind, *count)) } }
                    }
                }
                ol.recent-changes {
                    @for change in &dashboard.recent { (change_item(locale, change)) }
                }
                p { a href=(changes_of(None)) { (locale.t("dashboard-recent-all")) } }
            }
        }
    }
}

/// The page of changes for a scope, of one kind (or all), at a page.
fn changes_address(scope: &DashboardScope, kind: Option<&str>, page: Option<u32>) -> String {
    let mut query = scope.to_query_string();
    let more: Vec<(&str, String)> = [
        ("kind", kind.map(str::to_owned)),
        ("page", page.map(|p| p.to_string())),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|value| (name, value)))
    .collect();
    let more = serde_urlencoded::to_string(more).unwrap_or_default();
    if !query.is_empty() && !more.is_empty() {
        query.push('&');
    }
    query.push_str(&more);
    format!("/changes?{query}")
}

/// "3 status changes", in words.
pub fn change_count(locale: Locale, kind: ChangeKind, count: i64) -> String {
    locale.t_with(
        &format!("change-count-{}", kind.code()),
        &[("count", count.to_string())],
    )
}

/// One change: when, by whom, to which irritant, and what it was.
pub fn change_item(locale: Locale, change: &RecentChange) -> Markup {
    html! {
        li {
            p.muted {
                (timestamp(change.entry.occurred_at)) " · " (change.entry.actor_name) " · "
                a href={"/irritants/" (change.reference) "/history"} { (change.reference) } " " (shown_text(locale, change.title.for_reader(locale.language())))
            }
            (describe(locale, &change.entry))
        }
    }
}

fn my_milestones(locale: Locale, dashboard: &Dashboard) -> Markup {
    html! {
        section aria-labelledby="my-milestones-heading" {
            h2 #my-milestones-heading { (locale.t("dashboard-my-milestones")) }
            @if dashboard.my_milestones.is_empty() {
                p.muted { (locale.t("dashboard-my-milestones-none")) }
            } @else {
                (scrolling_table(&locale.t("dashboard-my-milestones"), html! {
                    table {
                        caption.visually-hidden { (locale.t("dashboard-my-milestones")) }
                        thead { tr {
                            th scope="col" { (locale.t("milestone-due")) }
                            th scope="col" { (locale.field("title")) }
                            th scope="col" { (locale.t("milestone-irritant")) }
                        } }
                        tbody {
                            @for milestone in &dashboard.my_milestones {
                                tr {
                                    td { (date(milestone.due_date)) }
                                    td { (milestone.title) }
                                    td { a href={"/irritants/" (milestone.reference) "/milestones"} { (milestone.reference) } " " (shown_text(locale, milestone.irritant_title.for_reader(locale.language()))) }
                                }
                            }
                        }
                    }
                }))
            }
        }
    }
}

fn one_series(locale: Locale) -> Vec<Series> {
    vec![Series {
        label: locale.t("chart-irritants").into_owned(),
        class: "series-count",
    }]
}

fn single(rows: impl IntoIterator<Item = (Cow<'static, str>, i64)>) -> Vec<(String, Vec<i64>)> {
    rows.into_iter()
        .map(|(label, n)| (label.into_owned(), vec![n]))
        .collect()
}

fn charts(locale: Locale, dashboard: &Dashboard, reference_data: &ReferenceData) -> Markup {
    let breakdown = &dashboard.breakdown;
    let sector_rows = single(
        breakdown
            .active_by(|g| g.sector)
            .into_iter()
            .map(|(sector, n)| (locale.label(Sector::LABEL_PREFIX, sector.code()), n)),
    );
    let holder_rows = single(
        breakdown
            .active_by(|g| g.action_holder)
            .into_iter()
            .map(|(holder, n)| (locale.label(ActionHolder::LABEL_PREFIX, holder.code()), n)),
    );
    let age_rows = single(dashboard.ageing.iter().map(|(band, n)| {
        (
            locale.t(&format!("age-band-{}", band.code().replace('_', "-"))),
            *n,
        )
    }));
    let department_rows = department_rows(locale, breakdown, reference_data);
    html! {
        section aria-labelledby="charts-heading" {
            h2 #charts-heading { (locale.t("dashboard-charts")) }
            (status_chart(locale, breakdown))
            (weekly(locale, &dashboard.weeks))
            (open_chart(locale, ("chart-sector", "chart-sector-title"), &locale.field("sector"), &sector_rows))
            (open_chart(locale, ("chart-department", "chart-department-title"), &locale.field("lead_department"), &department_rows))
            (open_chart(locale, ("chart-holder", "chart-holder-title"), &locale.field("action_holder"), &holder_rows))
            (open_chart(locale, ("chart-age", "chart-age-title"), &locale.t("chart-age-band"), &age_rows))
        }
    }
}

/// What a chart's description says: its lead-in, then each bar's label and total.
fn described(locale: Locale, key: &str, rows: &[(String, Vec<i64>)]) -> String {
    let parts: Vec<String> = rows
        .iter()
        .map(|(label, values)| format!("{label}: {}", values.iter().sum::<i64>()))
        .collect();
    format!("{} {}", locale.t(key), parts.join("; "))
}

/// All irritants by status, each bar split by the latest RAG.
fn status_chart(locale: Locale, breakdown: &Breakdown) -> Markup {
    let rag_series: Vec<(Option<Rag>, Series)> = [
        (Some(Rag::OnTrack), "series-on-track"),
        (Some(Rag::AtRisk), "series-at-risk"),
        (Some(Rag::OffTrack), "series-off-track"),
        (None, "series-no-rag"),
    ]
    .into_iter()
    .map(|(rag, class)| {
        let label = match rag {
            Some(rag) => locale.label(Rag::LABEL_PREFIX, rag.code()),
            None => locale.t("rag-none"),
        };
        let label = label.into_owned();
        (rag, Series { label, class })
    })
    .collect();
    let rows: Vec<(String, Vec<i64>)> = Status::ALL
        .iter()
        .map(|status| {
            let values = rag_series
                .iter()
                .map(|(rag, _)| breakdown.by_status_and_rag(*status, *rag))
                .collect();
            let label = locale.label(Status::LABEL_PREFIX, status.code());
            (label.into_owned(), values)
        })
        .collect();
    let description = described(locale, "chart-status-desc", &rows);
    let title = locale.t("chart-status-title");
    let text = ChartText {
        id: "chart-status",
        title: &title,
        description: &description,
    };
    let series: Vec<Series> = rag_series.into_iter().map(|(_, s)| s).collect();
    bar_chart(locale, &text, &locale.field("status"), &series, &rows)
}

/// Open irritants by one of their facts: `(id, title key)` name the chart, `axis` its bars.
fn open_chart(
    locale: Locale,
    (id, title_key): (&'static str, &str),
    axis: &str,
    rows: &[(String, Vec<i64>)],
) -> Markup {
    let title = locale.t(title_key);
    let description = described(locale, "chart-active-desc", rows);
    let text = ChartText {
        id,
        title: &title,
        description: &description,
    };
    bar_chart(locale, &text, axis, &one_series(locale), rows)
}

/// Open irritants by lead department, named in the reader's language with its code.
fn department_rows(
    locale: Locale,
    breakdown: &Breakdown,
    reference_data: &ReferenceData,
) -> Vec<(String, Vec<i64>)> {
    single(
        breakdown
            .active_by(|g| g.department.clone())
            .into_iter()
            .map(|(code, n)| {
                let name = match code
                    .as_deref()
                    .and_then(|c| reference_data.find_department(c))
                {
                    Some(department) => Cow::Owned(format!(
                        "{} ({})",
                        locale.department_name(department),
                        locale.department_acronym(department)
                    )),
                    None => match code {
                        // A department no longer in the register: its code says which it was.
                        Some(code) => Cow::Owned(code),
                        None => locale.t("filter-no-department"),
                    },
                };
                (name, n)
            }),
    )
}

/// Open irritants week by week over the last year: opened, resolved, set aside, and open at
/// each week's end.
fn weekly(locale: Locale, weeks: &[Week]) -> Markup {
    let total = |of: fn(&Week) -> i64| weeks.iter().map(of).sum::<i64>().to_string();
    let description = match (weeks.first(), weeks.last()) {
        (Some(first), Some(last)) => locale.t_with(
            "chart-weekly-desc",
            &[
                ("from", first.starts_on.to_string()),
                ("start", first.open_at_end.to_string()),
                ("end", last.open_at_end.to_string()),
                ("opened", total(|w| w.opened)),
                ("resolved", total(|w| w.resolved)),
                ("set_aside", total(|w| w.set_aside)),
            ],
        ),
        _ => String::new(),
    };
    let series = [
        ("chart-open-at-end", "series-open-line"),
        ("chart-opened", "series-opened"),
        ("chart-resolved", "series-resolved"),
        ("chart-set-aside", "series-set-aside"),
    ]
    .map(|(key, class)| Series {
        label: locale.t(key).into_owned(),
        class,
    });
    let title = locale.t("chart-weekly-title");
    let text = ChartText {
        id: "chart-weekly",
        title: &title,
        description: &description,
    };
    weekly_chart(locale, &text, weeks, series)
}

/// What the page of changes shows: the scope, the kind chosen, and a page of changes.
pub struct ChangesShown<'a> {
    pub scope: &'a DashboardScope,
    pub kind: &'a str,
    pub changes: &'a [RecentChange],
    pub total: i64,
    pub page: u32,
    pub page_count: u32,
}

/// Every change of the last seven days to irritants in scope, of one kind or all.
pub fn changes_page(viewer: &Viewer, shown: &ChangesShown, errors: &FieldErrors) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("changes-title");
    let scope = shown.scope;
    let page_link = |page: u32| {
        changes_address(
            scope,
            Some(shown.kind).filter(|k| !k.is_empty()),
            Some(page),
        )
    };
    page(
        viewer,
        &title,
        html! {
            (breadcrumbs(locale, &[("/", &locale.t("dashboard-title"))]))
            h1 { (title) }
            (error_summary(locale, errors))
            form.filters method="get" action="/changes" role="search" aria-label=(locale.t("changes-filter")) {
                @for (name, value) in [("counterpart", &scope.counterpart), ("sector", &scope.sector), ("department", &scope.department), ("priority", &scope.priority)] {
                    @if !value.is_empty() { input type="hidden" name=(name) value=(value); }
                }
                (select(locale, Field::new("kind", shown.kind), errors,
                    &vocabulary_options(locale, ChangeKind::ALL, ChangeKind::LABEL_PREFIX, ChangeKind::code, Some(locale.t("change-kind-any")))))
                div.actions { button type="submit" { (locale.t("filter-apply")) } }
            }
            p.result-count role="status" { (locale.t_with("changes-count", &[("count", shown.total.to_string())])) }
            ol.recent-changes {
                @for change in shown.changes { (change_item(locale, change)) }
            }
            @if shown.page_count > 1 {
                nav.pagination aria-label=(locale.t("pagination-label")) {
                    @if shown.page > 1 { a rel="prev" href=(page_link(shown.page - 1)) { (locale.t("pagination-previous")) } }
                    span { (locale.t_with("pagination-position", &[("page", shown.page.to_string()), ("pages", shown.page_count.to_string())])) }
                    @if shown.page < shown.page_count { a rel="next" href=(page_link(shown.page + 1)) { (locale.t("pagination-next")) } }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dashboard::AgeBand;

    #[test]
    fn every_age_band_has_a_label() {
        for band in AgeBand::ALL {
            let key = format!("age-band-{}", band.code().replace('_', "-"));
            assert_ne!(Locale::english().t(&key), key, "{key}");
        }
    }
}
