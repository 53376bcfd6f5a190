//! Data written out for other programs: spreadsheets (CSV and XLSX), the JSON of an irritant,
//! and calendars (iCalendar). No HTTP and no SQL: each writer takes rows and a `Write`.

pub mod calendar;
pub mod irritant_json;
pub mod table;
