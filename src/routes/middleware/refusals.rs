//! Every 403, whoever gave it (a middleware, an extractor, a handler), goes to the security log.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};

use crate::domain::accounts::{EventDetail, SecurityEvent, SecurityEventKind};
use crate::error::AppError;
use crate::routes::AppState;
use crate::routes::client::client_ip;
use crate::routes::signed_in::SignedIn;

/// Records each refused request: who asked, when known, for what, and why.
pub async fn record_refusals(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let response = next.call(req).await?.map_into_boxed_body();
    if response.status() != StatusCode::FORBIDDEN {
        return Ok(response);
    }
    let Some(state) = response
        .request()
        .app_data::<web::Data<AppState>>()
        .cloned()
    else {
        return Ok(response);
    };
    let request = response.request();
    let actor_id = request
        .extensions()
        .get::<SignedIn>()
        .map(|signed| signed.actor.id.clone());
    let detail = response
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
        .map_or("", AppError::message_key);
    let event = SecurityEvent {
        kind: SecurityEventKind::AccessRefused,
        actor_id,
        subject: request.path().to_owned(),
        ip: client_ip(request, &state.settings.security),
        detail: if detail.is_empty() {
            EventDetail::None
        } else {
            EventDetail::message(detail, &[])
        },
    };
    state.record_alone(event).await;
    Ok(response)
}
