//! Pages read as HTML documents, for assertions about their structure: a row of a table, the
//! message beside a field, the option chosen in a list, where a link leads.

use scraper::{ElementRef, Html, Selector};

pub struct Page(Html);

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e}"))
}

/// An element's text, its runs of white space made one space.
fn text_of(element: ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Page {
    pub fn parse(text: &str) -> Self {
        Page(Html::parse_document(text))
    }

    /// Whether any element matches `css`.
    pub fn has(&self, css: &str) -> bool {
        self.0.select(&selector(css)).next().is_some()
    }

    /// The text of each element that matches `css`, in the page's order.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.0.select(&selector(css)).map(text_of).collect()
    }

    /// The text of the one element that matches `css`.
    pub fn text(&self, css: &str) -> String {
        let texts = self.texts(css);
        assert_eq!(texts.len(), 1, "one element matches {css}: {texts:?}");
        texts.into_iter().next().unwrap_or_default()
    }

    /// The value of `attribute` on each element that matches `css`.
    pub fn attributes(&self, css: &str, attribute: &str) -> Vec<String> {
        self.0
            .select(&selector(css))
            .filter_map(|e| e.value().attr(attribute).map(str::to_owned))
            .collect()
    }

    /// Where the links that match `css` lead.
    pub fn hrefs(&self, css: &str) -> Vec<String> {
        self.attributes(css, "href")
    }

    /// The value of the option chosen in the list named `name` (in the form matching `scope`,
    /// or anywhere for `""`).
    pub fn selected(&self, scope: &str, name: &str) -> Option<String> {
        let css = format!(r#"{scope} select[name="{name}"] option[selected]"#);
        self.attributes(css.trim(), "value").into_iter().next()
    }

    /// The message shown beside the field `id` (`field-title`, say), without the words that
    /// announce it to screen readers; none when the field has no error.
    pub fn field_error(&self, id: &str) -> Option<String> {
        let message = self.0.select(&selector(&format!("#{id}-error"))).next()?;
        let announced = message
            .select(&selector(".visually-hidden"))
            .map(text_of)
            .collect::<String>();
        Some(
            text_of(message)
                .trim_start_matches(&announced)
                .trim()
                .to_owned(),
        )
    }

    /// The numbers in the row headed `label` of the table of the chart `chart`.
    pub fn chart_row(&self, chart: &str, label: &str) -> Vec<i64> {
        let rows = selector(&format!("figure#{chart} table tr"));
        let row = self
            .0
            .select(&rows)
            .find(|row| {
                row.select(&selector(r#"th[scope="row"]"#))
                    .any(|th| text_of(th) == label)
            })
            .unwrap_or_else(|| panic!("the row {label} is in the table of {chart}"));
        row.select(&selector("td.number"))
            .map(|cell| text_of(cell).parse().expect("a number"))
            .collect()
    }

    /// The part of the page inside the element that matches `css`, as a page of its own.
    pub fn within(&self, css: &str) -> Page {
        let element = self
            .0
            .select(&selector(css))
            .next()
            .unwrap_or_else(|| panic!("{css} is on the page"));
        Page(Html::parse_fragment(&element.html()))
    }
}
