//! `/exports/irritants.{csv,xlsx,json}`: the irritant list with the same filters, streamed as
//! it is written, so that the whole file is never held in memory.

use std::io::{self, Write};

use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_DISPOSITION;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use tokio::sync::mpsc;

use super::client::client_ip;
use super::signed_in::SignedIn;
use super::{AppState, html};
use crate::db;
use crate::domain::ListParams;
use crate::domain::accounts::{EventDetail, SecurityEvent, SecurityEventKind};
use crate::error::AppError;
use crate::export::{ExportFormat, export_detail, write_irritants};
use crate::i18n::Locale;
use crate::views::irritants::{InView, list_page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(export_irritants);
}

/// How much is gathered before it is sent on: large enough that sending costs little.
const CHUNK: usize = 64 * 1024;
/// Chunks waiting for a slow reader at most; the export pauses while they wait.
const CHUNKS_IN_FLIGHT: usize = 4;
/// How long an export waits for a reader who stopped reading before giving up.
const READER_STALL_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);
/// The slowest an export may be read, on average, once it has run for `READER_STALL_LIMIT`:
/// a reader taking a chunk now and then must not hold one of the few export slots for hours.
const SLOWEST_READING_BYTES_PER_SECOND: u64 = 32 * 1024;
/// How long a writer waits before trying again to hand a chunk to a reader with no room.
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(1);
/// Exports written at once per instance: each holds a thread and, a batch at a time, a
/// database connection, so that a few large downloads cannot starve the pages.
pub const EXPORTS_AT_ONCE: usize = 2;

type Chunk = Result<Bytes, io::Error>;

/// The writing end of a streamed response body, for code that writes to `io::Write` on a
/// blocking thread. When the reader goes away, writes fail and the export stops.
pub struct ResponseWriter {
    sender: mpsc::Sender<Chunk>,
    pending: Vec<u8>,
    started: std::time::Instant,
    sent: u64,
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
                started: std::time::Instant::now(),
                sent: 0,
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
        self.sent += chunk.len() as u64;
        self.send(Ok(chunk))
    }

    /// Hands a chunk to the response as soon as the reader has room for it; gives up when
    /// the reader has gone, has not read for `READER_STALL_LIMIT`, or reads too slowly.
    fn send(&self, mut chunk: Chunk) -> io::Result<()> {
        let started = std::time::Instant::now();
        let running = self.started.elapsed();
        if running > READER_STALL_LIMIT
            && self.sent < SLOWEST_READING_BYTES_PER_SECOND * running.as_secs()
        {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the reader reads too slowly",
            ));
        }
        loop {
            match self.sender.try_send(chunk) {
                Ok(()) => return Ok(()),
                Err(mpsc::error::TrySendError::Closed(_)) => {
                    return Err(io::Error::new(
                        io::ErrorKind::BrokenPipe,
                        "the reader went away",
                    ));
                }
                Err(mpsc::error::TrySendError::Full(unsent)) => {
                    if started.elapsed() > READER_STALL_LIMIT {
                        return Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "the reader stopped reading",
                        ));
                    }
                    chunk = unsent;
                    std::thread::sleep(RETRY_PAUSE);
                }
            }
        }
    }

    /// Ends the body with an error, so the reader sees a broken transfer, never a file that
    /// looks complete but is not.
    pub fn fail(self, reason: &str) {
        let _ = self.send(Err(io::Error::other(reason.to_owned())));
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
/// A download's header naming its file; the name is ours, made of ASCII letters, digits,
/// hyphens, underscores and dots.
pub fn attachment(file: &str) -> String {
    format!("attachment; filename=\"{file}\"")
}

/// A file made whole (`name`, content type, bytes) as a download, its export recorded in the
/// security log.
pub async fn recorded_download(
    state: &AppState,
    who: &SignedIn,
    (file, content_type, body): (&str, &str, Vec<u8>),
    detail: EventDetail,
) -> HttpResponse {
    let event = who
        .acting(state)
        .event(SecurityEventKind::Exported, file, detail);
    state.record_alone(event).await;
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((CONTENT_DISPOSITION, attachment(file)))
        .body(body)
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
    let slot = state
        .exports
        .clone()
        .try_acquire_owned()
        .map_err(|_| AppError::Busy(60))?;
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
                list_page(
                    &who.viewer(locale),
                    &params,
                    &errors,
                    None,
                    &people,
                    &InView::Register,
                ),
            ));
        }
    };
    let subject = format!("irritants.{}", format.extension());
    let mut event = SecurityEvent {
        kind: SecurityEventKind::Exported,
        actor_id: Some(who.actor.id.clone()),
        subject,
        ip: client_ip(&req, &state.settings.security),
        detail: EventDetail::None,
    };
    let (writer, body) = ResponseWriter::new();
    let pool = state.pool.clone();
    let now = db::now();
    // Its own thread, not the blocking pool that every page's database work shares.
    let spawned = std::thread::Builder::new()
        .name("export".to_owned())
        .spawn(move || {
            let _slot = slot;
            let mut writer = writer;
            let mut reached = 0;
            let written = write_irritants(
                &pool,
                &ids,
                &people,
                format,
                locale,
                now,
                &mut writer,
                |done| reached = done,
            )
            .and_then(|rows| Ok(writer.flush().map(|()| rows)?));
            event.detail = match &written {
                Ok(rows) => export_detail(*rows, &filters),
                Err(_) => EventDetail::message(
                    "detail-export-stopped",
                    &[("rows", reached.to_string()), ("filters", filters.clone())],
                ),
            };
            // Recorded either way: rows that reached the reader have left the register.
            record(&pool, &event);
            if let Err(error) = written {
                tracing::warn!(%error, "an export stopped before its end");
                writer.fail("the export stopped before its end");
            }
        });
    spawned.map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            CONTENT_DISPOSITION,
            attachment(&format!(
                "irritants-{}.{}",
                state.today(),
                format.extension()
            )),
        ))
        .streaming(body))
}

/// Records an event from a blocking thread; a failure is logged, never shown.
pub fn record(pool: &db::Pool, event: &SecurityEvent) {
    let outcome = pool.get().map_err(|e| e.to_string()).and_then(|mut conn| {
        crate::actions::security_log::record(&mut conn, event).map_err(|e| e.to_string())
    });
    if let Err(error) = outcome {
        tracing::error!(%error, kind = event.kind.code(), "the security event was not recorded");
    }
}
