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

/// A file uploaded with a form (`multipart/form-data`), its name and its bytes.
pub struct UploadedFile {
    pub file_name: String,
    pub content: Vec<u8>,
}

/// Reads the file field `file` of an upload form that carries the session's form token (in a
/// field before the file, as the page's form puts it), reading at most `max_bytes` of it.
/// A missing, empty or too large file is a problem with the field; a form without the token is
/// refused.
pub async fn uploaded_file(
    req: &HttpRequest,
    mut multipart: actix_multipart::Multipart,
    max_bytes: u64,
) -> Result<Result<UploadedFile, crate::domain::FieldError>, AppError> {
    use futures_util::StreamExt;
    let unreadable = |_| AppError::BadRequest("problem-bad-request");
    let expected = expected_form_token(req).filter(|t| !t.is_empty());
    let mut token_seen = false;
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(unreadable)?;
        match field.name() {
            Some("csrf") => {
                let mut value = Vec::new();
                while let Some(chunk) = field.next().await {
                    value.extend_from_slice(&chunk.map_err(unreadable)?);
                    if value.len() > 256 {
                        return Err(AppError::Forbidden("problem-csrf"));
                    }
                }
                let value = String::from_utf8_lossy(&value);
                token_seen = expected.as_deref().is_some_and(|t| same_secret(&value, t));
            }
            Some("file") => {
                if !token_seen {
                    return Err(AppError::Forbidden("problem-csrf"));
                }
                let file_name = field
                    .content_disposition()
                    .and_then(|d| d.get_filename())
                    .unwrap_or_default()
                    .to_owned();
                let mut content = Vec::new();
                while let Some(chunk) = field.next().await {
                    content.extend_from_slice(&chunk.map_err(unreadable)?);
                    if content.len() as u64 > max_bytes {
                        return Ok(Err(crate::domain::FieldError::new("import-file-too-large")
                            .with("max", max_bytes.div_ceil(1024 * 1024))));
                    }
                }
                if file_name.is_empty() || content.is_empty() {
                    return Ok(Err(crate::domain::FieldError::new("required")));
                }
                return Ok(Ok(UploadedFile { file_name, content }));
            }
            _ => while field.next().await.is_some() {},
        }
    }
    if !token_seen {
        return Err(AppError::Forbidden("problem-csrf"));
    }
    Ok(Err(crate::domain::FieldError::new("required")))
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
