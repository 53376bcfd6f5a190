//! What an instance may remember between requests, valid for one generation of the register.
//!
//! Counting the irritants behind a filtered list means visiting every matching row; with
//! 100,000 irritants that costs far more than the rest of the page. Counts and the reference
//! data are therefore kept per instance, tagged with the register's generation, which every
//! committed write advances in the database itself. Reading the generation is one indexed
//! lookup, so every instance sees another's writes on its next request, and a count shown is
//! always exact for the data as of that read.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::{DbConnection, DbResult, generation};
use crate::domain::{ListFilter, ReferenceData};

/// Distinct filters remembered at most; past that the oldest generation's entries go first.
const COUNTS_MAX: usize = 1024;

#[derive(Default)]
pub struct RegisterCache {
    counts: Mutex<HashMap<String, (i64, i64)>>,
    reference_data: Mutex<Option<(i64, Arc<ReferenceData>)>>,
}

impl RegisterCache {
    /// The number of irritants matching `filter`, counted by `count` unless remembered for
    /// the current generation.
    pub fn count(
        &self,
        conn: &mut DbConnection,
        filter: &ListFilter,
        count: impl FnOnce(&mut DbConnection) -> DbResult<i64>,
    ) -> DbResult<i64> {
        let current = generation(conn)?;
        let key = selection_key(filter);
        let remembered = self
            .counts
            .lock()
            .ok()
            .and_then(|counts| counts.get(&key).copied());
        if let Some((seen, total)) = remembered
            && seen == current
        {
            return Ok(total);
        }
        let total = count(conn)?;
        if let Ok(mut counts) = self.counts.lock() {
            if counts.len() >= COUNTS_MAX {
                counts.retain(|_, (seen, _)| *seen == current);
                if counts.len() >= COUNTS_MAX {
                    counts.clear();
                }
            }
            counts.insert(key, (current, total));
        }
        Ok(total)
    }

    /// People and departments, unless remembered for the current generation.
    pub fn reference_data(&self, conn: &mut DbConnection) -> DbResult<Arc<ReferenceData>> {
        let current = generation(conn)?;
        let remembered = self
            .reference_data
            .lock()
            .ok()
            .and_then(|cached| cached.clone());
        if let Some((seen, data)) = remembered
            && seen == current
        {
            return Ok(data);
        }
        let data = Arc::new(super::people::reference_data(conn)?);
        if let Ok(mut cached) = self.reference_data.lock() {
            *cached = Some((current, Arc::clone(&data)));
        }
        Ok(data)
    }
}

/// Which irritants a filter selects, whatever their order or page.
fn selection_key(filter: &ListFilter) -> String {
    let mut selection = filter.clone();
    selection.page = 1;
    selection.sort = crate::domain::ListSort::Updated;
    format!("{selection:?}")
}
