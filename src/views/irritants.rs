//! The irritant pages: the list, one irritant, and its forms.

use crate::export::ExportFormat;
use std::borrow::Cow;

use crate::domain::ids::SourceId;
use crate::domain::source::{Statement, quote_language, sentences};
use chrono::NaiveDate;
use maud::{Markup, html};

use super::Viewer;
use super::components::{
    breadcrumbs, date, due_date, notice, priority_badge, rag_badge, scrolling_table, shown_text,
    source_title, status_badge, timestamp,
};
use super::forms::csrf_field;
use super::forms::{
    DATE_INPUT, Field, department_options, error_summary, other_language_group, radios,
    scoped_error_summary, select, text_input, textarea, vocabulary_options, written_in,
};
use super::history::entry_list;
use super::layout::page;
use super::notifications::{CommentForm, comments_section, watch_section};
use super::saved_views::{ViewShown, save_list, view_bar};
use crate::db::comments::StoredComment;
use crate::db::irritants::{IrritantSummary, LikelyDuplicate, LinkedIrritant, ListPage};
use crate::db::milestones::Milestone;
use crate::db::notifications::Watcher;
use crate::db::progress::StoredUpdate;
use crate::db::saved_views::StoredView;
use crate::db::slips::StoredSlip;
use crate::db::sources::{Mandate, StatementHit};
use crate::domain::accounts::Permission;
use crate::domain::bilingual::Shown;
use crate::domain::bulk::{BulkAction, MOST_ITEMS};
use crate::domain::duplicate::Likeness;
use crate::domain::history::HistoryEntry;
use crate::domain::listing::{AttentionReason, Columns, ListColumn, ListParams};
use crate::domain::milestone::MilestoneInput;
use crate::domain::progress::ProgressInput;
use crate::domain::{
    ActionHolder, ClosureReason, CountryCode, Direction, FieldErrors, Irritant, IrritantFields,
    IrritantInput, LinkKind, ListSort, MeasureType, MilestoneState, OfficialLanguage, Priority,
    Rag, ReferenceData, Sector, Status, StatusChangeInput,
};
use crate::i18n::Locale;

fn irritant_url(irritant: &Irritant) -> String {
    format!("/irritants/{}", irritant.reference)
}

fn trail(locale: Locale, irritant: &Irritant) -> Markup {
    breadcrumbs(
        locale,
        &[
            ("/irritants", &locale.t("nav-irritants")),
            (&irritant_url(irritant), &irritant.reference.to_string()),
        ],
    )
}

fn country_name(locale: Locale, code: CountryCode) -> String {
    format!("{} ({})", locale.country_name(code), code)
}

/// The people a list may be filtered by: everyone, active or not.
fn people_options(
    locale: Locale,
    reference_data: &ReferenceData,
    empty: Cow<'static, str>,
) -> Vec<(String, Cow<'static, str>)> {
    std::iter::once((String::new(), empty))
        .chain(reference_data.people.iter().map(|p| {
            let label = if p.active {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, locale.t("person-inactive"))
            };
            (p.id.to_string(), Cow::Owned(label))
        }))
        .collect()
}

/// The owners this person may choose for an irritant now owned by `current`: anyone active for
/// a manager; themselves (or the owner it has) for the others, who are refused the rest.
pub fn owner_options(
    viewer: &Viewer,
    reference_data: &ReferenceData,
    current: &str,
) -> Vec<(String, Cow<'static, str>)> {
    let locale = viewer.locale;
    let may_choose_anyone = viewer.may(Permission::AssignOwners);
    people_options(locale, reference_data, locale.t("owner-none"))
        .into_iter()
        .filter(|(id, _)| {
            may_choose_anyone
                || id.is_empty()
                || id == current
                || *id == viewer.actor.id.to_string()
        })
        .filter(|(id, _)| {
            id.is_empty()
                || id == current
                || reference_data
                    .find_person(id)
                    .is_some_and(|person| person.active)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The list

/// The saved view a list is seen in, if any.
pub enum InView {
    /// The register's own list.
    Register,
    /// At the view's own address, with what its bar shows.
    Home(Box<ViewShown>),
    /// The filters were changed from this view's page: the person may save them to it.
    From(StoredView),
}

impl InView {
    /// The address of another page of this list.
    fn page_link(&self, params: &ListParams, page: u32) -> String {
        match self {
            InView::Home(shown) => format!("{}?page={page}", shown.view.address()),
            InView::Register => format!("/irritants?{}", params.with_page(page)),
            // Still offering to save the filters to the view they were changed from.
            InView::From(view) => {
                format!("/irritants?{}&view={}", params.with_page(page), view.id)
            }
        }
    }

    fn stored(&self) -> Option<&StoredView> {
        match self {
            InView::Register => None,
            InView::Home(shown) => Some(&shown.view),
            InView::From(view) => Some(view),
        }
    }
}

/// The irritant list with its filters. `page_data` is absent when the filters themselves were
/// refused.
pub fn list_page(
    viewer: &Viewer,
    params: &ListParams,
    errors: &FieldErrors,
    page_data: Option<&ListPage>,
    reference_data: &ReferenceData,
    in_view: &InView,
) -> Markup {
    let locale = viewer.locale;
    let title = match in_view {
        InView::Home(shown) => shown.view.name.clone(),
        InView::Register | InView::From(_) => locale.t("list-title").into_owned(),
    };
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if viewer.may(Permission::EditIrritants) && matches!(in_view, InView::Register) {
                p { a href="/irritants/import" { (locale.t("action-import-irritants")) } }
            }
            @if let InView::Home(shown) = in_view { (view_bar(viewer, shown)) }
            (active_filters(locale, params, reference_data))
            // On a phone the results come first on the screen (see the stylesheet); the filters
            // stay first in reading order, with a way past them.
            div.list-layout {
                (filter_form(locale, params, errors, reference_data, in_view.stored()))
                @if let Some(list) = page_data {
                    div.list-results #results { (results(viewer, params, list, in_view)) }
                }
            }
        },
    )
}

/// The columns to show, ticked: sent with the filters, kept in the page's address.
fn column_choice(locale: Locale, params: &ListParams, errors: &FieldErrors) -> Markup {
    let chosen = Columns::parse(&params.columns).unwrap_or_default();
    let problem = errors.get("columns");
    html! {
        details.column-choice open[problem.is_some()] {
            summary { (locale.t("columns-choose")) }
            // Named as the error summary's link names the field, and focusable by it.
            fieldset #field-columns tabindex="-1" aria-describedby=[problem.map(|_| "field-columns-error")] {
                legend { (locale.t("columns-legend")) }
                @if let Some(problem) = problem {
                    p.error-message #field-columns-error { span.visually-hidden { (locale.t("form-error-prefix")) " " } (locale.field_error(problem)) }
                }
                div.column-grid {
                    @for column in ListColumn::ALL {
                        div.field.checkbox {
                            input type="checkbox" name="columns" value=(column.code())
                                id={"column-" (column.code())} checked[chosen.shows(*column)];
                            label for={"column-" (column.code())} { (locale.label(ListColumn::LABEL_PREFIX, column.code())) }
                        }
                    }
                }
                p.hint { (locale.t("columns-hint")) }
            }
        }
    }
}

/// One filter of the list: its field, and the labels of its values where it offers a choice.
struct Filter<'a> {
    field: Field<'a>,
    /// The choices of a drop-down; none for a typed value.
    options: Option<Vec<(String, Cow<'static, str>)>>,
    input_type: &'static str,
    /// How a typed value that stands for something reads (a counterpart's code, by its name).
    named: Option<String>,
}

impl Filter<'_> {
    /// The value as the person chose it: its label in the drop-down, or what was typed.
    fn shown(&self, locale: Locale) -> String {
        let label = self.options.as_ref().and_then(|options| {
            options
                .iter()
                .find(|(value, _)| value == self.field.value)
                .map(|(_, label)| label.to_string())
        });
        let value = label
            .or_else(|| self.named.clone())
            .unwrap_or_else(|| self.field.value.to_owned());
        format!(
            "{}{} {value}",
            locale.field(self.field.name),
            locale.colon()
        )
    }

    fn render(self, locale: Locale, errors: &FieldErrors) -> Markup {
        match self.options {
            Some(options) => select(locale, self.field, errors, &options),
            None => text_input(locale, self.field, errors, self.input_type),
        }
    }
}

