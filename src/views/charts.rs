//! Charts drawn on the server as SVG: no script in the browser, a title and a description for
//! screen readers, colours told apart by lightness (so they read in greyscale and for
//! colour-blind readers), and the same numbers in a table beside each.

use maud::{Markup, html};

use super::components::scrolling_table;

use crate::domain::dashboard::Week;
use crate::i18n::Locale;

/// One series of a chart: its name and the stylesheet class that colours it.
pub struct Series {
    pub label: String,
    pub class: &'static str,
}

/// A chart's identity: the id its parts hang off, its title and its description.
pub struct ChartText<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
}

// SVG shapes are written with closing tags (`rect {}`): in an HTML page, `<rect>` without one
// would swallow the shapes after it.
const WIDTH: i64 = 640;
const LABEL_WIDTH: i64 = 210;
const BAR_SPACE: i64 = 360;
const ROW_HEIGHT: i64 = 26;
const LEGEND_HEIGHT: i64 = 26;
/// The width of the swatch and the space after it, of one character of a name (generous for
/// the charts' 13 px type), and between two entries.
const LEGEND_SWATCH_SPACE: i64 = 20;
const LEGEND_CHAR_WIDTH: i64 = 7;
const LEGEND_GAP: i64 = 18;
/// Longer labels are cut short in the picture; the table beside it has them whole.
const LABEL_CHARS: usize = 28;

fn shortened(label: &str) -> String {
    crate::domain::text::shortened(label, LABEL_CHARS)
}

/// The swatches and names of the series in a row, each placed after the one before by the
/// length of its name, so that longer names (French ones often are) do not run together.
fn legend(series: &[Series]) -> Markup {
    let mut x = 0;
    let items: Vec<(i64, &Series, String)> = series
        .iter()
        .map(|s| {
            let label = shortened(&s.label);
            let at = x;
            x +=
                LEGEND_SWATCH_SPACE + label.chars().count() as i64 * LEGEND_CHAR_WIDTH + LEGEND_GAP;
            (at, s, label)
        })
        .collect();
    html! {
        @for (x, s, label) in &items {
            rect class=(s.class) x=(x) y="4" width="14" height="14" {}
            text x=(x + LEGEND_SWATCH_SPACE) y="16" { (label) }
        }
    }
}

/// Where each non-empty segment of a bar starts, how long it is, and its class.
fn segments(
    values: &[i64],
    series: &[Series],
    length: impl Fn(i64) -> i64,
) -> Vec<(i64, i64, &'static str)> {
    let mut x = LABEL_WIDTH;
    let mut drawn = Vec::new();
    for (value, s) in values.iter().zip(series) {
        if *value > 0 {
            drawn.push((x, length(*value).max(1), s.class));
        }
        x += length(*value);
    }
    drawn
}

