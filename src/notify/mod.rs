//! Reaching people outside the request: each instance's delivery worker sends the e-mail
//! outbox, and a scheduler runs the sweep of reminders, escalations and digests, one instance
//! at a time.

pub mod mail;
pub mod scheduler;
pub mod worker;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::config::Settings;
use crate::db::{self, Pool};

/// The delivery worker and the scheduler of one instance: they stop when this is dropped,
/// with the server that owns it.
pub struct Background {
    stop: Arc<AtomicBool>,
}

impl Drop for Background {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Tells a background thread to stop.
#[derive(Clone)]
pub struct StopSignal(Arc<AtomicBool>);

impl StopSignal {
    pub fn stopped(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Waits `duration`, or less if told to stop meanwhile; whether to go on.
    pub fn wait(&self, duration: Duration) -> bool {
        let until = Instant::now() + duration;
        while !self.stopped() {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return true;
            }
            std::thread::sleep(left.min(Duration::from_millis(250)));
        }
        false
    }
}

/// Starts this instance's delivery worker (when e-mail is configured) and its scheduler (when
/// it sweeps), each on a thread of its own.
pub fn start(pool: &Pool, settings: &Settings) -> anyhow::Result<Background> {
    let stop = Arc::new(AtomicBool::new(false));
    if settings.mail.enabled() {
        let worker = worker::Worker::new(pool.clone(), settings)?;
        let signal = StopSignal(stop.clone());
        std::thread::Builder::new()
            .name("mail-delivery".into())
            .spawn(move || worker.run(&signal))?;
    }
    if settings.notify.sweep_interval_seconds > 0 {
        let scheduler = scheduler::Scheduler::new(pool.clone(), settings);
        let signal = StopSignal(stop.clone());
        std::thread::Builder::new()
            .name("notification-sweep".into())
            .spawn(move || scheduler.run(&signal))?;
    }
    Ok(Background { stop })
}

/// The key that signs unsubscribe links, the same in every instance.
pub fn unsubscribe_key(conn: &mut db::DbConnection) -> db::DbResult<String> {
    db::mail::shared_secret(conn, "unsubscribe", crate::auth::random_token)
}
