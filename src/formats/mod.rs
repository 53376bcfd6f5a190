//! Data written out for other programs: spreadsheets (CSV and XLSX), Word documents (DOCX),
//! the JSON of an irritant, and calendars (iCalendar). No HTTP and no SQL: each writer takes
//! rows and a `Write`, or lays out text and gives the file's bytes.

pub mod calendar;
pub mod docx;
pub mod irritant_json;
pub mod table;
