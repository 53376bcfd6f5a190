//! Request extractors that turn what a browser or client sent into plain values, refusing what
//! cannot be read with a clear error instead of guessing.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use super::cookies::sign_in_cookie_name;
use super::signed_in::SignedIn;
use crate::auth::same_secret;
use crate::domain::merge::Fingerprints;
use crate::error::AppError;
use crate::i18n::Locale;

/// A form body, read only if it is URL-encoded UTF-8 and carries the form token of the session
/// (or, before sign-in, of the sign-in cookie), so that no other site can submit it for a user.
/// The usual form extractor replaces bytes that are not UTF-8 with U+FFFD and stores the
/// mangled text; this one refuses them.
pub struct StrictForm<T>(pub T);

/// The token a form from this browser must carry.
fn expected_form_token(req: &HttpRequest) -> Option<String> {
    if let Some(signed) = req.extensions().get::<SignedIn>() {
        return signed.form_token().map(str::to_owned);
    }
    let state = req.app_data::<web::Data<super::AppState>>()?;
    req.cookie(sign_in_cookie_name(&state.settings.security))
        .map(|c| c.value().to_owned())
}

fn carries_token(body: &[u8], expected: &str) -> bool {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).is_ok_and(|pairs| {
        pairs
            .iter()
            .any(|(name, value)| name == "csrf" && same_secret(value, expected))
    })
}

impl<T: DeserializeOwned + 'static> FromRequest for StrictForm<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_form = req
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let body = web::Bytes::from_request(req, payload);
        let expected = expected_form_token(req).filter(|t| !t.is_empty());
        Box::pin(async move {
            if !is_form {
                return Err(AppError::BadRequest("problem-form-type"));
            }
            let bytes = body
                .await
                .map_err(|error| match error.as_error::<PayloadError>() {
                    Some(PayloadError::Overflow) => AppError::PayloadTooLarge,
                    _ => AppError::BadRequest("problem-bad-request"),
                })?;
            if !is_utf8_form(&bytes) {
                return Err(AppError::BadRequest("problem-not-utf8"));
            }
            if !expected.is_some_and(|token| carries_token(&bytes, &token)) {
                return Err(AppError::Forbidden("problem-csrf"));
            }
            serde_urlencoded::from_bytes(&bytes)
                .map(StrictForm)
                .map_err(|_| AppError::BadRequest("problem-form-unreadable"))
        })
    }
}

/// Whether every name and value of a URL-encoded body decodes to UTF-8.
fn is_utf8_form(body: &[u8]) -> bool {
    body.split(|b| *b == b'&').all(|pair| {
        let decoded: Vec<u8> = percent_encoding::percent_decode(pair).collect();
        std::str::from_utf8(&decoded).is_ok()
    })
}

/// A form that edits a record: the version it was read at, fingerprints of the fields as they
/// were then (the base, for merging if someone else saves first), and the fields as submitted.
#[derive(Deserialize)]
pub struct Versioned<T> {
    #[serde(default)]
    version: String,
    #[serde(default)]
    base: String,
    #[serde(flatten)]
    pub input: T,
}

impl<T> Versioned<T> {
    pub fn version(&self) -> Result<i32, AppError> {
        self.version
            .trim()
            .parse()
            .map_err(|_| AppError::BadRequest("problem-version-missing"))
    }

    /// Fingerprints of the fields as the form first showed them, if the form carried them.
    pub fn base(&self) -> Option<Fingerprints> {
        Fingerprints::decode(&self.base)
    }

    /// The submitted base, to carry on unchanged when the form is shown again.
    pub fn base_text(&self) -> &str {
        &self.base
    }
}

impl FromRequest for Locale {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(Ok(super::language::request_locale(req)))
    }
}

/// Reads a JSON string, number or null as text, so that API clients may send `"2024"` or
/// `2024` alike, and the domain parses either with the same rules as the forms.
pub fn lenient_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Text {
        String(String),
        Integer(i64),
        Float(f64),
        Bool(bool),
    }
    Ok(match Option::<Text>::deserialize(deserializer)? {
        None => String::new(),
        Some(Text::String(s)) => s,
        Some(Text::Integer(n)) => n.to_string(),
        Some(Text::Float(n)) => n.to_string(),
        Some(Text::Bool(b)) => b.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_utf8_forms_are_accepted() {
        assert!(is_utf8_form(b"title=Canola+%E5%85%B3%E7%A8%8E&x=1"));
        assert!(!is_utf8_form(b"title=Canola%FF%FE"));
    }

    #[test]
    fn a_form_must_carry_the_expected_token() {
        assert!(carries_token(b"title=x&csrf=abc123", "abc123"));
        assert!(!carries_token(b"title=x&csrf=abc124", "abc123"));
        assert!(!carries_token(b"title=x", "abc123"));
    }
}
