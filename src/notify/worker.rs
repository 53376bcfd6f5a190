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
use crate::db::mail::{ClaimedMail, Failure};
use crate::db::{self, Pool, Writes};

/// Messages claimed at once.
const BATCH: i64 = 10;

pub struct Worker {
    pool: Pool,
    transport: SmtpTransport,
    public_url: String,
    from: lettre::message::Mailbox,
    poll: Duration,
    first_retry: TimeDelta,
    /// How long a claim on one message holds: longer than sending it can take (each step of
    /// the exchange has the mail server's time limit). A batch is claimed for that long, and
    /// each message's claim renewed as its turn comes: one whose claim lapsed meanwhile has
    /// gone to another worker, and is left to it.
    claim: TimeDelta,
    /// Whose claims these are: this worker's own token.
    claimant: String,
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
            claim: TimeDelta::seconds((mail.timeout_seconds * 6 + 10).try_into()?),
            claimant: db::new_id(),
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

    /// Claims one batch of due messages and tries each; how many it claimed. A connection is
    /// taken for each step and given back before talking to the mail server, which may be slow.
    pub fn deliver_due(&self) -> anyhow::Result<usize> {
        let claim = (self.claimant.as_str(), self.claim);
        let claimed =
            db::write_transaction(&mut *self.pool.get()?, Writes::AccessRecords, |conn| {
                db::mail::claim_due(conn, BATCH, claim)
            })?;
        if claimed.is_empty() {
            return Ok(0);
        }
        let composer = Composer {
            public_url: self.public_url.clone(),
            from: self.from.clone(),
            unsubscribe_key: super::unsubscribe_key(&mut *self.pool.get()?)?,
        };
        for mail in &claimed {
            let outcome = match self.prepare(&composer, mail)? {
                Prepared::Lost => continue,
                Prepared::Message(message) => {
                    self.transport
                        .send(&message)
                        .map(drop)
                        .map_err(|e| Failure {
                            reason: e.to_string(),
                            passing: true,
                        })
                }
                Prepared::Undeliverable(failure) => Err(failure),
            };
            self.record(mail, &outcome)?;
        }
        Ok(claimed.len())
    }

    /// Renews the claim on a message and makes it: lost when another worker has taken it over.
    fn prepare(&self, composer: &Composer, mail: &ClaimedMail) -> anyhow::Result<Prepared> {
        let mut conn = self.pool.get()?;
        let claim = (self.claimant.as_str(), self.claim);
        let held = db::write_transaction(&mut conn, Writes::AccessRecords, |conn| {
            db::mail::renew_claim(conn, mail, claim)
        })?;
        if !held {
            return Ok(Prepared::Lost);
        }
        let undeliverable = |reason: &str| {
            Ok(Prepared::Undeliverable(Failure {
                reason: reason.to_owned(),
                passing: false,
            }))
        };
        let recipient = db::mail::recipient(&mut conn, &mail.recipient_id)?;
        if !recipient.active {
            return undeliverable("the recipient's account is disabled");
        }
        let notices = db::notifications::of_mail(&mut conn, &mail.id)?;
        if notices.is_empty() {
            return undeliverable("the message carries no notification");
        }
        match composer.compose(mail, &recipient, &notices) {
            Ok(message) => Ok(Prepared::Message(Box::new(message))),
            Err(error) => undeliverable(&format!("the message cannot be made: {error}")),
        }
    }

    /// Records what became of a message, if this worker still holds it.
    fn record(&self, mail: &ClaimedMail, outcome: &Result<(), Failure>) -> anyhow::Result<()> {
        let claimant = self.claimant.as_str();
        let held = db::write_transaction(&mut *self.pool.get()?, Writes::AccessRecords, |conn| {
            match outcome {
                Ok(()) => db::mail::mark_sent(conn, &mail.id, claimant),
                Err(failure) => {
                    db::mail::mark_failed(conn, (mail, claimant), failure, self.first_retry)
                }
            }
        })?;
        if let Err(failure) = outcome {
            tracing::warn!(mail = %mail.id, attempt = mail.attempts, reason = %failure.reason, "an e-mail was not sent");
        }
        if !held {
            tracing::warn!(mail = %mail.id, "another worker took this e-mail over while it was being sent");
        }
        Ok(())
    }
}

/// A claimed message, ready to send or not.
enum Prepared {
    Message(Box<lettre::Message>),
    /// Another worker took it over: its claim had lapsed.
    Lost,
    Undeliverable(Failure),
}
