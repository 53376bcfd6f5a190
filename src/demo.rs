//! The demonstration register: the publicly reported measures behind the Canada–China leaders'
//! directive of 31 October 2025, with the people who work on them, their progress updates and
//! milestones, so that a newcomer sees a living tracker at once. Compiled into the binary.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::auth::OneTimePassword;
use crate::db::{self, DbConnection, Pool, Writes};
use crate::domain::accounts::{Permission, Role};
use crate::domain::ids::PersonId;
use crate::domain::milestone::{MilestoneFields, MilestoneInput};
use crate::domain::progress::{ProgressInput, ProgressUpdate};
use crate::domain::source::{SourceDocument, SourceKind};
use crate::domain::{
    Email, IrritantFields, IrritantInput, LinkKind, Reference, ReferenceData, Status, StatusChange,
    StatusChangeInput, StatusState,
};

const IRRITANTS_CSV: &str = include_str!("../demo/irritants.csv");
/// The leaders' readout of 31 October 2025, as published (Chinese, then English).
pub const READOUT: &str = include_str!("../demo/readout-2025-10-31-canada-china.txt");

/// The day the register was opened for the directive (the first working day after it).
const OPENED_ON: (i32, u32, u32) = (2025, 11, 3);

#[derive(Debug, Deserialize)]
struct DemoRow {
    key: String,
    title: String,
    counterpart: String,
    direction: String,
    sector: String,
    hs_codes: String,
    measure_type: String,
    measure: String,
    effective_on: String,
    priority: String,
    action_holder: String,
    lead_department: String,
    target_date: String,
    related_keys: String,
    summary: String,
}

impl DemoRow {
    /// The row as the record form would hold it, owned by `owner`.
    fn input(&self, owner: &str) -> IrritantInput {
        IrritantInput {
            title: self.title.clone(),
            summary: self.summary.clone(),
            counterpart: self.counterpart.clone(),
            direction: self.direction.clone(),
            sector: self.sector.clone(),
            products: self
                .hs_codes
                .split(';')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\n"),
            measure_type: self.measure_type.clone(),
            measure: format!("{} (in force since {})", self.measure, self.effective_on),
            priority: self.priority.clone(),
            action_holder: self.action_holder.clone(),
            owner: owner.to_owned(),
            lead_department: self.lead_department.clone(),
            team: "Canada–China trade irritants task force".to_owned(),
            target_date: self.target_date.clone(),
            ..self.french()
        }
    }

    /// The row's French title and summary, where the demonstration has them.
    fn french(&self) -> IrritantInput {
        let french = FRENCH.iter().find(|(key, _, _)| *key == self.key);
        IrritantInput {
            title_translation: french.map(|f| f.1.to_owned()).unwrap_or_default(),
            summary_translation: french.map(|f| f.2.to_owned()).unwrap_or_default(),
            ..IrritantInput::default()
        }
    }
}

struct DemoPerson {
    email: &'static str,
    name: &'static str,
    department: &'static str,
    role: Role,
    /// One person per role can sign in, with a password printed at start-up.
    signs_in: bool,
}

const PEOPLE: [DemoPerson; 6] = [
    DemoPerson {
        email: "amelie.tremblay@irritrack.example",
        name: "Amélie Tremblay",
        department: "AAFC",
        role: Role::Officer,
        signs_in: true,
    },
    DemoPerson {
        email: "daniel.okafor@irritrack.example",
        name: "Daniel Okafor",
        department: "DFO",
        role: Role::Officer,
        signs_in: false,
    },
    DemoPerson {
        email: "priya.natarajan@irritrack.example",
        name: "Priya Natarajan",
        department: "FIN",
        role: Role::Viewer,
        signs_in: true,
    },
    DemoPerson {
        email: "marc-andre.gagnon@irritrack.example",
        name: "Marc-André Gagnon",
        department: "GAC",
        role: Role::Manager,
        signs_in: true,
    },
    DemoPerson {
        email: "wei.lin@irritrack.example",
        name: "Wei Lin",
        department: "GAC",
        role: Role::Admin,
        signs_in: true,
    },
    DemoPerson {
        email: "sarah.macdonald@irritrack.example",
        name: "Sarah MacDonald",
        department: "CFIA",
        role: Role::Officer,
        signs_in: false,
    },
];

