//! The delivery worker: claims due messages from the outbox, sends each over SMTP, and records
//! what became of it. A message is claimed for a while before it is sent: another instance
//! takes it only if this one dies first, so a message is sent twice only when this process
//! dies after the mail server accepted it and before its row was marked sent; the second copy
//! then carries the same `Message-ID`.

use std::time::Duration;

use chrono::TimeDelta;
use lettre::{SmtpTransport, Transport};

use super::mail::Composer;
use crate::config::Settings;
use crate::db::mail::ClaimedMail;
use crate::db::{self, DbConnection, Pool, Writes};

/// Messages claimed at once.
const BATCH: i64 = 10;

pub struct Worker {
    pool: Pool,
    transport: SmtpTransport,
    public_url: String,
    from: lettre::message::Mailbox,
    poll: Duration,
    first_retry: TimeDelta,
    /// How long a claim holds: longer than sending a batch can take, each message within the
    /// mail server's time limit.
    claim: TimeDelta,
}

impl Worker {
    pub fn new(pool: Pool, settings: &Settings) -> anyhow::Result<Self> {
        let mail = &settings.mail;
        let transport = SmtpTransport::from_url(mail.smtp_url.trim())?
            .timeout(Some(Duration::from_secs(mail.timeout_seconds)))
            .build();
        Ok(Self {
            pool,
            transport,
            public_url: settings.server.public_url.clone(),
            from: mail.from.parse()?,
            poll: Duration::from_millis(mail.poll_interval_ms),
            first_retry: TimeDelta::seconds(mail.first_retry_seconds.try_into()?),
            claim: TimeDelta::seconds((mail.timeout_seconds * BATCH as u64 + 10).try_into()?),
        })
    }

    /// Delivers until told to stop, pausing when nothing is due.
    pub fn run(self, signal: &super::StopSignal) {
        while !signal.stopped() {
            match self.deliver_due() {
                Ok(claimed) if claimed > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "the delivery worker could not run"),
            }
            signal.wait(self.poll);
        }
    }

    /// Claims one batch of due messages and tries each; how many it claimed.
    pub fn deliver_due(&self) -> anyhow::Result<usize> {
        let mut conn = self.pool.get()?;
        let claimed = db::write_transaction(&mut conn, Writes::AccessRecords, |conn| {
            db::mail::claim_due(conn, BATCH, self.claim)
        })?;
        if claimed.is_empty() {
            return Ok(0);
        }
        let composer = Composer {
            public_url: self.public_url.clone(),
            from: self.from.clone(),
            unsubscribe_key: super::unsubscribe_key(&mut conn)?,
        };
        for mail in &claimed {
            let outcome = self.deliver(&mut conn, &composer, mail);
            let recorded =
                db::write_transaction(&mut conn, Writes::AccessRecords, |conn| match &outcome {
                    Ok(()) => db::mail::mark_sent(conn, &mail.id),
                    Err(reason) => db::mail::mark_failed(conn, mail, reason, self.first_retry),
                });
            if let Err(reason) = &outcome {
                tracing::warn!(mail = %mail.id, attempt = mail.attempts, %reason, "an e-mail was not sent");
            }
            // Unrecorded, the claim lapses and the message is tried again.
            if let Err(error) = recorded {
                tracing::error!(mail = %mail.id, %error, "what became of an e-mail was not recorded");
            }
        }
        Ok(claimed.len())
    }

    /// Sends one message; why not, if it was not sent.
    fn deliver(
        &self,
        conn: &mut DbConnection,
        composer: &Composer,
        mail: &ClaimedMail,
    ) -> Result<(), String> {
        let recipient = db::mail::recipient(conn, &mail.recipient_id).map_err(|e| e.to_string())?;
        if !recipient.active {
            return Err("the recipient's account is disabled".to_owned());
        }
        let notices = db::notifications::of_mail(conn, &mail.id).map_err(|e| e.to_string())?;
        if notices.is_empty() {
            return Err("the message carries no notification".to_owned());
        }
        let message = composer
            .compose(mail, &recipient, &notices)
            .map_err(|e| format!("the message cannot be made: {e}"))?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
