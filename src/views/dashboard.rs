//! The manager's dashboard: the portfolio's headline figures, each a link to exactly the
//! irritants it counts.

use maud::{Markup, html};

use super::Viewer;
use super::forms::{
    Field, department_options, error_summary, select, text_input, vocabulary_options,
};
use super::layout::page;
use crate::domain::dashboard::{DashboardRules, DashboardScope};
use crate::domain::{FieldErrors, Priority, ReferenceData, Sector};
use crate::routes::dashboard::Counted;

pub fn dashboard_page(
    viewer: &Viewer,
    scope: &DashboardScope,
    errors: &FieldErrors,
    figures: &[Counted],
    reference_data: &ReferenceData,
    rules: DashboardRules,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("dashboard-title");
    let any = || locale.t("filter-any");
    let (fiscal_from, fiscal_to) = rules.fiscal_year();
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            form.filters method="get" action="/" role="search" aria-label=(locale.t("dashboard-scope")) {
                (error_summary(locale, errors))
                div.filter-grid {
                    (text_input(locale, Field::new("counterpart", &scope.counterpart).hint(locale.t("hint-counterpart-code")), errors, "text"))
                    (select(locale, Field::new("sector", &scope.sector), errors,
                        &vocabulary_options(locale, Sector::ALL, Sector::LABEL_PREFIX, Sector::code, Some(any()))))
                    (select(locale, Field::new("department", &scope.department), errors, &department_options(reference_data, any())))
                    (select(locale, Field::new("priority", &scope.priority), errors,
                        &vocabulary_options(locale, Priority::ALL, Priority::LABEL_PREFIX, Priority::code, Some(any()))))
                }
                div.actions {
                    button type="submit" { (locale.t("filter-apply")) }
                    a.button.secondary href="/" { (locale.t("filter-clear")) }
                }
            }
            @if !figures.is_empty() {
                section aria-labelledby="figures-heading" {
                    h2 #figures-heading { (locale.t("dashboard-figures")) }
                    ul.figures {
                        @for counted in figures {
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
        },
    )
}