/// The filters most lists use, shown first; the others wait behind "More filters".
const COMMON_FILTERS: [&str; 7] = [
    "q",
    "status",
    "priority",
    "counterpart",
    "owner",
    "overdue",
    "sort",
];

/// The id of the list of counterparts a person may type by name.
const COUNTERPARTS: &str = "counterparts";

/// The counterparts a browser suggests as a name is typed: the same 250 names on every list
/// page, so rendered once per language rather than at every request.
fn counterpart_suggestions(locale: Locale) -> maud::PreEscaped<&'static str> {
    use std::sync::LazyLock;
    fn render(locale: Locale) -> String {
        html! {
            datalist id=(COUNTERPARTS) {
                @for country in CountryCode::all() { option value=(country_name(locale, country.code)) {} }
            }
        }
        .into_string()
    }
    static ENGLISH: LazyLock<String> = LazyLock::new(|| render(Locale::english()));
    static FRENCH: LazyLock<String> = LazyLock::new(|| render(Locale::french()));
    maud::PreEscaped(if locale.code() == "fr" {
        &FRENCH
    } else {
        &ENGLISH
    })
}

fn filters<'a>(
    locale: Locale,
    params: &'a ListParams,
    reference_data: &ReferenceData,
) -> Vec<Filter<'a>> {
    let any = || locale.t("filter-any");
    let with_none = |mut options: Vec<(String, Cow<'static, str>)>, label: Cow<'static, str>| {
        options.insert(1, ("none".to_owned(), label));
        options
    };
    let choice = |field: Field<'a>, options| Filter {
        field,
        options: Some(options),
        input_type: "text",
        named: None,
    };
    let typed = |field: Field<'a>, input_type| Filter {
        field,
        options: None,
        input_type,
        named: None,
    };
    let counterpart = CountryCode::parse_name_or_code(&params.counterpart).ok();
    let only = |key: &str| vec![(String::new(), any()), ("true".to_owned(), locale.t(key))];
    vec![
        typed(Field::new("q", &params.q), "search"),
        choice(
            Field::new("status", &params.status),
            vocabulary_options(
                locale,
                Status::ALL,
                Status::LABEL_PREFIX,
                Status::code,
                Some(any()),
            ),
        ),
        choice(
            Field::new("priority", &params.priority),
            vocabulary_options(
                locale,
                Priority::ALL,
                Priority::LABEL_PREFIX,
                Priority::code,
                Some(any()),
            ),
        ),
        choice(
            Field::new("sector", &params.sector),
            vocabulary_options(
                locale,
                Sector::ALL,
                Sector::LABEL_PREFIX,
                Sector::code,
                Some(any()),
            ),
        ),
        Filter {
            named: counterpart.map(|code| country_name(locale, code)),
            ..typed(
                Field::new("counterpart", &params.counterpart)
                    .hint(locale.t("hint-counterpart-code"))
                    .suggestions(COUNTERPARTS),
                "text",
            )
        },
        choice(
            Field::new("owner", &params.owner),
            with_none(
                people_options(locale, reference_data, any()),
                locale.t("filter-no-owner"),
            ),
        ),
        choice(
            Field::new("department", &params.department),
            with_none(
                department_options(locale, reference_data, any()),
                locale.t("filter-no-department"),
            ),
        ),
        choice(
            Field::new("rag", &params.rag),
            with_none(
                vocabulary_options(locale, Rag::ALL, Rag::LABEL_PREFIX, Rag::code, Some(any())),
                locale.t("rag-none"),
            ),
        ),
        choice(
            Field::new("overdue", &params.overdue),
            vec![
                (String::new(), any()),
                ("true".to_owned(), locale.t("filter-overdue-only")),
                ("target".to_owned(), locale.t("filter-overdue-target")),
                (
                    "milestones".to_owned(),
                    locale.t("filter-overdue-milestones"),
                ),
            ],
        ),
        choice(
            Field::new("active", &params.active),
            only("filter-active-only"),
        ),
        choice(
            Field::new("stale", &params.stale),
            only("filter-stale-only"),
        ),
        choice(
            Field::new("attention", &params.attention),
            only("filter-attention-only"),
        ),
        typed(
            Field::new("due_within", &params.due_within).hint(locale.t("hint-due-within")),
            "text",
        ),
        typed(
            Field::new("status_from", &params.status_from).hint(locale.t("hint-date")),
            DATE_INPUT,
        ),
        typed(
            Field::new("status_to", &params.status_to).hint(locale.t("hint-date")),
            DATE_INPUT,
        ),
        choice(
            Field::new("sort", &params.sort),
            vocabulary_options(
                locale,
                ListSort::ALL,
                ListSort::LABEL_PREFIX,
                ListSort::code,
                None,
            ),
        ),
    ]
}

fn filter_form(
    locale: Locale,
    params: &ListParams,
    errors: &FieldErrors,
    reference_data: &ReferenceData,
    from_view: Option<&StoredView>,
) -> Markup {
    let (common, more): (Vec<Filter>, Vec<Filter>) = filters(locale, params, reference_data)
        .into_iter()
        .partition(|filter| COMMON_FILTERS.contains(&filter.field.name));
    let more_in_use = more
        .iter()
        .any(|filter| !filter.field.value.is_empty() || errors.get(filter.field.name).is_some());
    html! {
        form.filters method="get" action="/irritants" role="search" aria-label=(locale.t("filter-label")) {
            a.skip-to-results href="#results" { (locale.t("filter-skip-to-results")) }
            @if let Some(view) = from_view { input type="hidden" name="view" value=(view.id); }
            (error_summary(locale, errors))
            div.filter-grid {
                @for filter in common { (filter.render(locale, errors)) }
            }
            details.more-filters open[more_in_use] {
                summary { (locale.t("filter-more")) }
                div.filter-grid {
                    @for filter in more { (filter.render(locale, errors)) }
                }
            }
            (column_choice(locale, params, errors))
            (counterpart_suggestions(locale))
            div.actions {
                button type="submit" { (locale.t("filter-apply")) }
                a.button.secondary href="/irritants" { (locale.t("filter-clear")) }
            }
        }
    }
}

/// The filters in force, each with a link that removes it.
fn active_filters(locale: Locale, params: &ListParams, reference_data: &ReferenceData) -> Markup {
    let in_force: Vec<Filter> = filters(locale, params, reference_data)
        .into_iter()
        .filter(|filter| filter.field.name != "sort" && !filter.field.value.trim().is_empty())
        .collect();
    html! {
        @if !in_force.is_empty() {
            div.active-filters {
                h2.visually-hidden { (locale.t("filter-in-force")) }
                ul {
                    @for filter in &in_force {
                        @let shown = filter.shown(locale);
                        li { a href={"/irritants?" (params.without(filter.field.name))} aria-label=(locale.t_with("filter-remove", &[("filter", shown.clone())])) {
                            (shown) " " span aria-hidden="true" { "×" }
                        } }
                    }
                }
            }
        }
    }
}

/// What an irritant table shows besides its reference and title.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// A box to tick on each row, belonging to the form of this id (the bulk change's).
    pub choose_for: Option<&'a str>,
    /// Why each irritant needs attention.
    pub why: bool,
    /// The columns chosen; none: the default columns.
    pub columns: Option<&'a Columns>,
}

/// Why an irritant needs attention, in words.
fn attention_reasons(locale: Locale, reasons: &[AttentionReason]) -> Markup {
    let said = |reason: &AttentionReason| match *reason {
        AttentionReason::OffTrack => locale.t("attention-off-track").into_owned(),
        AttentionReason::TargetOverdue(days) => {
            locale.t_with("attention-target-overdue", &[("days", days.to_string())])
        }
        AttentionReason::MilestoneOverdue(days) => {
            locale.t_with("attention-milestone-overdue", &[("days", days.to_string())])
        }
        AttentionReason::NoOwner => locale.t("attention-no-owner").into_owned(),
        AttentionReason::Stale(days) => {
            locale.t_with("attention-stale", &[("days", days.to_string())])
        }
    };
    html! { ul.reasons { @for reason in reasons { li { (said(reason)) } } } }
}

