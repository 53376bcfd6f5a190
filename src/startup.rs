//! Builds the application: database, settings, routes and middleware, bound to a port.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Compress, Next, from_fn};
use actix_web::{App, HttpMessage, HttpResponse, HttpServer, web};
use tracing_actix_web::{DefaultRootSpanBuilder, RootSpanBuilder, TracingLogger};

use crate::config::Settings;
use crate::db::{self, Backend, Pool};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::routes::middleware::authentication::authenticate;
use crate::routes::middleware::cross_site::refuse_cross_site;
use crate::routes::middleware::refusals::record_refusals;
use crate::routes::middleware::security_headers::security_headers;
use crate::routes::signed_in::SignedIn;
use crate::routes::{self, AppState};
use crate::views::errors::error_page;

/// A running server and where it listens.
pub struct Application {
    server: Server,
    port: u16,
    /// The delivery worker and the scheduler, which stop with the server.
    background: crate::notify::Background,
}

impl Application {
    /// Opens the database (migrating it) and binds the address in the settings; port 0 picks a
    /// free port, which tests use.
    pub fn build(settings: Settings) -> anyhow::Result<Self> {
        let (pool, backend) = db::connect(
            &settings.database.url,
            settings.database.pool_size,
            Duration::from_millis(settings.database.busy_timeout_ms),
        )?;
        Self::build_with_pool(settings, pool, backend)
    }

    pub fn build_with_pool(
        settings: Settings,
        pool: Pool,
        backend: Backend,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&settings.server.bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.server.bind))?;
        let port = listener.local_addr()?.port();
        let state = AppState {
            pool: pool.clone(),
            backend,
            settings: Arc::new(settings.clone()),
            cache: Default::default(),
            exports: Arc::new(tokio::sync::Semaphore::new(
                routes::exports::EXPORTS_AT_ONCE,
            )),
            upkeep_in_flight: Default::default(),
        };
        let background = crate::notify::start(&pool, &settings)?;
        let body_limit = settings.server.max_body_bytes;
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(from_fn(authenticate))
                .wrap(from_fn(refuse_cross_site))
                .wrap(from_fn(record_refusals))
                .wrap(from_fn(render_errors))
                .wrap(from_fn(security_headers))
                .wrap(Compress::default())
                .wrap(TracingLogger::<QuietSpans>::new())
                .app_data(web::Data::new(state.clone()))
                .app_data(web::PayloadConfig::new(body_limit))
                .app_data(
                    web::JsonConfig::default()
                        .limit(body_limit)
                        .error_handler(|error, _| routes::api::json_error(error).into()),
                )
                .app_data(
                    web::QueryConfig::default()
                        .error_handler(|_, _| AppError::BadRequest("problem-query").into()),
                )
                .app_data(
                    web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()),
                )
                .configure(routes::configure)
                .default_service(web::to(|| async {
                    Err::<HttpResponse, _>(AppError::NotFound)
                }))
        })
        .listen(listener)?;
        let workers = match settings.server.workers {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        // Database work runs on each worker's blocking threads. More threads than pooled
        // connections would only queue for a connection, each holding its own stack and
        // allocator heap; so the pool bounds them.
        let blocking_threads = (pool.max_size() as usize).div_ceil(workers).max(1);
        server = server
            .workers(workers)
            .worker_max_blocking_threads(blocking_threads);
        Ok(Self {
            server: server.run(),
            port,
            background,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the process is stopped.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let _background = self.background;
        self.server.await
    }
}

/// Request spans without the query string: searches and, later, calendar tokens stay out of
/// the logs.
struct QuietSpans;

impl RootSpanBuilder for QuietSpans {
    fn on_request_start(request: &ServiceRequest) -> tracing::Span {
        tracing::info_span!("request", method = %request.method(), path = %request.path(), status = tracing::field::Empty)
    }

    /// Records the status and writes one access-log line per request.
    fn on_request_end<B: MessageBody>(
        span: tracing::Span,
        outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
        let status = match outcome {
            Ok(response) => response.status().as_u16(),
            Err(error) => error.as_response_error().status_code().as_u16(),
        };
        span.record("status", status);
        tracing::info!(parent: &span, "handled");
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// Turns every error response that carries no page of its own into one: an HTML page for
/// people, a JSON error body under `/api/`. Responses a handler rendered itself (a form shown
/// again with its errors) pass through untouched.
async fn render_errors(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let is_api = request.path().starts_with("/api/");
    let locale = crate::routes::language::request_locale(request.request());
    let response = next.call(request).await?.map_into_boxed_body();
    let status = response.status();
    let rendered = response.headers().contains_key(header::CONTENT_TYPE)
        && response.response().error().is_none();
    if status.as_u16() < 400 || rendered {
        return Ok(response);
    }
    let from_handler = response
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>());
    let fallback;
    let error = match from_handler {
        Some(error) => error,
        None => {
            fallback = AppError::from_status(status);
            &fallback
        }
    };
    let message = locale.t(error.message_key()).into_owned();
    let mut replacement = if is_api {
        let detail = match error {
            AppError::MalformedJson(detail) => format!("{message} {detail}"),
            _ => message,
        };
        HttpResponse::build(status).json(crate::routes::api::error_body(
            error.code(),
            detail,
            field_messages(locale, error),
        ))
    } else {
        let signed = response.request().extensions().get::<SignedIn>().cloned();
        let viewer = signed.as_ref().map(|s| s.viewer(locale));
        HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(
                error_page(
                    locale,
                    viewer.as_ref(),
                    &crate::routes::language::page_address(response.request()),
                    status.as_u16(),
                    (error.message_key(), &problems(locale, error)),
                )
                .into_string(),
            )
    };
    match error {
        AppError::Conflict { current, .. } => {
            replacement.headers_mut().insert(
                header::HeaderName::from_static("x-current-version"),
                HeaderValue::from(*current),
            );
        }
        AppError::TooManyRequests(seconds) | AppError::Busy(seconds) => {
            replacement
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*seconds));
        }
        AppError::Unauthorized if is_api => {
            replacement
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        _ => {}
    }
    Ok(response.into_response(replacement))
}

/// What was wrong with each field of a request that was refused whole, in words.
fn problems(locale: Locale, error: &AppError) -> Vec<String> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|(_, e)| locale.field_error(e)).collect(),
        _ => Vec::new(),
    }
}

fn field_messages(locale: Locale, error: &AppError) -> serde_json::Map<String, serde_json::Value> {
    let empty = FieldErrors::new();
    let errors = match error {
        AppError::Invalid(errors) => errors,
        _ => &empty,
    };
    errors
        .iter()
        .map(|(field, e)| {
            (
                field.to_owned(),
                serde_json::Value::String(locale.field_error(e)),
            )
        })
        .collect()
}
