//! The scheduler: runs the notification sweep every so often in whichever instance holds the
//! sweep's lease, so that several instances never sweep at once. (A sweep tells each event
//! once whoever runs it; the lease saves the others the work.)

use std::time::Duration;

use chrono::TimeDelta;

use crate::actions::sweep::{SweepReport, SweepRules, sweep};
use crate::config::Settings;
use crate::db::{self, Pool, Writes};

const LEASE: &str = "notification-sweep";

/// How long the lease holds: longer than a sweep takes, short enough that another instance
/// takes over soon after this one dies.
const LEASE_FOR: TimeDelta = TimeDelta::minutes(10);

/// The first sweep after start-up waits at most this long.
const FIRST_SWEEP_AFTER: Duration = Duration::from_secs(60);

pub struct Scheduler {
    pool: Pool,
    settings: Settings,
    /// Who holds the lease: this instance.
    holder: String,
}

impl Scheduler {
    pub fn new(pool: Pool, settings: &Settings) -> Self {
        Self {
            pool,
            settings: settings.clone(),
            holder: db::new_id(),
        }
    }

    /// Sweeps every so often until told to stop.
    pub fn run(self, signal: &super::StopSignal) {
        let every = Duration::from_secs(self.settings.notify.sweep_interval_seconds);
        let mut pause = every.min(FIRST_SWEEP_AFTER);
        while signal.wait(pause) {
            if let Err(error) = self.sweep_if_mine() {
                tracing::warn!(%error, "the notification sweep failed");
            }
            pause = every;
        }
    }

    fn sweep_if_mine(&self) -> anyhow::Result<()> {
        let now = chrono::Local::now().naive_local();
        if let Some(report) = sweep_once(&self.pool, &self.settings, now, &self.holder)? {
            tracing::info!(?report, "notification sweep");
        }
        Ok(())
    }
}

/// Runs one sweep judged at `as_of` (server time), as `holder`, unless another instance holds
/// the sweep's lease: what it told, or none when another is sweeping.
pub fn sweep_once(
    pool: &Pool,
    settings: &Settings,
    as_of: chrono::NaiveDateTime,
    holder: &str,
) -> anyhow::Result<Option<SweepReport>> {
    let mut conn = pool.get()?;
    let until = db::now() + LEASE_FOR;
    let mine = db::write_transaction(&mut conn, Writes::AccessRecords, |conn| {
        db::mail::take_lease(conn, LEASE, holder, until)
    })?;
    if !mine {
        return Ok(None);
    }
    let report = sweep(&mut conn, rules(settings, as_of));
    db::write_transaction(&mut conn, Writes::AccessRecords, |conn| {
        db::mail::release_lease(conn, LEASE, holder)
    })?;
    Ok(Some(
        report.map_err(|e| anyhow::anyhow!("the sweep failed: {e}"))?,
    ))
}

/// The sweep's rules under these settings, judged at `as_of` (server time).
pub fn rules(settings: &Settings, as_of: chrono::NaiveDateTime) -> SweepRules {
    SweepRules {
        as_of,
        stale_after_days: settings.register.stale_after_days,
        escalate_after_days: settings.notify.escalate_after_days,
        mail: settings.mail.enabled(),
    }
}