/// (irritant key, quoted words, note): what the leaders' directive mandates.
const MANDATES: &[(&str, &str, &str)] = &[
    ("canola-seed", "canola", "Named in the directive."),
    ("canola-oil-meal", "canola", "Named in the directive."),
    ("seafood", "seafood", "Named in the directive."),
    ("ev-surtax", "electric vehicles", "Named in the directive."),
    (
        "peas",
        "agriculture and agri-food products",
        "Covered by the agri-food products the directive names.",
    ),
    (
        "pork",
        "agriculture and agri-food products",
        "Covered by the agri-food products the directive names.",
    ),
];

/// French renderings of some irritants' titles and summaries, by key: the demonstration shows
/// French readers both a translated irritant and an untranslated one.
const FRENCH: &[(&str, &str, &str)] = &[
    (
        "canola-seed",
        "Droits antidumping sur les graines de canola canadiennes",
        "L'enquête antidumping de la Chine sur les graines de canola du Canada, ouverte en septembre 2024, a mené à un dépôt provisoire sur les importations à partir d'août 2025. Le canola est nommé dans la directive des dirigeants.",
    ),
    (
        "seafood",
        "Droits additionnels sur le poisson et les fruits de mer canadiens",
        "Fait partie des contre-mesures du 8 mars 2025. Les fruits de mer sont nommés dans la directive des dirigeants.",
    ),
];

/// French renderings of some progress updates' texts, by irritant key and date: what was done
/// and the next steps.
const FRENCH_UPDATES: &[(&str, &str, &str, &str)] = &[(
    "canola-seed",
    "2026-01-16",
    "Les partenaires provinciaux et de l'industrie ont été informés du calendrier prolongé de l'enquête.",
    "Obtenir une rencontre au niveau des vice-ministres avant la décision définitive.",
)];

/// (irritant key, reported on, rag, what was done, next steps), oldest first.
const UPDATES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "canola-seed",
        "2025-11-07",
        "at_risk",
        "Technical call with MOFCOM's trade remedy bureau on the scope of the investigation; submission on injury analysis filed.",
        "Prepare the deputy minister's brief for the next bilateral call.",
    ),
    (
        "canola-seed",
        "2026-01-16",
        "at_risk",
        "Provincial and industry partners briefed on the extended investigation timeline.",
        "Seek a meeting at vice-minister level before the final determination.",
    ),
    (
        "canola-oil-meal",
        "2025-11-14",
        "off_track",
        "No movement on the additional tariff since the leaders' meeting; exporters report lost sales to the EU and Australia.",
        "Raise at the next Joint Economic and Trade Commission.",
    ),
    (
        "peas",
        "2025-11-21",
        "at_risk",
        "Pulse industry data on trade diversion compiled for the file.",
        "Confirm whether peas are in scope of any package discussed with China.",
    ),
    (
        "pork",
        "2025-12-05",
        "on_track",
        "CFIA and GACC officials met on plant listings; technical questions answered.",
        "Follow up on the remaining establishment listings.",
    ),
    (
        "seafood",
        "2025-11-28",
        "at_risk",
        "Sector roundtable held with Atlantic and Pacific seafood exporters.",
        "Share the list of priority species with the embassy in Beijing.",
    ),
    (
        "ev-surtax",
        "2025-11-10",
        "on_track",
        "Finance and GAC aligned on the options analysis for ministers.",
        "Complete the consultation summary.",
    ),
    (
        "steel-aluminum-surtax",
        "2025-12-12",
        "on_track",
        "Surtax remission requests reviewed; no change to the measure proposed.",
        "Report to the trade committee on remission decisions.",
    ),
];

