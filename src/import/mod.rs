//! Bringing an existing register in from a spreadsheet: the sheet read whatever its format
//! and encoding ([`sheet`]), its columns mapped to irritrack's fields ([`mapping`]), and every
//! row checked before any is stored ([`rows`]). Storing is the action layer's
//! (`actions::imports`).

pub mod duplicates;
pub mod mapping;
pub mod rows;
pub mod sheet;