/// One cell of an irritant's row.
fn column_cell(locale: Locale, column: ListColumn, row: &IrritantSummary) -> Markup {
    let optional_date = |day: Option<NaiveDate>| match day {
        Some(day) => date(day),
        None => html! { span.muted { (locale.t("date-none")) } },
    };
    match column {
        ListColumn::Counterpart => html! {
            td { abbr title=(locale.country_name(row.counterpart)) { (row.counterpart) } }
        },
        ListColumn::Sector => {
            html! { td.wraps { (locale.label(Sector::LABEL_PREFIX, row.sector.code())) } }
        }
        ListColumn::MeasureType => html! {
            td.wraps { (locale.label(MeasureType::LABEL_PREFIX, row.measure_type.code())) }
        },
        ListColumn::Status => html! { td { (status_badge(locale, row.status)) } },
        ListColumn::StatusSince => html! { td { (date(row.status_since)) } },
        ListColumn::Priority => html! { td { (priority_badge(locale, row.priority)) } },
        ListColumn::Rag => html! { td.wraps { (rag_badge(locale, row.rag)) } },
        ListColumn::Owner => html! {
            td.wraps { @if let Some(owner) = &row.owner_name { (owner) } @else { span.muted { (locale.t("owner-none")) } } }
        },
        ListColumn::LeadDepartment => {
            html! { td.wraps { @if let Some(d) = &row.lead_department { abbr title=(locale.department_name(d)) { (locale.department_acronym(d)) } } } }
        }
        ListColumn::TargetDate => html! {
            td.wraps {
                (due_date(locale, row.target_date, row.overdue))
                @if row.milestone_overdue { br; strong.overdue-flag.overdue { (locale.t("milestone-overdue")) } }
            }
        },
        ListColumn::NextMilestone => html! { td { (optional_date(row.next_milestone_due)) } },
        ListColumn::LastActivity => html! { td { (date(row.last_activity)) } },
    }
}

/// Irritants as rows of a table: the reference, the title and the columns chosen (by default
/// counterpart, status, priority, RAG, owner, lead department and target date), with the
/// `extras` asked for.
pub fn irritant_table(
    locale: Locale,
    rows: &[IrritantSummary],
    caption: &str,
    extras: Extras,
) -> Markup {
    let choose_for = extras.choose_for;
    let default = Columns::default();
    let columns = extras.columns.unwrap_or(&default);
    html! {
        (scrolling_table(caption, html! {
            table.irritants {
                caption.visually-hidden { (caption) }
                thead { tr {
                    @if choose_for.is_some() { th scope="col" { span.visually-hidden { (locale.t("bulk-choose-column")) } } }
                    th scope="col" { (locale.field("reference")) }
                    th scope="col" { (locale.field("title")) }
                    @for column in columns.iter() {
                        th scope="col" { (locale.label(ListColumn::LABEL_PREFIX, column.code())) }
                    }
                    @if extras.why { th scope="col" { (locale.t("attention-why")) } }
                } }
                tbody {
                    @for row in rows {
                        tr {
                            @if let Some(form) = choose_for {
                                td.choose {
                                    input type="checkbox" name="pick" value=(row.reference) form=(form)
                                        id={"pick-" (row.reference)}
                                        aria-label=(locale.t_with("bulk-choose-one", &[("reference", row.reference.to_string())]));
                                }
                            }
                            td { a href={"/irritants/" (row.reference)} { (row.reference) } }
                            td.title { (shown_text(locale, row.title.for_reader(locale.language()))) }
                            @for column in columns.iter() { (column_cell(locale, column, row)) }
                            @if extras.why { td.why { (attention_reasons(locale, &row.attention)) } }
                        }
                    }
                }
            }
        }))
    }
}

/// Links that export every irritant the list's filters select (not just this page).
fn export_links(locale: Locale, params: &ListParams) -> Markup {
    let query = ListParams {
        page: String::new(),
        ..params.clone()
    }
    .to_query_string();
    html! {
        nav.exports aria-label=(locale.t("export-heading")) {
            span { (locale.t("export-heading")) }
            @for format in ExportFormat::ALL {
                a download href={"/exports/irritants." (format.extension()) "?" (query)} {
                    (locale.t(&format!("export-as-{}", format.extension())))
                }
            }
        }
    }
}

/// The form the list's boxes belong to: what to do with the irritants ticked, or with all
/// those the filters select.
const BULK_FORM: &str = "bulk";

fn bulk_bar(viewer: &Viewer, params: &ListParams, total: i64) -> Markup {
    let locale = viewer.locale;
    let actions: Vec<BulkAction> = BulkAction::ALL
        .iter()
        .copied()
        .filter(|action| *action == BulkAction::Watch || viewer.may(Permission::EditIrritants))
        .collect();
    let query = ListParams {
        page: String::new(),
        ..params.clone()
    }
    .to_query_string();
    html! {
        form.bulk-bar id=(BULK_FORM) method="post" action="/irritants/bulk" aria-label=(locale.t("bulk-label")) {
            (csrf_field(viewer))
            input type="hidden" name="step" value="choose";
            (select(locale, Field::new("action", ""), &FieldErrors::new(),
                &vocabulary_options(locale, &actions, BulkAction::LABEL_PREFIX, BulkAction::code, None)))
            @if total <= MOST_ITEMS as i64 {
                div.field.checkbox {
                    input type="checkbox" id="bulk-all" name="all" value=(query);
                    label for="bulk-all" { (locale.t_with("bulk-all-matching", &[("total", total.to_string())])) }
                }
            }
            button type="submit" { (locale.t("bulk-continue")) }
        }
    }
}

pub fn results(viewer: &Viewer, params: &ListParams, list: &ListPage, in_view: &InView) -> Markup {
    let locale = viewer.locale;
    let columns = Columns::parse(&params.columns).unwrap_or_default();
    let first = u64::from(list.page.saturating_sub(1)) * u64::from(list.page_size) + 1;
    let last = first + list.rows.len() as u64 - 1;
    let count = if list.rows.is_empty() {
        locale.t_with("list-count-none", &[("total", list.total.to_string())])
    } else {
        locale.t_with(
            "list-count",
            &[
                ("first", first.to_string()),
                ("last", last.to_string()),
                ("total", list.total.to_string()),
            ],
        )
    };
    html! {
        p.result-count role="status" { (count) }
        @if list.total > 0 {
            (export_links(locale, params))
        }
        @if !matches!(in_view, InView::Home(_)) {
            (save_list(viewer, &ListParams { page: String::new(), ..params.clone() }.to_query_string(), in_view.stored()))
        }
        @if list.rows.is_empty() {
            p { (locale.t(if list.total == 0 { "list-empty" } else { "list-past-end" })) }
        } @else {
            (bulk_bar(viewer, params, list.total))
            (irritant_table(locale, &list.rows, &locale.t("list-title"), Extras {
                choose_for: Some(BULK_FORM),
                why: params.attention == "true" || params.sort == ListSort::Attention.code(),
                columns: Some(&columns),
            }))
        }
        @if list.page_count() > 1 {
            nav.pagination aria-label=(locale.t("pagination-label")) {
                @if list.page > 1 {
                    a rel="prev" href=(in_view.page_link(params, list.page - 1)) { (locale.t("pagination-previous")) }
                }
                ol {
                    @for number in page_numbers(list.page, list.page_count()) {
                        @match number {
                            Some(n) if n == list.page => li { a href=(in_view.page_link(params, n)) aria-current="page"
                                aria-label=(locale.t_with("pagination-position", &[("page", n.to_string()), ("pages", list.page_count().to_string())])) { (n) } },
                            Some(n) => li { a href=(in_view.page_link(params, n)) aria-label=(locale.t_with("pagination-page", &[("page", n.to_string())])) { (n) } },
                            None => li.gap aria-hidden="true" { "…" },
                        }
                    }
                }
                @if list.page < list.page_count() {
                    a rel="next" href=(in_view.page_link(params, list.page + 1)) { (locale.t("pagination-next")) }
                }
            }
        }
    }
}

/// The pages a list offers to jump to: the first, the last, and two either side of the
/// current one; `None` stands for the pages left out between them.
fn page_numbers(current: u32, count: u32) -> Vec<Option<u32>> {
    let near = |n: u32| n == 1 || n == count || n.abs_diff(current) <= 2;
    let mut numbers = Vec::new();
    for n in 1..=count {
        if near(n) {
            numbers.push(Some(n));
        } else if numbers.last().is_some_and(Option::is_some) {
            numbers.push(None);
        }
    }
    numbers
}

