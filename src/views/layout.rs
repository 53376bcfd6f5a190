use maud::{DOCTYPE, Markup, html};

use crate::i18n::Locale;

/// The stylesheet's URL carries a hash of its content, so browsers may cache it for good.
pub fn stylesheet_url() -> &'static str {
    static URL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        STYLESHEET.hash(&mut hasher);
        format!("/static/app.css?v={:016x}", hasher.finish())
    });
    &URL
}

pub const STYLESHEET: &str = include_str!("../../static/app.css");

/// Every page: a header with the product name and navigation, the content, a footer.
pub fn page(locale: Locale, title: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(locale.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (locale.t_with("page-title", &[("title", title.to_owned())])) }
                link rel="stylesheet" href=(stylesheet_url());
            }
            body {
                a.skip-link href="#main" { (locale.t("nav-skip")) }
                header.site-header {
                    div.wrap.header-row {
                        a.brand href="/" { "irritrack" }
                        nav aria-label=(locale.t("nav-label")) {
                            ul.nav {
                                li { a href="/irritants" { (locale.t("nav-irritants")) } }
                                li { a href="/irritants/new" { (locale.t("nav-new-irritant")) } }
                            }
                        }
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
