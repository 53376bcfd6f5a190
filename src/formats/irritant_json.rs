//! An irritant as JSON, in the API's form: shared by the API and by exports, so a script
//! reads the same fields from both.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{Irritant, OfficialLanguage, ReferenceData};

/// An irritant, in the register's words.
#[derive(Serialize, ToSchema)]
pub struct IrritantJson {
    #[schema(example = "IRR-2025-0007")]
    pub reference: String,
    title: String,
    summary: String,
    /// The official language `title` and `summary` are written in.
    language: OfficialLanguage,
    /// The title in the other official language; empty when none was given.
    title_translation: String,
    /// The summary in the other official language; empty when none was given.
    summary_translation: String,
    /// ISO 3166-1 alpha-2.
    #[schema(example = "CN")]
    counterpart: String,
    #[schema(example = "their_measure")]
    direction: String,
    #[schema(example = "agri-food")]
    sector: String,
    products: Vec<ProductJson>,
    #[schema(example = "anti_dumping_duty")]
    measure_type: String,
    measure: String,
    #[schema(example = "open")]
    status: String,
    status_date: NaiveDate,
    /// The part resolved, how it was resolved, or the reason for the status.
    status_note: String,
    closure_reason: Option<String>,
    #[schema(example = "leaders")]
    priority: String,
    #[schema(example = "counterpart")]
    action_holder: String,
    /// The delivery confidence of the latest progress update.
    rag: Option<String>,
    /// The owner's e-mail address.
    owner: Option<String>,
    #[schema(example = "AAFC")]
    lead_department: Option<String>,
    team: String,
    target_date: Option<NaiveDate>,
    /// The day the measure took effect.
    in_force_since: Option<NaiveDate>,
    trade_value: Option<TradeValueJson>,
    /// Send it back with a PATCH; a stale version is refused with 409.
    version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Serialize, ToSchema)]
pub struct ProductJson {
    #[schema(example = "1205.10")]
    hs_code: String,
    label: String,
}

#[derive(Serialize, ToSchema)]
pub struct TradeValueJson {
    /// Canadian dollars, as a decimal string.
    #[schema(example = "4000000000")]
    amount_cad: String,
    year: i32,
    source: String,
}

impl IrritantJson {
    pub fn new(irritant: &Irritant, reference_data: &ReferenceData) -> Self {
        let fields = &irritant.fields;
        Self {
            reference: irritant.reference.to_string(),
            title: fields.title.to_string(),
            summary: fields.summary.clone(),
            language: fields.language,
            title_translation: fields
                .title_translation
                .as_ref()
                .map(|t| t.to_string())
                .unwrap_or_default(),
            summary_translation: fields.summary_translation.clone(),
            counterpart: fields.counterpart.to_string(),
            direction: fields.direction.code().into(),
            sector: fields.sector.code().into(),
            products: fields
                .products
                .iter()
                .map(|p| ProductJson {
                    hs_code: p.hs_code.to_string(),
                    label: p.label.clone(),
                })
                .collect(),
            measure_type: fields.measure_type.code().into(),
            measure: fields.measure.clone(),
            status: irritant.status.status.code().into(),
            status_date: irritant.status.since,
            status_note: irritant.status.note.clone(),
            closure_reason: irritant.status.closure_reason.map(|r| r.code().into()),
            priority: fields.priority.code().into(),
            action_holder: fields.action_holder.code().into(),
            rag: irritant.rag.map(|r| r.code().into()),
            owner: fields
                .owner
                .as_ref()
                .and_then(|id| reference_data.person_by_id(id))
                .map(|p| p.email.to_string()),
            lead_department: fields.lead_department.clone(),
            team: fields.team.clone(),
            target_date: fields.target_date.map(|d| d.get()),
            in_force_since: fields.in_force_since.map(|d| d.get()),
            trade_value: fields.trade_value.as_ref().map(|v| TradeValueJson {
                amount_cad: v.amount_text(),
                year: v.year(),
                source: v.source().to_owned(),
            }),
            version: irritant.version,
            created_at: irritant.created_at,
            updated_at: irritant.updated_at,
        }
    }
}