// ---------------------------------------------------------------------------------------------
// One irritant

/// What the irritant page shows besides the irritant itself.
pub struct IrritantDetail<'a> {
    pub irritant: &'a Irritant,
    pub reference_data: &'a ReferenceData,
    pub updates: &'a [StoredUpdate],
    pub milestones: &'a [Milestone],
    pub links: &'a [LinkedIrritant],
    /// The statements that mandate it.
    pub mandates: &'a [Mandate],
    pub watchers: &'a [Watcher],
    pub comments: &'a [StoredComment],
    pub today: NaiveDate,
    pub notice: Option<String>,
    /// The link form, when it came back refused.
    pub refused_link: Option<IrritantLinkForm<'a>>,
    /// The comment form, when it came back refused.
    pub refused_comment: Option<CommentForm<'a>>,
    /// The reassign form, when it came back refused.
    pub refused_reassign: Option<ReassignForm<'a>>,
    /// A later target date awaiting a manager's decision.
    pub pending_slip: Option<&'a StoredSlip>,
    /// The decision form, when it came back refused: why, and the reason as typed.
    pub refused_decision: Option<(&'a FieldErrors, &'a str)>,
}

/// A proposal to move the target date later, and for a manager, the forms that decide it.
fn pending_slip(
    viewer: &Viewer,
    url: &str,
    slip: &StoredSlip,
    refused: Option<(&FieldErrors, &str)>,
) -> Markup {
    let locale = viewer.locale;
    let no_errors = FieldErrors::new();
    let (errors, typed) = refused.unwrap_or((&no_errors, ""));
    let action = |verb: &str| format!("{url}/slips/{}/{verb}", slip.id);
    html! {
        section.date-slip #date-slip aria-labelledby="date-slip-heading" {
            h2 #date-slip-heading { (locale.t("slip-pending-title")) }
            p { (locale.t_with("slip-pending-text", &[
                ("proposer", slip.proposer_name.clone()),
                ("from", slip.slip.from.to_string()),
                ("to", slip.slip.to.to_string()),
            ])) }
            blockquote { p.prose { (slip.reason) } }
            @if viewer.may(Permission::ApproveDateSlips) {
                (scoped_error_summary(locale, errors, Some("slip")))
                div.slip-decision {
                    form method="post" action=(action("approve")) {
                        (csrf_field(viewer))
                        button type="submit" { (locale.t("action-slip-approve")) }
                    }
                    form method="post" action=(action("reject")) novalidate {
                        (csrf_field(viewer))
                        (textarea(locale, Field::new("decision_reason", typed).required().scoped("slip").hint(locale.t("hint-slip-rejection")), errors, 2))
                        button.secondary type="submit" { (locale.t("action-slip-reject")) }
                    }
                }
            } @else {
                p.muted { (locale.t("slip-awaits-manager")) }
            }
        }
    }
}

/// The form that hands an irritant over to another owner, as typed, and why it was refused.
pub struct ReassignForm<'a> {
    pub owner: &'a str,
    pub note: &'a str,
    pub errors: &'a FieldErrors,
}

/// A short form on the irritant's page: the new owner and a note for them.
fn reassign_form(viewer: &Viewer, detail: &IrritantDetail) -> Markup {
    let locale = viewer.locale;
    let irritant = detail.irritant;
    let current = irritant
        .fields
        .owner
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let refused = detail.refused_reassign.as_ref();
    let no_errors = FieldErrors::new();
    let errors = refused.map_or(&no_errors, |form| form.errors);
    let owners: Vec<(String, Cow<'static, str>)> =
        owner_options(viewer, detail.reference_data, &current)
            .into_iter()
            .filter(|(id, _)| !id.is_empty() && *id != current)
            .collect();
    html! {
        @if !owners.is_empty() {
            details.reassign open[refused.is_some()] {
                summary { (locale.t("action-reassign")) }
                form method="post" action={(irritant_url(irritant)) "/reassign"} novalidate {
                    (csrf_field(viewer))
                    input type="hidden" name="version" value=(irritant.version);
                    (scoped_error_summary(locale, errors, Some("reassign")))
                    (select(locale, Field::new("owner", refused.map_or("", |form| form.owner)).required().scoped("reassign"), errors,
                        &std::iter::once((String::new(), locale.t("choose"))).chain(owners).collect::<Vec<_>>()))
                    (textarea(locale, Field::new("handover", refused.map_or("", |form| form.note)).hint(locale.t("hint-handover-note")).scoped("reassign"), errors, 3))
                    div.actions { button type="submit" { (locale.t("action-hand-over")) } }
                }
            }
        }
    }
}

/// The form linking an irritant to another, as typed, and why it was refused.
pub struct IrritantLinkForm<'a> {
    pub linked: &'a str,
    pub kind: &'a str,
    pub errors: &'a FieldErrors,
    /// The irritants whose words match what was typed, to choose from.
    pub candidates: &'a [IrritantSummary],
}

pub fn detail_page(viewer: &Viewer, detail: &IrritantDetail) -> Markup {
    let locale = viewer.locale;
    let irritant = detail.irritant;
    let fields = &irritant.fields;
    let url = irritant_url(irritant);
    let title = fields.title_for(locale.language());
    let summary = fields.summary_for(locale.language());
    page(
        viewer,
        title.text,
        html! {
            (breadcrumbs(locale, &[("/irritants", &locale.t("nav-irritants"))]))
            @if let Some(message) = &detail.notice { (notice(message)) }
            @if let Some(slip) = detail.pending_slip { (pending_slip(viewer, &url, slip, detail.refused_decision)) }
            header.irritant-header {
                p.reference { (irritant.reference) }
                h1 lang=[title.lang_for(locale.language())] { (title.text) }
                p.badges {
                    (status_badge(locale, irritant.status.status)) " "
                    (priority_badge(locale, fields.priority)) " "
                    (rag_badge(locale, irritant.rag))
                }
            }
            nav.actions aria-label=(locale.t("irritant-actions")) {
                @if viewer.may(Permission::EditIrritants) {
                    a.button href={(url) "/edit"} { (locale.t("action-edit")) }
                    a.button href={(url) "/status"} { (locale.t("action-change-status")) }
                    a.button href={(url) "/updates"} { (locale.t("action-add-update")) }
                }
                a.button href={(url) "/milestones"} { (locale.t("action-milestones")) }
                a.button.secondary href={(url) "/history"} { (locale.t("action-history")) }
                a.button.secondary href={(url) "/brief"} { (locale.t("brief-link")) }
            }
            @if !detail.mandates.is_empty() || viewer.may(Permission::EditIrritants) {
                (mandated_by(viewer, &url, detail.mandates))
            }
            @if !summary.text.is_empty() {
                section aria-labelledby="summary-heading" {
                    h2 #summary-heading { (locale.field("summary")) }
                    p.prose lang=[summary.lang_for(locale.language())] { (summary.text) }
                }
            }
            (other_language_version(locale, fields))
            (facts_section(locale, detail))
            @if viewer.may(Permission::EditIrritants) && irritant.status.status.is_active() { (reassign_form(viewer, detail)) }
            (products_section(locale, &fields.products))
            (links_section(viewer, &url, detail))
            section aria-labelledby="milestones-heading" {
                h2 #milestones-heading { (locale.t("milestones-title")) }
                (milestone_table(locale, &url, detail.milestones, detail.today, viewer.may(Permission::EditIrritants) && irritant.status.status.is_active()))
                p.screen-only { a href={(url) "/milestones"} { (locale.t("milestones-manage")) } }
            }
            (updates_section(locale, &url, detail.updates))
            (comments_section(viewer, &url, detail.comments, detail.refused_comment.as_ref()))
            (watch_section(viewer, &url, detail.watchers))
        },
    )
}

/// The title and summary in the official language the page does not show, when the irritant
/// has them in both, for those who edit or check either.
fn other_language_version(locale: Locale, fields: &IrritantFields) -> Markup {
    let other = locale.other();
    // What the other reader sees, where it is not what this one sees.
    let title = fields.title_for(other.language());
    let summary = fields.summary_for(other.language());
    let differs = |shown: &Shown, here: Shown| shown.language != here.language;
    let title_differs = differs(&title, fields.title_for(locale.language()));
    let summary_differs = differs(&summary, fields.summary_for(locale.language()));
    html! {
        @if title_differs || summary_differs {
            details.other-language.screen-only {
                summary { (locale.label(OfficialLanguage::LABEL_PREFIX, other.code())) }
                @if title_differs { p lang=(title.language.code()) { strong { (title.text) } } }
                @if summary_differs && !summary.text.is_empty() { p.prose lang=(summary.language.code()) { (summary.text) } }
            }
        }
    }
}

