use actix_web::{HttpResponse, route, web};
use serde::Serialize;

use super::AppState;

#[derive(Serialize)]
struct Health {
    status: &'static str,
    database: DatabaseHealth,
    version: &'static str,
}

#[derive(Serialize)]
struct DatabaseHealth {
    backend: crate::db::Backend,
    answered: bool,
}

/// Liveness and database reachability, for load balancers and monitoring.
#[route("/healthz", method = "GET", method = "HEAD")]
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let answered = state
        .db(|conn| Ok(crate::db::ping(conn)))
        .await
        .unwrap_or(false);
    let body = Health {
        status: if answered { "ok" } else { "degraded" },
        database: DatabaseHealth {
            backend: state.backend,
            answered,
        },
        version: env!("CARGO_PKG_VERSION"),
    };
    if answered {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
