//! One error type for every handler. Each variant is something a user can act on, except
//! `Unexpected`, whose cause goes to the log and never to the page. The response built here is
//! bare; `startup::render_errors` turns it into an HTML page or a JSON body.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::db::DbError;
use crate::domain::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// The record changed since the client read it.
    #[error("version conflict: expected {expected}, now {current}")]
    Conflict { expected: i32, current: i32 },
    /// A request that cannot be read at all; the message key says why.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// A JSON body that does not parse; the detail says where.
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("request body too large")]
    PayloadTooLarge,
    /// No valid session or token came with a request that needs one.
    #[error("sign-in required")]
    Unauthorized,
    /// The person may not do this; the message key says why in plain words.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// Too many failed sign-ins; try again after this many seconds.
    #[error("too many requests; retry after {0} s")]
    TooManyRequests(u64),
    /// Work that runs a few at a time (exports) has no room now; try again after this many
    /// seconds.
    #[error("busy; retry after {0} s")]
    Busy(u64),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl AppError {
    /// A stable code for API clients, and the catalogue key of the message for people.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Invalid(_) => "invalid_input",
            AppError::Conflict { .. } => "version_conflict",
            AppError::BadRequest(_) => "bad_request",
            AppError::MalformedJson(_) => "malformed_json",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Busy(_) => "busy",
            AppError::Unexpected(_) => "internal_error",
        }
    }

    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "problem-not-found",
            AppError::Invalid(_) => "problem-invalid",
            AppError::Conflict { .. } => "problem-conflict",
            AppError::BadRequest(key) => key,
            AppError::MalformedJson(_) => "problem-json",
            AppError::PayloadTooLarge => "problem-too-large",
            AppError::Unauthorized => "problem-unauthorized",
            AppError::Forbidden(key) => key,
            AppError::TooManyRequests(_) => "problem-too-many",
            AppError::Busy(_) => "problem-busy",
            AppError::Unexpected(_) => "problem-unexpected",
        }
    }

    /// The error an HTTP status stands for, for responses that did not come from a handler
    /// (an unknown route, a wrong method).
    pub fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => AppError::NotFound,
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::UNAUTHORIZED => AppError::Unauthorized,
            StatusCode::FORBIDDEN => AppError::Forbidden("problem-forbidden"),
            StatusCode::METHOD_NOT_ALLOWED => AppError::BadRequest("problem-method"),
            status if status.is_client_error() => AppError::BadRequest("problem-bad-request"),
            _ => AppError::Unexpected(anyhow::anyhow!("status {status}")),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::BadRequest(_) | AppError::MalformedJson(_) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests(_) | AppError::Busy(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Unexpected(cause) = self {
            tracing::error!(error = ?cause, "request failed");
        }
        HttpResponse::build(self.status_code()).finish()
    }
}

impl From<DbError> for AppError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::NotFound => AppError::NotFound,
            DbError::Conflict { expected, current } => AppError::Conflict { expected, current },
            DbError::Refused(refusal) => {
                let (field, error) = refusal.field_error();
                AppError::Invalid(FieldErrors::single(field, error))
            }
            other => AppError::Unexpected(other.into()),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        AppError::Unexpected(anyhow::anyhow!("blocking task failed: {error}"))
    }
}
