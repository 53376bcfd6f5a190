//! What an irritant's brief is made from, read in one snapshot so that its parts agree.

use super::{DbConnection, DbResult};
use crate::domain::brief::{MandateSource, NextMilestone};
use crate::domain::report::{ReportFacts, ReportPeriod};
use crate::domain::{Irritant, Reference, ReferenceData};

/// The irritant, its report facts over `period`, the statements that mandate it and its
/// next open milestone.
pub struct BriefReading {
    pub irritant: Irritant,
    pub facts: ReportFacts,
    pub mandates: Vec<MandateSource>,
    pub next_milestone: Option<NextMilestone>,
}

pub fn reading(
    conn: &mut DbConnection,
    people_data: &ReferenceData,
    reference: &Reference,
    period: ReportPeriod,
) -> DbResult<BriefReading> {
    super::read_snapshot(conn, |conn| {
        let irritant = super::irritants::find(conn, reference)?;
        let facts = super::reports::facts_of_irritant(conn, people_data, &irritant.id, period)?;
        let mandates = super::sources::mandates_of(conn, &irritant.id)?
            .into_iter()
            .map(|mandate| MandateSource {
                source_id: mandate.source_id,
                source_title: mandate.source_title,
                issued_on: mandate.issued_on,
                number: mandate.number,
                texts: mandate.texts,
            })
            .collect();
        // Soonest first: the first still open is the next.
        let next_milestone = super::milestones::of_irritant(conn, &irritant.id)?
            .into_iter()
            .find(|milestone| milestone.fields.state.is_open())
            .map(|milestone| NextMilestone {
                title: milestone.fields.title.as_str().to_owned(),
                due: milestone.fields.due_date.get(),
            });
        Ok(BriefReading {
            irritant,
            facts,
            mandates,
            next_milestone,
        })
    })
}