/// The irritant's facts, as a list of terms and values.
fn facts_section(locale: Locale, detail: &IrritantDetail) -> Markup {
    let irritant = detail.irritant;
    let fields = &irritant.fields;
    let owner = fields
        .owner
        .as_ref()
        .and_then(|id| detail.reference_data.person_by_id(id));
    let department = fields
        .lead_department
        .as_deref()
        .and_then(|code| detail.reference_data.find_department(code));
    let vocab = |prefix: &str, code: &str| locale.label(prefix, code);
    html! {
        section aria-labelledby="facts-heading" {
            h2 #facts-heading { (locale.t("irritant-facts")) }
            dl.facts {
                dt { (locale.field("status")) }
                dd {
                    (status_badge(locale, irritant.status.status)) " " (locale.t("status-since")) " " (date(irritant.status.since))
                    @if let Some(reason) = irritant.status.closure_reason { " — " (vocab(ClosureReason::LABEL_PREFIX, reason.code())) }
                    @if !irritant.status.note.is_empty() { p.prose { (irritant.status.note) } }
                }
                dt { (locale.field("counterpart")) } dd { (country_name(locale, fields.counterpart)) }
                dt { (locale.field("direction")) } dd { (vocab(Direction::LABEL_PREFIX, fields.direction.code())) }
                dt { (locale.field("sector")) } dd { (vocab(Sector::LABEL_PREFIX, fields.sector.code())) }
                dt { (locale.field("measure_type")) } dd { (vocab(MeasureType::LABEL_PREFIX, fields.measure_type.code())) }
                @if !fields.measure.is_empty() { dt { (locale.field("measure")) } dd.prose { (fields.measure) } }
                @if let Some(since) = fields.in_force_since { dt { (locale.field("in_force_since")) } dd { (date(since.get())) } }
                dt { (locale.field("action_holder")) } dd { (vocab(ActionHolder::LABEL_PREFIX, fields.action_holder.code())) }
                dt { (locale.field("owner")) } dd { @if let Some(p) = owner { (p.name) } @else { span.muted { (locale.t("owner-none")) } } }
                dt { (locale.field("lead_department")) }
                dd { @if let Some(d) = department { (locale.department_name(d)) " (" (locale.department_acronym(d)) ")" } @else { span.muted { (locale.t("department-none")) } } }
                @if !fields.team.is_empty() { dt { (locale.field("team")) } dd { (fields.team) } }
                dt { (locale.field("target_date")) }
                dd { (due_date(locale, fields.target_date.map(|d| d.get()), irritant.is_overdue(detail.today))) }
                @if let Some(value) = &fields.trade_value {
                    dt { (locale.field("trade_value")) }
                    dd { (locale.t_with("trade-value-text", &[("amount", locale.amount(value)), ("year", value.year().to_string()), ("source", value.source().to_owned())])) }
                }
                dt { (locale.t("irritant-recorded")) } dd { (timestamp(irritant.created_at)) }
                dt { (locale.t("irritant-changed")) } dd { (timestamp(irritant.updated_at)) }
            }
        }
    }
}

fn products_section(locale: Locale, products: &[crate::domain::Product]) -> Markup {
    html! {
        section aria-labelledby="products-heading" {
            h2 #products-heading { (locale.field("products")) }
            @if products.is_empty() {
                p.muted { (locale.t("products-none")) }
            } @else {
                (scrolling_table(&locale.field("products"), html! {
                    table {
                        caption.visually-hidden { (locale.field("products")) }
                        thead { tr { th scope="col" { (locale.t("product-hs-code")) } th scope="col" { (locale.t("product-label")) } } }
                        tbody { @for product in products { tr { td { code { (product.hs_code) } } td { (product.label) } } } }
                    }
                }))
            }
        }
    }
}