/// (irritant key, title, due date, state, owner's e-mail).
const MILESTONES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "canola-seed",
        "Written submission on the preliminary determination",
        "2025-11-14",
        "done",
        "amelie.tremblay@irritrack.example",
    ),
    (
        "canola-seed",
        "Vice-ministerial meeting on canola",
        "2026-02-15",
        "planned",
        "marc-andre.gagnon@irritrack.example",
    ),
    (
        "canola-seed",
        "Final determination expected",
        "2026-03-09",
        "planned",
        "amelie.tremblay@irritrack.example",
    ),
    (
        "canola-oil-meal",
        "Joint Economic and Trade Commission",
        "2026-04-30",
        "planned",
        "wei.lin@irritrack.example",
    ),
    (
        "seafood",
        "Priority species list to the embassy",
        "2025-12-15",
        "in_progress",
        "daniel.okafor@irritrack.example",
    ),
    (
        "pork",
        "Remaining plant listings confirmed",
        "2026-01-31",
        "in_progress",
        "sarah.macdonald@irritrack.example",
    ),
    (
        "ev-surtax",
        "Options memorandum to ministers",
        "2025-12-19",
        "done",
        "marc-andre.gagnon@irritrack.example",
    ),
];

/// Who owns the irritants a department leads: its first person who may work on irritants, or
/// the manager where the department has none (a viewer owns nothing: they could not update it).
fn owner_for(department: &str) -> Option<&'static str> {
    let works_on = |p: &&DemoPerson| p.role.may(Permission::EditIrritants);
    PEOPLE
        .iter()
        .filter(works_on)
        .find(|p| p.department == department)
        .or_else(|| PEOPLE.iter().find(|p| p.role == Role::Manager))
        .map(|p| p.email)
}

fn date(raw: &str) -> anyhow::Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(raw, "%Y-%m-%d")?)
}

/// Gives the demonstration people who sign in fresh passwords, and returns (role, e-mail
/// address, password) for each, to be printed. Does nothing where the demonstration people were
/// never loaded, so that `--demo` cannot create accounts in a real register.
pub fn reset_demo_accounts(pool: &Pool) -> anyhow::Result<Vec<(Role, &'static str, String)>> {
    let mut conn = pool.get()?;
    let mut accounts = Vec::new();
    for person in PEOPLE.iter().filter(|p| p.signs_in) {
        let email = Email::parse(person.email).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let Ok(account) = db::accounts::find_account_by_email(&mut conn, &email) else {
            continue;
        };
        let password = OneTimePassword::generate();
        db::accounts::set_password(
            &mut conn,
            &account.id,
            &password.hash(),
            db::accounts::PasswordChange::Demo,
        )?;
        accounts.push((account.role, person.email, password.expose().to_owned()));
    }
    accounts.sort_by_key(|(role, _, _)| *role);
    Ok(accounts)
}

/// Loads the demonstration register into a database with no irritants; returns how many
/// irritants it added, or `None` when the register was not empty.
///
/// The demonstration is loaded below the action layer, in one transaction: it is data written
/// in the demonstration people's names, not changes they make, so their roles do not limit it
/// (the officers set milestones for others). Each owner is someone who may update what they own.
pub fn load(pool: &Pool) -> anyhow::Result<Option<usize>> {
    let mut conn = pool.get()?;
    db::write_transaction(&mut conn, Writes::Register, |conn| {
        // Instances started at the same moment load it once: the first holds the lock.
        db::lock_register(conn)?;
        if db::irritants::count(conn)? > 0 {
            return Ok(None);
        }
        record_people(conn)?;
        let reference_data = db::people::reference_data(conn)?;
        let plan = Plan::read(&reference_data)?;
        let references = record_irritants(conn, &plan)?;
        link_related(conn, &plan.rows, &references)?;
        for (key, update) in &plan.updates {
            if let Some((reference, actor)) = references.get(*key) {
                db::progress::add(conn, reference, update, actor)?;
            }
        }
        for (key, fields, completed) in &plan.milestones {
            if let Some((reference, actor)) = references.get(*key) {
                db::milestones::add(conn, reference, fields, *completed, actor)?;
            }
        }
        if let Some((reference, actor)) = references.get("pork") {
            let current = db::irritants::find(conn, reference)?;
            db::irritants::change_status(
                conn,
                &current,
                current.version,
                &plan.pork_listings,
                actor,
            )?;
        }
        import_readout(conn, &reference_data, &references)?;
        Ok(Some(plan.rows.len()))
    })
}

