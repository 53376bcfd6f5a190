//! The one way into the security log. Actions that have a record write it here inside their
//! own transaction, so that the change and its record are stored together or not at all.
//! What is recorded without a change (a refused request, a failed sign-in) is appended alone.

use crate::db::{self, DbConnection, DbResult};
use crate::domain::accounts::SecurityEvent;

/// Appends `event` to the security log, in the caller's transaction if one is open.
pub fn record(conn: &mut DbConnection, event: &SecurityEvent) -> DbResult<()> {
    db::security_log::insert(conn, event)
}