/// The irritants linked to this one, each removable, and the form that links another.
fn links_section(viewer: &Viewer, url: &str, detail: &IrritantDetail) -> Markup {
    let locale = viewer.locale;
    let editable = viewer.may(Permission::EditIrritants);
    if detail.links.is_empty() && !editable {
        return html! {};
    }
    html! {
        section aria-labelledby="links-heading" {
            h2 #links-heading { (locale.t("links-title")) }
            @if editable { (irritant_link_form(viewer, url, detail.refused_link.as_ref())) }
            ul.links {
                @for link in detail.links {
                    li {
                        (locale.t(&format!("{}-{}-{}", LinkKind::LABEL_PREFIX, link.kind.code(), if link.outgoing { "out" } else { "in" })))
                        " " a href={"/irritants/" (link.reference)} { (link.reference) } " — " (shown_text(locale, link.title.for_reader(locale.language()))) " "
                        (status_badge(locale, link.status))
                        @if editable {
                            " "
                            form.inline method="post" action={(url) "/links/" (link.reference) "/remove"} {
                                (csrf_field(viewer))
                                button.link-button.on-paper type="submit" aria-label=(locale.t_with("link-remove-named", &[("reference", link.reference.to_string())])) {
                                    (locale.t("link-remove"))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The progress updates, latest first.
fn updates_section(locale: Locale, url: &str, updates: &[StoredUpdate]) -> Markup {
    html! {
        section aria-labelledby="updates-heading" {
            h2 #updates-heading { (locale.t("updates-title")) }
            @if updates.is_empty() {
                p.muted { (locale.t("updates-none")) }
            } @else {
                ol.updates {
                    @for update in updates {
                        li id={ "update-" (update.id) } {
                            div.update-meta { (date(update.reported_on)) " · " (rag_badge(locale, Some(update.rag))) " · " (update.author_name) }
                            h3.visually-hidden { (locale.t("update-heading")) " " (update.reported_on) }
                            p { strong { (locale.field("done")) (locale.colon()) } (shown_text(locale, update.text.done_for(locale.language()))) }
                            @let next_steps = update.text.next_steps_for(locale.language());
                            @if !next_steps.text.is_empty() { p { strong { (locale.field("next_steps")) (locale.colon()) } (shown_text(locale, next_steps)) } }
                        }
                    }
                }
            }
            p.screen-only { a href={(url) "/updates"} { (locale.t("action-add-update")) } }
        }
    }
}

/// Milestones are marked overdue only while the irritant is still being worked on (`active`).
fn milestone_table(
    locale: Locale,
    irritant_url: &str,
    milestones: &[Milestone],
    today: NaiveDate,
    active: bool,
) -> Markup {
    html! {
        @if milestones.is_empty() {
            p.muted { (locale.t("milestones-none")) }
        } @else {
            (scrolling_table(&locale.t("milestones-title"), html! {
                table.milestones {
                    caption.visually-hidden { (locale.t("milestones-title")) }
                    thead { tr {
                        th scope="col" { (locale.field("title")) }
                        th scope="col" { (locale.field("due_date")) }
                        th scope="col" { (locale.field("state")) }
                        th scope="col" { (locale.field("owner")) }
                        th.screen-only scope="col" { span.visually-hidden { (locale.t("action-edit")) } }
                    } }
                    tbody {
                        @for milestone in milestones {
                            tr.cancelled[milestone.fields.state == MilestoneState::Cancelled] {
                                td { (milestone.fields.title) }
                                td { (due_date(locale, Some(milestone.fields.due_date.get()), active && milestone.fields.is_overdue(today))) }
                                td { (locale.label(MilestoneState::LABEL_PREFIX, milestone.fields.state.code())) }
                                td { @if let Some(name) = &milestone.owner_name { (name) } @else { span.muted { (locale.t("owner-none")) } } }
                                td.screen-only { a href={(irritant_url) "/milestones/" (milestone.id)} {
                                    (locale.t("action-edit")) span.visually-hidden { " " (milestone.fields.title) }
                                } }
                            }
                        }
                    }
                }
            }))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Forms

/// Which irritant form this is: a new irritant, or an edit of one at a known version.
pub enum IrritantFormKind<'a> {
    /// A new irritant, recorded for a statement or not, with the irritants it may duplicate.
    New {
        for_statement: Option<ForStatement<'a>>,
        duplicates: &'a [LikelyDuplicate],
    },
    /// `base` carries the fields as first shown, for merging if someone else saves first.
    Edit {
        irritant: &'a Irritant,
        version: i32,
        base: String,
    },
}

/// The statement a new irritant is recorded for, shown above its form, with the sentence of it
/// chosen to quote.
pub struct ForStatement<'a> {
    pub source_id: &'a SourceId,
    pub source_title: &'a str,
    pub statement: &'a Statement,
    pub quote: &'a str,
}

/// The irritants the one being recorded may duplicate, each to open beside the form, and the
/// way on if it is a different one.
fn likely_duplicates(locale: Locale, duplicates: &[LikelyDuplicate]) -> Markup {
    html! {
        section.duplicates aria-labelledby="duplicates-heading" {
            h2 #duplicates-heading tabindex="-1" autofocus { (locale.t("duplicates-heading")) }
            ul {
                @for duplicate in duplicates {
                    li {
                        a href={"/irritants/" (duplicate.reference)} target="_blank" rel="noopener" {
                            (duplicate.reference) " " (duplicate.title)
                        }
                        " " span.muted {
                            (locale.t_with("duplicate-facts", &[
                                ("status", locale.label(Status::LABEL_PREFIX, duplicate.status.code()).into_owned()),
                                ("likeness", locale.t(match duplicate.likeness {
                                    Likeness::Title => "duplicate-by-title",
                                    Likeness::Products => "duplicate-by-products",
                                }).into_owned()),
                            ]))
                        }
                    }
                }
            }
            p { (locale.t("duplicates-way-on")) }
            // The button, not a field, says so: a person who changes the form instead and
            // sends it with the main button is shown the likely duplicates of what they sent.
            button type="submit" name="distinct" value="true" { (locale.t("duplicates-record-anyway")) }
        }
    }
}

/// The sentences of a statement's texts, to choose the one quoted (or none).
fn quote_options<'t>(
    locale: Locale,
    texts: impl IntoIterator<Item = &'t str>,
) -> Vec<(String, Cow<'static, str>)> {
    let sentences = texts.into_iter().flat_map(sentences);
    std::iter::once((String::new(), locale.t("quote-none")))
        .chain(sentences.map(|sentence| (sentence.to_owned(), Cow::Owned(sentence.to_owned()))))
        .collect()
}

fn for_statement(locale: Locale, shown: &ForStatement, errors: &FieldErrors) -> Markup {
    let statement = shown.statement;
    let texts = statement.texts.iter().map(|(_, text)| text.as_str());
    let quotes = quote_options(locale, texts);
    html! {
        fieldset.recorded-for {
            legend { (locale.t("form-section-recorded-for")) }
            p {
                a href={"/sources/" (shown.source_id) "#statement-" (statement.number)} { (shown.source_title) ", §" (statement.number) }
                @if statement.is_directive { " " strong.badge.directive { (locale.t("statement-directive")) } }
            }
            @for (language, text) in &statement.texts { blockquote lang=(language.tag()) { p { (text) } } }
            input type="hidden" name="mandate_source" value=(shown.source_id);
            input type="hidden" name="mandate_statement" value=(statement.number);
            (select(locale, Field::new("mandate_quote", shown.quote).hint(locale.t("hint-mandate-quote")), errors, &quotes))
        }
    }
}

/// Changes made by others since the user's version, shown above the form that they must
/// review before saving again.
/// The notice of someone else's changes. It takes the focus unless the form's error summary,
/// which follows it, does (`focus` false): a page has one element that takes it.
pub fn conflict_notice(locale: Locale, entries: &[HistoryEntry], focus: bool) -> Markup {
    html! {
        div.conflict role="alert" tabindex="-1" autofocus[focus] {
            h2 { (locale.t("conflict-title")) }
            p { (locale.t("conflict-explanation")) }
            (entry_list(locale, entries))
        }
    }
}

pub fn irritant_form_page(
    viewer: &Viewer,
    kind: IrritantFormKind,
    input: &IrritantInput,
    errors: &FieldErrors,
    reference_data: &ReferenceData,
    conflict: Option<&[HistoryEntry]>,
) -> Markup {
    let locale = viewer.locale;
    let (title, action, version, header) = match &kind {
        IrritantFormKind::New { .. } => (
            locale.t("new-title").into_owned(),
            "/irritants".to_owned(),
            None,
            html! {},
        ),
        IrritantFormKind::Edit {
            irritant, version, ..
        } => (
            locale.t_with(
                "edit-title",
                &[("reference", irritant.reference.to_string())],
            ),
            format!("{}/edit", irritant_url(irritant)),
            Some(*version),
            trail(locale, irritant),
        ),
    };
    let countries: Vec<(String, Cow<'static, str>)> =
        std::iter::once((String::new(), locale.t("choose")))
            .chain(
                CountryCode::all()
                    .iter()
                    .map(|c| (c.code.to_string(), Cow::Owned(country_name(locale, c.code)))),
            )
            .collect();
    page(
        viewer,
        &title,
        html! {
            (header)
            h1 { (title) }
            @if let Some(entries) = conflict { (conflict_notice(locale, entries, errors.is_empty())) }
            (error_summary(locale, errors))
            form method="post" action=(action) novalidate {
                (csrf_field(viewer))
                @if let IrritantFormKind::Edit { version, base, .. } = &kind {
                    input type="hidden" name="version" value=(version);
                    input type="hidden" name="base" value=(base);
                }
                @if let IrritantFormKind::New { duplicates, .. } = &kind {
                    @if !duplicates.is_empty() { (likely_duplicates(locale, duplicates)) }
                }
                @if let IrritantFormKind::New { for_statement: Some(shown), .. } = &kind { (for_statement(locale, shown, errors)) }
                fieldset {
                    legend { (locale.t("form-section-issue")) }
                    (written_in(locale, "language", &input.language, errors))
                    (text_input(locale, Field::new("title", &input.title).required(), errors, "text"))
                    (textarea(locale, Field::new("summary", &input.summary), errors, 4))
                    (other_language_group(locale, &[
                        ("title_translation", &input.title_translation, 0),
                        ("summary_translation", &input.summary_translation, 4),
                    ], errors))
                    (select(locale, Field::new("counterpart", &input.counterpart).required(), errors, &countries))
                    (radios(locale, Field::new("direction", &input.direction).required(), errors,
                        &vocabulary_options(locale, Direction::ALL, Direction::LABEL_PREFIX, Direction::code, None)))
                    (select(locale, Field::new("sector", &input.sector).required(), errors,
                        &vocabulary_options(locale, Sector::ALL, Sector::LABEL_PREFIX, Sector::code, Some(locale.t("choose")))))
                }
                fieldset {
                    legend { (locale.t("form-section-measure")) }
                    (select(locale, Field::new("measure_type", &input.measure_type).required(), errors,
                        &vocabulary_options(locale, MeasureType::ALL, MeasureType::LABEL_PREFIX, MeasureType::code, Some(locale.t("choose")))))
                    (textarea(locale, Field::new("measure", &input.measure).hint(locale.t("hint-measure")), errors, 3))
                    (text_input(locale, Field::new("in_force_since", &input.in_force_since).hint(locale.t("hint-in-force-since")), errors, DATE_INPUT))
                    (textarea(locale, Field::new("products", &input.products).hint(locale.t("hint-products")), errors, 4))
                }
                fieldset {
                    legend { (locale.t("form-section-work")) }
                    (select(locale, Field::new("priority", &input.priority).required(), errors,
                        &vocabulary_options(locale, Priority::ALL, Priority::LABEL_PREFIX, Priority::code, Some(locale.t("choose")))))
                    (select(locale, Field::new("action_holder", &input.action_holder).required(), errors,
                        &vocabulary_options(locale, ActionHolder::ALL, ActionHolder::LABEL_PREFIX, ActionHolder::code, None)))
                    (select(locale, Field::new("owner", &input.owner), errors, &owner_options(viewer, reference_data, &input.owner)))
                    (select(locale, Field::new("lead_department", &input.lead_department), errors,
                        &department_options(locale, reference_data, locale.t("department-none"))))
                    (text_input(locale, Field::new("team", &input.team), errors, "text"))
                    (text_input(locale, Field::new("target_date", &input.target_date).hint(locale.t("hint-date")), errors, DATE_INPUT))
                    @if let IrritantFormKind::Edit { .. } = &kind {
                        (textarea(locale, Field::new("slip_reason", &input.slip_reason).hint(locale.t("hint-slip-reason")), errors, 2))
                    }
                    @if let IrritantFormKind::New { .. } = &kind {
                        (textarea(locale, Field::new("milestones", &input.milestones).hint(locale.t("hint-planned-milestones")), errors, 3))
                    }
                }
                fieldset {
                    legend { (locale.t("form-section-trade-value")) }
                    p.hint { (locale.t("hint-trade-value")) }
                    (text_input(locale, Field::new("trade_value_amount", &input.trade_value_amount), errors, "text"))
                    (text_input(locale, Field::new("trade_value_year", &input.trade_value_year), errors, "text"))
                    (text_input(locale, Field::new("trade_value_source", &input.trade_value_source), errors, "text"))
                }
                div.actions {
                    button type="submit" { (locale.t(if version.is_some() { "action-save" } else { "action-create" })) }
                    @if let IrritantFormKind::Edit { irritant, .. } = &kind {
                        a.button.secondary href=(irritant_url(irritant)) { (locale.t("action-cancel")) }
                    }
                }
            }
        },
    )
}

pub fn status_form_page(
    viewer: &Viewer,
    irritant: &Irritant,
    version: i32,
    input: &StatusChangeInput,
    errors: &FieldErrors,
    conflict: Option<&[HistoryEntry]>,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t_with(
        "status-title",
        &[("reference", irritant.reference.to_string())],
    );
    let current = irritant.status.status;
    page(
        viewer,
        &title,
        html! {
            (trail(locale, irritant))
            h1 { (title) }
            p.lead { (shown_text(locale, irritant.fields.title_for(locale.language()))) }
            p { (locale.t("status-current")) " " (status_badge(locale, current)) " " (locale.t("status-since")) " " (date(irritant.status.since)) }
            @if let Some(entries) = conflict { (conflict_notice(locale, entries, errors.is_empty())) }
            (error_summary(locale, errors))
            form method="post" action={(irritant_url(irritant)) "/status"} novalidate {
                (csrf_field(viewer))
                input type="hidden" name="version" value=(version);
                (status_fields(locale, input, errors, current.next_statuses()))
                div.actions {
                    button type="submit" { (locale.t("action-change-status")) }
                    a.button.secondary href=(irritant_url(irritant)) { (locale.t("action-cancel")) }
                }
            }
        },
    )
}

/// The fields of a move to one of `statuses`, with its details.
pub fn status_fields(
    locale: Locale,
    input: &StatusChangeInput,
    errors: &FieldErrors,
    statuses: &[Status],
) -> Markup {
    let choices: Vec<(String, Cow<'static, str>)> = statuses
        .iter()
        .map(|s| {
            (
                s.code().to_owned(),
                locale.label(Status::LABEL_PREFIX, s.code()),
            )
        })
        .collect();
    html! {
        (radios(locale, Field::new("status", &input.status).required(), errors, &choices))
        (text_input(locale, Field::new("effective_date", &input.effective_date).required().hint(locale.t("hint-effective-date")), errors, DATE_INPUT))
        (textarea(locale, Field::new("note", &input.note).hint(locale.t("hint-status-note")), errors, 3))
        (select(locale, Field::new("closure_reason", &input.closure_reason).hint(locale.t("hint-closure-reason")), errors,
            &vocabulary_options(locale, ClosureReason::ALL, ClosureReason::LABEL_PREFIX, ClosureReason::code, Some(locale.t("choose")))))
        (text_input(locale, Field::new("summary", &input.summary).hint(locale.t("hint-status-summary")), errors, "text"))
    }
}

pub fn update_form_page(
    viewer: &Viewer,
    irritant: &Irritant,
    input: &ProgressInput,
    errors: &FieldErrors,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t_with(
        "update-title",
        &[("reference", irritant.reference.to_string())],
    );
    page(
        viewer,
        &title,
        html! {
            (trail(locale, irritant))
            h1 { (title) }
            p.lead { (shown_text(locale, irritant.fields.title_for(locale.language()))) }
            (error_summary(locale, errors))
            form method="post" action={(irritant_url(irritant)) "/updates"} novalidate {
                (csrf_field(viewer))
                (text_input(locale, Field::new("reported_on", &input.reported_on).required().hint(locale.t("hint-date")), errors, DATE_INPUT))
                (radios(locale, Field::new("rag", &input.rag).required(), errors,
                    &vocabulary_options(locale, Rag::ALL, Rag::LABEL_PREFIX, Rag::code, None)))
                (written_in(locale, "language", &input.language, errors))
                (textarea(locale, Field::new("done", &input.done).required(), errors, 4))
                (textarea(locale, Field::new("next_steps", &input.next_steps), errors, 3))
                (other_language_group(locale, &[
                    ("done_translation", &input.done_translation, 4),
                    ("next_steps_translation", &input.next_steps_translation, 3),
                ], errors))
                div.actions {
                    button type="submit" { (locale.t("action-add-update")) }
                    a.button.secondary href=(irritant_url(irritant)) { (locale.t("action-cancel")) }
                }
            }
        },
    )
}

fn milestone_fields(
    viewer: &Viewer,
    input: &MilestoneInput,
    errors: &FieldErrors,
    reference_data: &ReferenceData,
) -> Markup {
    let locale = viewer.locale;
    html! {
        (text_input(locale, Field::new("title", &input.title).required(), errors, "text"))
        (text_input(locale, Field::new("due_date", &input.due_date).required().hint(locale.t("hint-date")), errors, DATE_INPUT))
        (select(locale, Field::new("owner", &input.owner), errors, &owner_options(viewer, reference_data, &input.owner)))
        (select(locale, Field::new("state", &input.state).required(), errors,
            &vocabulary_options(locale, MilestoneState::ALL, MilestoneState::LABEL_PREFIX, MilestoneState::code, None)))
    }
}

/// The form that links an irritant to another; open, with its problems, when it came back.
fn irritant_link_form(viewer: &Viewer, url: &str, refused: Option<&IrritantLinkForm>) -> Markup {
    let locale = viewer.locale;
    let no_errors = FieldErrors::new();
    let errors = refused.map_or(&no_errors, |r| r.errors);
    let kind = refused.map_or(LinkKind::Related.code(), |r| r.kind);
    let candidates = refused.map_or(&[][..], |r| r.candidates);
    let kinds = vocabulary_options(
        locale,
        LinkKind::ALL,
        LinkKind::LABEL_PREFIX,
        LinkKind::code,
        None,
    );
    html! {
        details.link-irritant open[refused.is_some()] {
            summary { (locale.t("irritant-link")) }
            (error_summary(locale, errors))
            @if !candidates.is_empty() {
                section.link-candidates aria-labelledby="link-candidates-heading" {
                    h3 #link-candidates-heading tabindex="-1" autofocus {
                        (locale.t_with("link-candidates", &[("q", refused.map_or("", |r| r.linked).to_owned())]))
                    }
                    ul {
                        @for candidate in candidates {
                            li {
                                form method="post" action={(url) "/links"} {
                                    (csrf_field(viewer))
                                    input type="hidden" name="linked" value=(candidate.reference);
                                    input type="hidden" name="kind" value=(kind);
                                    button.link-button.on-paper type="submit" {
                                        (locale.t_with("link-choose", &[("reference", candidate.reference.to_string())]))
                                    }
                                    " " (shown_text(locale, candidate.title.for_reader(locale.language()))) " "
                                    span.muted { "(" (locale.country_name(candidate.counterpart)) ", " (locale.label(Status::LABEL_PREFIX, candidate.status.code())) ")" }
                                }
                            }
                        }
                    }
                }
            }
            form method="post" action={(url) "/links"} novalidate {
                (csrf_field(viewer))
                (text_input(locale, Field::new("linked", refused.map_or("", |r| r.linked)).required().hint(locale.t("hint-link-reference")), errors, "text"))
                (select(locale, Field::new("kind", kind).required(), errors, &kinds))
                div.actions { button type="submit" { (locale.t("action-link-irritant")) } }
            }
        }
    }
}

/// The words that mandate an irritant, quoted in each language of their document.
fn mandated_by(viewer: &Viewer, url: &str, mandates: &[Mandate]) -> Markup {
    let locale = viewer.locale;
    html! {
        section.mandates aria-labelledby="mandates-heading" {
            h2 #mandates-heading { (locale.t("mandates-title")) }
            @if viewer.may(Permission::EditIrritants) {
                (directive_finder(locale, url, "", &FieldErrors::new()))
            }
            @for mandate in mandates {
                figure.mandate {
                    @if !mandate.quote.is_empty() {
                        p.quoted { (locale.t("mandate-quoted")) " " q lang=[quote_language(&mandate.texts, &mandate.quote).map(|l| l.tag())] { (mandate.quote) } }
                    }
                    @for (language, text) in &mandate.texts {
                        blockquote lang=(language.tag()) cite={"/sources/" (mandate.source_id) "#statement-" (mandate.number)} {
                            p { (text) }
                        }
                    }
                    figcaption {
                        a href={"/sources/" (mandate.source_id) "#statement-" (mandate.number)} {
                            (source_title(locale, &mandate.source_title)) ", §" (mandate.number)
                        }
                        @if let Some(day) = mandate.issued_on { " · " (date(day)) }
                        @if !mandate.note.is_empty() { " · " (mandate.note) }
                    }
                }
            }
        }
    }
}

/// The problem with the search words, if that is among `errors`.
fn search_words_problem(errors: &FieldErrors) -> FieldErrors {
    errors.get("q").map_or_else(FieldErrors::new, |error| {
        FieldErrors::single("q", error.clone())
    })
}

/// The form that finds statements by their words, to link one to the irritant at `url`.
fn directive_finder(locale: Locale, url: &str, q: &str, errors: &FieldErrors) -> Markup {
    html! {
        form.finder method="get" action={(url) "/directives"} role="search" aria-label=(locale.t("directive-find-label")) {
            (text_input(locale, Field::new("q", q).hint(locale.t("hint-directive-find")).scoped("directive"), errors, "search"))
            div.actions { button type="submit" { (locale.t("action-directive-find")) } }
        }
    }
}

/// Statements found by their words, each with the form that links it to the irritant, its
/// quote chosen among its own sentences.
pub fn directive_search_page(
    viewer: &Viewer,
    irritant: &Irritant,
    q: &str,
    errors: &FieldErrors,
    hits: Option<&[StatementHit]>,
) -> Markup {
    let locale = viewer.locale;
    let url = irritant_url(irritant);
    let title = locale.t_with(
        "directive-find-title",
        &[("reference", irritant.reference.to_string())],
    );
    page(
        viewer,
        &title,
        html! {
            (trail(locale, irritant))
            h1 { (title) }
            p.lead { (shown_text(locale, irritant.fields.title_for(locale.language()))) }
            (scoped_error_summary(locale, &search_words_problem(errors), Some("directive")))
            @if errors.get("q").is_none() && !errors.is_empty() {
                // A refused link names no field of this page: its problems are said as such.
                div.error-summary role="alert" {
                    ul { @for (_, error) in errors.iter() { li { (locale.field_error(error)) } } }
                }
            }
            (directive_finder(locale, &url, q, errors))
            @if let Some(hits) = hits {
                p role="status" { (locale.t_with("directive-found", &[("count", hits.len().to_string())])) }
                ol.search-hits {
                    @for (index, hit) in hits.iter().enumerate() {
                        li {
                            @if hit.is_directive { p { strong.badge.directive { (locale.t("statement-directive")) } } }
                            blockquote lang=(hit.language.tag()) { p { (hit.text) } }
                            p.muted {
                                a href={"/sources/" (hit.source_id) "#statement-" (hit.number)} {
                                    (source_title(locale, &hit.source_title)) ", §" (hit.number)
                                }
                            }
                            @let scope = format!("hit-{index}");
                            @let quotes = quote_options(locale, [hit.text.as_str()]);
                            form method="post" action={(url) "/directives"} {
                                (csrf_field(viewer))
                                input type="hidden" name="source" value=(hit.source_id);
                                input type="hidden" name="statement" value=(hit.number);
                                input type="hidden" name="q" value=(q);
                                (select(locale, Field::new("quote", "").scoped(&scope).hint(locale.t("hint-mandate-quote")), &FieldErrors::new(), &quotes))
                                div.actions { button type="submit" { (locale.t("action-link-this-statement")) } }
                            }
                        }
                    }
                }
            }
            p { a href=(url) { (locale.t("action-back-to-irritant")) } }
        },
    )
}

/// The milestones of an irritant, with the form to add one.
pub fn milestones_page(
    viewer: &Viewer,
    (irritant, milestones): (&Irritant, &[Milestone]),
    (input, errors): (&MilestoneInput, &FieldErrors),
    reference_data: &ReferenceData,
    today: NaiveDate,
    saved: Option<String>,
) -> Markup {
    let locale = viewer.locale;
    let url = irritant_url(irritant);
    let title = locale.t_with(
        "milestones-page-title",
        &[("reference", irritant.reference.to_string())],
    );
    page(
        viewer,
        &title,
        html! {
            (trail(locale, irritant))
            @if let Some(message) = &saved { (notice(message)) }
            h1 { (title) }
            p.lead { (shown_text(locale, irritant.fields.title_for(locale.language()))) }
            @let editable = viewer.may(Permission::EditIrritants);
            (milestone_table(locale, &url, milestones, today, editable && irritant.status.status.is_active()))
            @if editable {
                h2 #add-milestone { (locale.t("milestone-add-title")) }
                (error_summary(locale, errors))
                form method="post" action={(url) "/milestones"} novalidate aria-labelledby="add-milestone" {
                    (csrf_field(viewer))
                    (milestone_fields(viewer, input, errors, reference_data))
                    div.actions { button type="submit" { (locale.t("action-add-milestone")) } }
                }
            }
        },
    )
}

/// The milestone edit form as shown: at which version, with what input, and why it came back.
pub struct MilestoneForm<'a> {
    pub milestone: &'a Milestone,
    pub version: i32,
    pub input: &'a MilestoneInput,
    pub errors: &'a FieldErrors,
    pub conflict: bool,
    pub base: &'a str,
}

pub fn milestone_edit_page(
    viewer: &Viewer,
    irritant: &Irritant,
    form: &MilestoneForm,
    reference_data: &ReferenceData,
) -> Markup {
    let locale = viewer.locale;
    let MilestoneForm {
        milestone,
        version,
        input,
        errors,
        conflict,
        base,
    } = *form;
    let url = irritant_url(irritant);
    let title = locale.t_with(
        "milestone-edit-title",
        &[("title", milestone.fields.title.to_string())],
    );
    page(
        viewer,
        &title,
        html! {
            (trail(locale, irritant))
            h1 { (title) }
            @if conflict {
                div.conflict role="alert" { h2 { (locale.t("conflict-title")) } p { (locale.t("conflict-milestone")) } }
            }
            (error_summary(locale, errors))
            form method="post" action={(url) "/milestones/" (milestone.id)} novalidate {
                (csrf_field(viewer))
                input type="hidden" name="version" value=(version);
                input type="hidden" name="base" value=(base);
                (milestone_fields(viewer, input, errors, reference_data))
                (textarea(locale, Field::new("reason", &input.reason).hint(locale.t("hint-milestone-reason")), errors, 2))
                div.actions {
                    button type="submit" { (locale.t("action-save")) }
                    a.button.secondary href={(url) "/milestones"} { (locale.t("action-cancel")) }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::page_numbers;

    #[test]
    fn a_long_list_offers_its_ends_and_the_pages_near_the_current_one() {
        let shown = |current, count| -> Vec<String> {
            page_numbers(current, count)
                .into_iter()
                .map(|n| n.map_or("…".to_owned(), |n| n.to_string()))
                .collect()
        };
        assert_eq!(shown(1, 3), ["1", "2", "3"]);
        assert_eq!(shown(1, 60), ["1", "2", "3", "…", "60"]);
        assert_eq!(
            shown(30, 60),
            ["1", "…", "28", "29", "30", "31", "32", "…", "60"]
        );
        assert_eq!(shown(59, 60), ["1", "…", "57", "58", "59", "60"]);
        assert_eq!(shown(4, 7), ["1", "2", "3", "4", "5", "6", "7"]);
    }
}
