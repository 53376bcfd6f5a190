//! The JSON API, `/api/v1`, in the register's own words: irritants and their progress updates,
//! sources, and the dashboard. Its OpenAPI document is generated from the types and handlers.

mod bulk;
mod dashboard;
mod irritants;
mod notifications;
mod sources;

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::error::AppError;
use crate::formats::irritant_json::{IrritantJson, ProductJson, TradeValueJson};
use crate::routes::sources::LinkInput;
use bulk::{
    __path_api_irritants_bulk, BulkItemJson, BulkItemResultJson, BulkRequest, BulkResultJson,
    api_irritants_bulk,
};
use dashboard::{
    __path_api_dashboard, CountJson, DashboardJson, DirectiveJson, FigureJson, StatusRagJson,
    WeekJson, api_dashboard,
};
use irritants::{
    __path_api_irritant_create, __path_api_irritant_get, __path_api_irritant_list,
    __path_api_irritant_patch, __path_api_update_add, __path_api_update_list, IrritantCreate,
    IrritantList, IrritantPatch, UpdateCreate, UpdateJson, api_irritant_create, api_irritant_get,
    api_irritant_list, api_irritant_patch, api_update_add, api_update_list,
};
use notifications::{
    __path_api_comment_add, __path_api_comments, __path_api_notifications,
    __path_api_notifications_read, __path_api_unwatch, __path_api_watch, CommentCreate,
    CommentJson, MarkRead, Marked, NotificationJson, NotificationList, WatchJson, api_comment_add,
    api_comments, api_notifications, api_notifications_read, api_unwatch, api_watch,
};
use sources::{
    __path_api_source_get, __path_api_source_import, __path_api_source_list,
    __path_api_statement_link, __path_api_statement_unlink, MandatedJson, SourceImport, SourceJson,
    SourceList, SourceSummaryJson, StatementJson, StatementText, api_source_get, api_source_import,
    api_source_list, api_statement_link, api_statement_unlink,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .service(openapi_document)
            .service(api_irritant_list)
            .service(api_irritants_bulk)
            .service(api_irritant_create)
            .service(api_irritant_get)
            .service(api_irritant_patch)
            .service(api_update_list)
            .service(api_update_add)
            .service(api_source_list)
            .service(api_source_import)
            .service(api_source_get)
            .service(api_statement_link)
            .service(api_statement_unlink)
            .service(api_dashboard)
            .service(api_notifications)
            .service(api_notifications_read)
            .service(api_comments)
            .service(api_comment_add)
            .service(api_watch)
            .service(api_unwatch),
    );
}

/// What a JSON body that cannot be read becomes.
pub fn json_error(error: actix_web::error::JsonPayloadError) -> AppError {
    use actix_web::error::JsonPayloadError;
    match error {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            AppError::PayloadTooLarge
        }
        JsonPayloadError::ContentType => AppError::BadRequest("problem-json-type"),
        JsonPayloadError::Deserialize(e) => AppError::MalformedJson(e.to_string()),
        other => AppError::MalformedJson(other.to_string()),
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "irritrack API",
        description = "The register of trade irritants. Errors are `{\"error\": {\"code\", \"message\", \"fields\"}}`."
    ),
    paths(
        api_irritant_list,
        api_irritant_create,
        api_irritant_get,
        api_irritant_patch,
        api_irritants_bulk,
        api_update_list,
        api_update_add,
        api_source_list,
        api_source_get,
        api_source_import,
        api_statement_link,
        api_statement_unlink,
        api_dashboard,
        api_notifications,
        api_notifications_read,
        api_comments,
        api_comment_add,
        api_watch,
        api_unwatch
    ),
    modifiers(&BearerToken),
    components(schemas(
        crate::domain::report::ProgressReport,
        IrritantJson,
        ProductJson,
        TradeValueJson,
        IrritantList,
        IrritantCreate,
        IrritantPatch,
        BulkRequest,
        BulkItemJson,
        BulkResultJson,
        BulkItemResultJson,
        UpdateJson,
        UpdateCreate,
        ErrorBody,
        ErrorDetail,
        SourceList,
        SourceSummaryJson,
        SourceJson,
        StatementJson,
        StatementText,
        MandatedJson,
        SourceImport,
        LinkInput,
        DashboardJson,
        FigureJson,
        CountJson,
        StatusRagJson,
        WeekJson,
        DirectiveJson,
        NotificationJson,
        NotificationList,
        MarkRead,
        Marked,
        CommentJson,
        CommentCreate,
        WatchJson
    ))
)]
pub struct ApiDoc;

/// Every call needs `Authorization: Bearer <token>`.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
        };
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "token",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some(
                            "An API token: `irritrack token create --email E`, or the Tokens page.",
                        ))
                        .build(),
                ),
            );
        openapi.security = Some(vec![SecurityRequirement::new(
            "token",
            Vec::<String>::new(),
        )]);
    }
}

#[get("/openapi.json")]
async fn openapi_document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    #[schema(example = "invalid_input")]
    code: String,
    message: String,
    /// For invalid input: each offending field and what is wrong with it.
    #[schema(value_type = Object)]
    fields: serde_json::Map<String, serde_json::Value>,
}

/// Parses a JSON body into `T`, keeping the set of fields the client sent.
pub(super) fn read_body<T: serde::de::DeserializeOwned>(
    body: serde_json::Value,
) -> Result<(T, serde_json::Map<String, serde_json::Value>), AppError> {
    let sent = match &body {
        serde_json::Value::Object(map) => map.clone(),
        _ => {
            return Err(AppError::MalformedJson(
                "the body must be a JSON object".into(),
            ));
        }
    };
    let parsed =
        serde_json::from_value(body).map_err(|e| AppError::MalformedJson(e.to_string()))?;
    Ok((parsed, sent))
}

/// The body of every API error.
pub fn error_body(
    code: &str,
    message: String,
    fields: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Value {
    serde_json::to_value(ErrorBody {
        error: ErrorDetail {
            code: code.to_owned(),
            message,
            fields,
        },
    })
    .unwrap_or_default()
}