/// Records the demonstration people with their roles.
fn record_people(conn: &mut DbConnection) -> anyhow::Result<()> {
    for person in &PEOPLE {
        let id = db::people::ensure_person(
            conn,
            &Email::parse(person.email).map_err(|e| anyhow::anyhow!("{e:?}"))?,
            person.name,
            Some(person.department),
        )?;
        let change = db::accounts::AccountChange {
            role: Some(person.role),
            active: Some(true),
        };
        db::accounts::change_account(conn, &id, change)?;
    }
    Ok(())
}

fn actor_of(reference_data: &ReferenceData, email: &str) -> anyhow::Result<PersonId> {
    reference_data
        .find_person(email)
        .map(|p| p.id.clone())
        .ok_or_else(|| anyhow::anyhow!("no demo person {email}"))
}

/// The demonstration register, read and checked whole before anything is written, so that a
/// mistake in it is reported before it can leave a half-loaded register behind.
struct Plan {
    rows: Vec<DemoRow>,
    /// Each irritant's key, facts, and the id of its owner, in whose name it is recorded.
    irritants: Vec<(String, IrritantFields, PersonId)>,
    updates: Vec<(&'static str, ProgressUpdate)>,
    milestones: Vec<(&'static str, MilestoneFields, NaiveDate)>,
    /// The pork listings were settled: one irritant resolved in part shows the workflow.
    pork_listings: StatusChange,
}

impl Plan {
    fn read(reference_data: &ReferenceData) -> anyhow::Result<Self> {
        let today = chrono::Local::now().date_naive();
        let mut rows: Vec<DemoRow> = Vec::new();
        for row in csv::Reader::from_reader(IRRITANTS_CSV.as_bytes()).deserialize() {
            rows.push(row?);
        }
        let mut irritants = Vec::new();
        for row in &rows {
            let owner = owner_for(&row.lead_department).unwrap_or_default();
            let fields = row
                .input(owner)
                .parse(reference_data, today)
                .map_err(|errors| {
                    anyhow::anyhow!("demo irritant {} is invalid: {errors:?}", row.key)
                })?;
            irritants.push((row.key.clone(), fields, actor_of(reference_data, owner)?));
        }
        let mut updates = Vec::new();
        for (key, reported_on, rag, done, next_steps) in UPDATES {
            let french = FRENCH_UPDATES
                .iter()
                .find(|(k, on, _, _)| k == key && on == reported_on);
            let update = ProgressInput {
                reported_on: (*reported_on).into(),
                rag: (*rag).into(),
                done: (*done).into(),
                next_steps: (*next_steps).into(),
                done_translation: french.map(|f| f.2.to_owned()).unwrap_or_default(),
                next_steps_translation: french.map(|f| f.3.to_owned()).unwrap_or_default(),
                ..Default::default()
            }
            .parse(today)
            .map_err(|e| anyhow::anyhow!("demo update for {key}: {e:?}"))?;
            updates.push((*key, update));
        }
        let mut milestones = Vec::new();
        for (key, title, due, state, owner) in MILESTONES {
            let fields = MilestoneInput {
                title: (*title).into(),
                due_date: (*due).into(),
                owner: (*owner).into(),
                state: (*state).into(),
                reason: String::new(),
            }
            .parse(reference_data)
            .map_err(|e| anyhow::anyhow!("demo milestone for {key}: {e:?}"))?;
            milestones.push((*key, fields, date(due)?));
        }
        let pork_listings = StatusChange::parse(
            &StatusChangeInput {
                status: Status::ResolvedInPart.code().into(),
                effective_date: "2025-12-05".into(),
                note: "Plant listings restored for chilled pork (HS 0203.11); the additional tariff remains.".into(),
                summary: "Listings restored after the technical meeting".into(),
                ..Default::default()
            },
            &StatusState::opened(opened_on()),
            today,
        )
        .map_err(|e| anyhow::anyhow!("demo status: {e:?}"))?;
        Ok(Plan {
            rows,
            irritants,
            updates,
            milestones,
            pork_listings,
        })
    }
}

fn opened_on() -> NaiveDate {
    NaiveDate::from_ymd_opt(OPENED_ON.0, OPENED_ON.1, OPENED_ON.2).expect("a valid date")
}

/// Each demonstration irritant's reference and the id of the person it was recorded by, by key.
type Recorded = std::collections::HashMap<String, (Reference, PersonId)>;

fn record_irritants(conn: &mut DbConnection, plan: &Plan) -> anyhow::Result<Recorded> {
    let mut recorded = Recorded::new();
    for (key, fields, actor) in &plan.irritants {
        let reference = db::irritants::insert(conn, fields, opened_on(), actor)?.reference;
        recorded.insert(key.clone(), (reference, actor.clone()));
    }
    Ok(recorded)
}

/// A retaliation pair links their measure to ours; any other relation is `related`, once.
fn link_related(
    conn: &mut DbConnection,
    rows: &[DemoRow],
    recorded: &Recorded,
) -> anyhow::Result<()> {
    let mut linked: Vec<(&str, &str)> = Vec::new();
    for row in rows {
        for related in row.related_keys.split_whitespace() {
            let pair = if row.key.as_str() < related {
                (row.key.as_str(), related)
            } else {
                (related, row.key.as_str())
            };
            let Some(other) = rows.iter().find(|r| r.key == related) else {
                continue;
            };
            if linked.contains(&pair) {
                continue;
            }
            let (from, to, kind) = match (row.direction.as_str(), other.direction.as_str()) {
                ("their_measure", "our_measure") => (row, other, LinkKind::RetaliationFor),
                ("our_measure", "their_measure") => (other, row, LinkKind::RetaliationFor),
                _ => (row, other, LinkKind::Related),
            };
            let found = |key: &str| recorded.get(key).ok_or_else(|| anyhow::anyhow!("{key}"));
            let ((from, actor), (to, _)) = (found(&from.key)?, found(&to.key)?);
            let (from, to) = (
                db::irritants::find(conn, from)?,
                db::irritants::find(conn, to)?,
            );
            db::irritants::link(conn, &from, &to, kind, actor)?;
            linked.push(pair);
        }
    }
    Ok(())
}

/// The leaders' readout, with its directive linked to the irritants it names.
fn import_readout(
    conn: &mut DbConnection,
    reference_data: &ReferenceData,
    recorded: &Recorded,
) -> anyhow::Result<()> {
    let readout = crate::domain::readout::read(READOUT).map_err(|problem| {
        anyhow::anyhow!("the demonstration readout: {}", problem.explanation())
    })?;
    let document = SourceDocument::from_readout(&readout, SourceKind::LeadersReadout, READOUT);
    let importer = actor_of(reference_data, "wei.lin@irritrack.example")?;
    let source = db::sources::create(conn, &document, Some(&importer))?;
    // The directive names canola, seafood and electric vehicles, and covers agri-food
    // products in general.
    let directive = document
        .statements
        .iter()
        .find(|s| s.is_directive)
        .ok_or_else(|| anyhow::anyhow!("the demonstration readout has no directive"))?;
    for (key, quote, note) in MANDATES {
        if let Some((reference, actor)) = recorded.get(*key) {
            db::sources::link_statement(
                conn,
                (&source, directive.number),
                reference,
                (quote, note),
                actor,
            )?;
        }
    }
    Ok(())
}
