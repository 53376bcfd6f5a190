//! Domain types and rules: no HTTP and no SQL here. A value of one of these types is valid by
//! construction; raw input becomes domain values only through the `parse` functions, which
//! report problems per field.

pub mod accounts;
pub mod bilingual;
pub mod brief;
pub mod bulk;
pub mod classification;
pub mod country;
pub mod dashboard;
pub mod dates;
pub mod duplicate;
pub mod history;
pub mod hs;
pub mod ids;
pub mod imported;
pub mod irritant;
pub mod listing;
pub mod merge;
pub mod milestone;
pub mod money;
pub mod notification;
pub mod people;
pub mod progress;
pub mod readout;
pub mod reference;
pub mod refusal;
pub mod report;
pub mod saved_view;
pub mod search;
pub mod slip;
pub mod source;
pub mod status;
pub mod text;
pub mod validation;

pub use bilingual::OfficialLanguage;
pub use classification::{
    ActionHolder, ClosureReason, Direction, LinkKind, MeasureType, MilestoneState, Priority, Rag,
    Sector,
};
pub use country::CountryCode;
pub use dates::CalendarDate;
pub use hs::{HsCode, Product};
pub use irritant::{Irritant, IrritantFields, IrritantInput};
pub use listing::{Columns, ListColumn, ListFilter, ListParams, ListSort};
pub use money::TradeValue;
pub use people::{Department, Email, Person, ReferenceData};
pub use reference::Reference;
pub use status::{Status, StatusChange, StatusChangeInput, StatusState};
pub use text::Title;
pub use validation::{FieldError, FieldErrors};