/// Horizontal bars, one per row, each split into the series' segments, with the row's total
/// after it; and the table of the same numbers.
pub fn bar_chart(
    locale: Locale,
    text: &ChartText,
    row_header: &str,
    series: &[Series],
    rows: &[(String, Vec<i64>)],
) -> Markup {
    let stacked = series.len() > 1;
    let top = if stacked { LEGEND_HEIGHT } else { 0 };
    let height = top + ROW_HEIGHT * rows.len().max(1) as i64 + 4;
    let largest = rows
        .iter()
        .map(|(_, values)| values.iter().sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let length = |value: i64| value * BAR_SPACE / largest;
    html! {
        figure.chart id=(text.id) {
            svg role="img" aria-labelledby={(text.id) "-title"} aria-describedby={(text.id) "-desc"}
                viewBox={"0 0 " (WIDTH) " " (height)} width="100%" preserveAspectRatio="xMinYMin meet" {
                title id={(text.id) "-title"} { (text.title) }
                desc id={(text.id) "-desc"} { (text.description) }
                @if stacked { (legend(series)) }
                @for (n, (label, values)) in rows.iter().enumerate() {
                    @let y = top + n as i64 * ROW_HEIGHT;
                    text x="0" y=(y + 17) { (shortened(label)) }
                    @let segments = segments(values, series, length);
                    @for (x, width, class) in &segments {
                        rect class=(class) x=(x) y=(y + 4) width=(width) height=(ROW_HEIGHT - 8) {}
                    }
                    @let end = LABEL_WIDTH + values.iter().map(|v| length(*v)).sum::<i64>();
                    text x=(end + 6) y=(y + 17) { (values.iter().sum::<i64>()) }
                }
            }
            (scrolling_table(text.title, html! {
                table.chart-table {
                    caption { (text.title) }
                    thead { tr {
                        th scope="col" { (row_header) }
                        @for s in series { th scope="col" class="number" { (s.label) } }
                        @if stacked { th scope="col" class="number" { (locale.t("chart-total")) } }
                    } }
                    tbody {
                        @for (label, values) in rows {
                            tr {
                                th scope="row" { (label) }
                                @for value in values { td.number { (value) } }
                                @if stacked { td.number { (values.iter().sum::<i64>()) } }
                            }
                        }
                    }
                }
            }))
        }
    }
}

const PLOT_LEFT: i64 = 44;
const PLOT_TOP: i64 = LEGEND_HEIGHT + 6;
const PLOT_HEIGHT: i64 = 160;

/// The portfolio week by week: how many were open at each week's end (a line) and how many
/// were opened, resolved and set aside in it (bars); and the table of the same numbers.
pub fn weekly_chart(
    locale: Locale,
    text: &ChartText,
    weeks: &[Week],
    series: [Series; 4],
) -> Markup {
    let [open, opened, resolved, set_aside] = &series;
    let plot_width = WIDTH - PLOT_LEFT - 8;
    let step = plot_width / weeks.len().max(1) as i64;
    let largest = weeks
        .iter()
        .map(|w| w.open_at_end.max(w.opened).max(w.resolved).max(w.set_aside))
        .max()
        .unwrap_or(0)
        .max(1);
    let base = PLOT_TOP + PLOT_HEIGHT;
    let y = |value: i64| base - value.max(0) * PLOT_HEIGHT / largest;
    let points: Vec<String> = weeks
        .iter()
        .enumerate()
        .map(|(n, w)| {
            format!(
                "{},{}",
                PLOT_LEFT + n as i64 * step + step / 2,
                y(w.open_at_end)
            )
        })
        .collect();
    let bar = (step / 4).max(1);
    html! {
        figure.chart id=(text.id) {
            svg role="img" aria-labelledby={(text.id) "-title"} aria-describedby={(text.id) "-desc"}
                viewBox={"0 0 " (WIDTH) " " (base + 24)} width="100%" preserveAspectRatio="xMinYMin meet" {
                title id={(text.id) "-title"} { (text.title) }
                desc id={(text.id) "-desc"} { (text.description) }
                (legend(&series))
                line.axis x1=(PLOT_LEFT) y1=(base) x2=(WIDTH - 8) y2=(base) {}
                text x="0" y=(base + 4) { "0" }
                text x="0" y=(PLOT_TOP + 4) { (largest) }
                @for (n, week) in weeks.iter().enumerate() {
                    @let x = PLOT_LEFT + n as i64 * step;
                    @for (n, (value, class)) in [(week.opened, opened.class), (week.resolved, resolved.class), (week.set_aside, set_aside.class)].into_iter().enumerate() {
                        @if value > 0 {
                            rect class=(class) x=(x + step / 8 + n as i64 * bar) y=(y(value)) width=(bar) height=(base - y(value)) {}
                        }
                    }
                    // A date under the first week of each quarter of the year shown.
                    @if n % 13 == 0 {
                        text x=(x) y=(base + 18) { (week.starts_on.format("%Y-%m-%d")) }
                    }
                }
                polyline class=(open.class) points=(points.join(" ")) {}
            }
            details {
                summary { (locale.t("chart-weekly-numbers")) }
                (scrolling_table(text.title, html! {
                    table.chart-table {
                        caption { (text.title) }
                        thead { tr {
                            th scope="col" { (locale.t("chart-week-of")) }
                            th scope="col" class="number" { (opened.label) }
                            th scope="col" class="number" { (resolved.label) }
                            th scope="col" class="number" { (set_aside.label) }
                            th scope="col" class="number" { (open.label) }
                        } }
                        tbody {
                            @for week in weeks {
                                tr {
                                    th scope="row" { (week.starts_on.format("%Y-%m-%d")) }
                                    td.number { (week.opened) }
                                    td.number { (week.resolved) }
                                    td.number { (week.set_aside) }
                                    td.number { (week.open_at_end) }
                                }
                            }
                        }
                    }
                }))
            }
        }
    }
}
