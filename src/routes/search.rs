//! One search over irritants and the statements of source documents, in any language.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use serde::Deserialize;

use super::signed_in::SignedIn;
use super::{AppState, html};
use crate::db;
use crate::domain::listing::search_words;
use crate::domain::{FieldErrors, ListParams};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::search::search_page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(search);
}

/// Statements shown at most; the irritants come a page at a time, as in the list.
const STATEMENT_HITS: i64 = 50;

#[derive(Deserialize, Default)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[get("/search")]
async fn search(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner().q;
    let words = match search_words(&q) {
        Ok(words) => words,
        Err(error) => {
            let errors = FieldErrors::single("q", error);
            let page = search_page(&who.viewer(locale), &q, &errors, None);
            return Ok(html(StatusCode::BAD_REQUEST, page));
        }
    };
    if words.is_empty() {
        let page = search_page(&who.viewer(locale), &q, &FieldErrors::new(), None);
        return Ok(html(StatusCode::OK, page));
    }
    let params = ListParams {
        q: q.clone(),
        ..Default::default()
    };
    let (cache, rules, page_size) = (state.cache.clone(), state.list_rules(), state.page_size());
    let list_params = params.clone();
    let (irritants, statements) = state
        .db(move |conn| {
            let reference_data = cache.reference_data(conn)?;
            let filter = list_params
                .parse(&reference_data, rules)
                .map_err(AppError::Invalid)?;
            let irritants = db::irritants::list(conn, &cache, &reference_data, &filter, page_size)?;
            let statements = db::sources::search_statements(conn, &filter.words, STATEMENT_HITS)?;
            Ok((irritants, statements))
        })
        .await?;
    let found = (&params, &irritants, statements.as_slice());
    let page = search_page(&who.viewer(locale), &q, &FieldErrors::new(), Some(found));
    Ok(html(StatusCode::OK, page))
}
