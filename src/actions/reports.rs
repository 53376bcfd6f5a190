//! Issued reports: frozen as handed out, deleted only on the record.

use super::notices::{self, Notice};
use super::security_log::record;
use super::{Acting, Outcome, Stop, in_transaction};
use crate::db::notifications::Recipients;
use crate::db::reports::IssuedSummary;
use crate::db::{self, DbConnection, Writes};
use crate::domain::accounts::{EventDetail, Permission, SecurityEventKind};
use crate::domain::ids::ReportId;
use crate::domain::notification::{FollowScope, NoticeText, NotificationKind};
use crate::domain::report::ProgressReport;
use crate::error::AppError;

/// What issuing a report came to.
#[derive(Debug)]
pub enum Issuing {
    Done(Outcome<ReportId>),
    /// Nothing was written: this issued report holds the same already.
    AlreadyIssued(IssuedSummary),
}

/// Freezes `report`, made for `scope` (the list filters that narrowed it, as a query string),
/// as issued now by the person, unless a report issued before holds exactly the same, which
/// is pointed to instead.
pub fn issue(
    conn: &mut DbConnection,
    acting: &Acting,
    report: &ProgressReport,
    scope: &str,
) -> Result<Issuing, AppError> {
    acting.require(Permission::IssueReports)?;
    let mut already = None;
    let outcome = in_transaction(conn, Writes::Register, |conn| {
        // Looked for within the transaction that would issue it, so that two people
        // confirming the same report at once do not both issue it.
        if let Some(issued) = db::reports::identical(conn, report, scope)? {
            already = Some(issued);
            return Ok(Outcome::Unchanged);
        }
        let id = db::reports::issue(conn, report, scope, &acting.actor.id)?;
        let scope_text = if scope.is_empty() { "—" } else { scope };
        let detail = EventDetail::message(
            "detail-report-issued",
            &[
                ("from", report.from.to_string()),
                ("to", report.to.to_string()),
                ("rows", report.row_count().to_string()),
                ("scope", scope_text.to_owned()),
            ],
        );
        record(
            conn,
            &acting.event(SecurityEventKind::ReportIssued, id.as_str(), detail),
        )?;
        tell_followers(conn, acting, (&id, report), scope)?;
        Ok(Outcome::Saved(id))
    })?;
    Ok(match already {
        Some(issued) => Issuing::AlreadyIssued(issued),
        None => Issuing::Done(outcome),
    })
}

/// Deletes an issued report, recording which one it was and who had issued it.
pub fn delete(
    conn: &mut DbConnection,
    acting: &Acting,
    report_id: &ReportId,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::DeleteIssuedReports)?;
    in_transaction(conn, Writes::Register, |conn| {
        let deleted = db::reports::delete_issued(conn, report_id)?;
        let detail = EventDetail::message(
            "detail-report-deleted",
            &[
                ("from", deleted.from.to_string()),
                ("to", deleted.to.to_string()),
                ("by", deleted.issued_by),
                (
                    "when",
                    deleted.issued_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                ),
            ],
        );
        record(
            conn,
            &acting.event(SecurityEventKind::ReportDeleted, report_id.as_str(), detail),
        )?;
        Ok(Outcome::Saved(()))
    })
}

/// Tells those who follow what a report covers that it was issued: the followers of its
/// department and of its counterpart, or every follower for a report on the whole register.
fn tell_followers(
    conn: &mut DbConnection,
    acting: &Acting,
    (id, report): (&ReportId, &ProgressReport),
    scope: &str,
) -> Result<(), Stop> {
    let filters: Vec<(String, String)> = serde_urlencoded::from_str(scope).unwrap_or_default();
    let mut followers = Vec::new();
    for follow in [FollowScope::Department, FollowScope::Counterpart] {
        let chosen = filters
            .iter()
            .find(|(name, value)| name == follow.code() && !value.is_empty());
        match chosen {
            Some((_, value)) => {
                followers.extend(db::notifications::followers_of(conn, follow, value)?)
            }
            None if filters.iter().all(|(_, value)| value.is_empty()) => {
                followers.extend(db::notifications::followers_of_any(conn, follow)?)
            }
            None => {}
        }
    }
    let scope_text = if scope.is_empty() { "—" } else { scope };
    let notice = Notice {
        kind: NotificationKind::ReportIssued,
        event_key: format!("report:{id}"),
        irritant: None,
        link: format!("/reports/{id}"),
        text: NoticeText::new("notify-report-issued")
            .arg("actor", &acting.actor.name)
            .arg("scope", scope_text)
            .arg("from", report.from)
            .arg("to", report.to),
        actor: Some(&acting.actor.id),
        spared: None,
        mail: acting.mail,
        at: None,
    };
    notices::tell(conn, &notice, Recipients::Named(&followers))?;
    Ok(())
}
