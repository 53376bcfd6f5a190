//! `/exports/irritants.{csv,xlsx,json}`: the irritant list with the same filters, streamed as
//! it is written, so that the whole file is never held in memory.

use std::io::{self, Write};

use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_DISPOSITION;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use tokio::sync::mpsc;

use super::session::{SignedIn, client_ip};
use super::{AppState, html};
use crate::db;
use crate::domain::ListParams;
use crate::domain::accounts::{SecurityEvent, SecurityEventKind};
use crate::error::AppError;
use crate::export::{ExportFormat, export_detail, write_irritants};
use crate::i18n::Locale;
use crate::views::irritants::list_page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(export_irritants);
}

/// How much is gathered before it is sent on: large enough that sending costs little.
const CHUNK: usize = 64 * 1024;
/// Chunks waiting for a slow reader at most; the export pauses while they wait.
const CHUNKS_IN_FLIGHT: usize = 4;

type Chunk = Result<Bytes, io::Error>;

/// The writing end of a streamed response body, for code that writes to `io::Write` on a
/// blocking thread. When the reader goes away, writes fail and the export stops.
pub struct ResponseWriter {
    sender: mpsc::Sender<Chunk>,
    pending: Vec<u8>,
}

impl ResponseWriter {
    /// A writer, and the body stream that carries what it writes.
    pub fn new() -> (Self, impl futures_util::Stream<Item = Chunk> + 'static) {
        let (sender, receiver) = mpsc::channel(CHUNKS_IN_FLIGHT);
        let body = futures_util::stream::unfold(receiver, |mut receiver| async move {
            receiver.recv().await.map(|chunk| (chunk, receiver))
        });
        (
            Self {
                sender,
                pending: Vec::with_capacity(CHUNK),
            },
            body,
        )
    }

    fn send_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.pending,
            Vec::with_capacity(CHUNK),
        ));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the reader went away"))
    }

    /// Ends the body with an error, so the reader sees a broken transfer, never a file that
    /// looks complete but is not.
    pub fn fail(self, reason: &str) {
        let _ = self
            .sender
            .blocking_send(Err(io::Error::other(reason.to_owned())));
    }
}

impl Write for ResponseWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= CHUNK {
            self.send_pending()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send_pending()
    }
}

/// `Content-Disposition` for a download named `{stem}-{day}.{extension}`.
pub fn attachment(stem: &str, day: chrono::NaiveDate, format: ExportFormat) -> String {
    format!(
        "attachment; filename=\"{stem}-{day}.{}\"",
        format.extension()
    )
}

#[get("/exports/irritants.{format}")]
async fn export_irritants(
    state: web::Data<AppState>,
    who: SignedIn,
    locale: Locale,
    req: HttpRequest,
    format: web::Path<String>,
    query: web::Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let format = ExportFormat::from_extension(&format).ok_or(AppError::NotFound)?;
    let cache = state.cache.clone();
    let params = query.into_inner();
    let rules = state.list_rules();
    let for_db = params.clone();
    let (people, selection) = state
        .db(move |conn| {
            let people = cache.reference_data(conn)?;
            let selection = match for_db.parse(&people, rules) {
                Ok(filter) => Ok((
                    db::irritants::ids_matching(conn, &filter)?,
                    filter.canonical_params(&for_db.q).to_query_string(),
                )),
                Err(errors) => Err(errors),
            };
            Ok((people, selection))
        })
        .await?;
    let (ids, filters) = match selection {
        Ok(selection) => selection,
        Err(errors) => {
            return Ok(html(
                StatusCode::BAD_REQUEST,
                list_page(&who.viewer(locale), &params, &errors, None, &people),
            ));
        }
    };
    let subject = format!("irritants.{}", format.extension());
    let mut event = SecurityEvent {
        kind: SecurityEventKind::Exported,
        actor_id: Some(who.actor.id.clone()),
        subject,
        ip: client_ip(&req, &state.settings.security),
        detail: String::new(),
    };
    let (writer, body) = ResponseWriter::new();
    let pool = state.pool.clone();
    let now = db::now();
    actix_web::rt::task::spawn_blocking(move || {
        let mut writer = writer;
        let written = write_irritants(
            &pool,
            &ids,
            &people,
            format,
            locale,
            now,
            &mut writer,
            |_| {},
        )
        .and_then(|rows| Ok(writer.flush().map(|()| rows)?));
        match written {
            Ok(rows) => {
                event.detail = export_detail(rows, &filters);
                record(&pool, &event);
            }
            Err(error) => {
                tracing::warn!(%error, "an export stopped before its end");
                writer.fail("the export stopped before its end");
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            CONTENT_DISPOSITION,
            attachment("irritants", state.today(), format),
        ))
        .streaming(body))
}

/// Records an event from a blocking thread; a failure is logged, never shown.
pub fn record(pool: &db::Pool, event: &SecurityEvent) {
    let outcome = pool.get().map_err(|e| e.to_string()).and_then(|mut conn| {
        db::accounts::record_event(&mut conn, event).map_err(|e| e.to_string())
    });
    if let Err(error) = outcome {
        tracing::error!(%error, kind = event.kind.code(), "the security event was not recorded");
    }
}
