//! Realistic synthetic irritants for benchmarks: `irritrack generate --irritants N`. The same
//! seed gives the same register, so measurements can be repeated.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::db::bulk::{GeneratedIrritant, insert_batch};
use crate::db::{self, Pool};
use crate::domain::history::{ChangeRecord, HistoryKind};
use crate::domain::ids::PersonId;
use crate::domain::milestone::MilestoneFields;
use crate::domain::progress::{ProgressUpdate, UpdateText};
use crate::domain::{
    ActionHolder, CalendarDate, ClosureReason, CountryCode, Direction, Email, IrritantFields,
    MeasureType, MilestoneState, OfficialLanguage, Priority, Product, Rag, Sector, Status,
    StatusState, Title, TradeValue,
};

/// What a run added.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub irritants: u64,
    pub updates: u64,
    pub milestones: u64,
    pub history: u64,
}

/// A small, fast, deterministic generator (SplitMix64); statistical quality is ample here.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Picks by weight: `(value, weight)` pairs.
    fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total);
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        items[0].0
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const COUNTERPARTS: [&str; 16] = [
    "CN", "US", "IN", "JP", "KR", "EU", "MX", "BR", "ID", "VN", "AU", "GB", "TR", "SA", "PH", "CL",
];
/// Each product: its HS code, and its label in English, French and Chinese, and its sector.
const PRODUCTS: [(&str, [&str; 3], Sector); 20] = [
    (
        "1205.10",
        [
            "Low erucic acid rape or colza seeds",
            "Graines de navette ou de colza à faible teneur en acide érucique",
            "低芥酸油菜籽",
        ],
        Sector::AgriFood,
    ),
    (
        "1514",
        [
            "Rape, colza or mustard oil",
            "Huiles de navette, de colza ou de moutarde",
            "菜籽油",
        ],
        Sector::AgriFood,
    ),
    (
        "0713.10",
        ["Dried peas", "Pois secs", "干豌豆"],
        Sector::AgriFood,
    ),
    (
        "0203",
        ["Meat of swine", "Viandes de porc", "猪肉"],
        Sector::AgriFood,
    ),
    (
        "1001",
        ["Wheat and meslin", "Froment et méteil", "小麦"],
        Sector::AgriFood,
    ),
    (
        "0406",
        ["Cheese and curd", "Fromages et caillebotte", "奶酪"],
        Sector::AgriFood,
    ),
    (
        "0306.12",
        ["Frozen lobsters", "Homards congelés", "冻龙虾"],
        Sector::Fisheries,
    ),
    (
        "0303",
        ["Frozen fish", "Poissons congelés", "冻鱼"],
        Sector::Fisheries,
    ),
    (
        "1605",
        [
            "Prepared crustaceans and molluscs",
            "Crustacés et mollusques préparés",
            "甲壳动物及软体动物制品",
        ],
        Sector::Fisheries,
    ),
    (
        "4407",
        ["Sawn wood", "Bois sciés", "锯材"],
        Sector::Forestry,
    ),
    (
        "4703",
        ["Chemical wood pulp", "Pâtes chimiques de bois", "化学木浆"],
        Sector::Forestry,
    ),
    (
        "2709",
        ["Crude petroleum oils", "Huiles brutes de pétrole", "原油"],
        Sector::Energy,
    ),
    (
        "2711.11",
        [
            "Liquefied natural gas",
            "Gaz naturel liquéfié",
            "液化天然气",
        ],
        Sector::Energy,
    ),
    (
        "7208",
        [
            "Flat-rolled iron or non-alloy steel",
            "Produits laminés plats en fer ou en aciers non alliés",
            "铁或非合金钢平板轧材",
        ],
        Sector::Metals,
    ),
    (
        "7601",
        [
            "Unwrought aluminium",
            "Aluminium sous forme brute",
            "未锻轧铝",
        ],
        Sector::Metals,
    ),
    (
        "8703.80",
        [
            "Electric passenger vehicles",
            "Voitures de tourisme électriques",
            "纯电动乘用车",
        ],
        Sector::Automotive,
    ),
    (
        "8708",
        [
            "Parts of motor vehicles",
            "Parties de véhicules automobiles",
            "机动车辆零件",
        ],
        Sector::Automotive,
    ),
    (
        "8471",
        [
            "Automatic data-processing machines",
            "Machines automatiques de traitement de l'information",
            "自动数据处理设备",
        ],
        Sector::Digital,
    ),
    (
        "3004",
        [
            "Medicaments in measured doses",
            "Médicaments présentés sous forme de doses",
            "已配定剂量的药品",
        ],
        Sector::Chemicals,
    ),
    (
        "8802",
        ["Aircraft", "Aéronefs", "飞机"],
        Sector::Manufacturing,
    ),
];
/// Each kind of measure, as the title names it in English and French, and as the
/// counterpart's own notice names it in Chinese.
const MEASURES: [(MeasureType, [&str; 3]); 8] = [
    (
        MeasureType::Tariff,
        ["Additional tariff on", "Droit additionnel sur", "加征关税"],
    ),
    (MeasureType::Surtax, ["Surtax on", "Surtaxe sur", "附加税"]),
    (
        MeasureType::AntiDumpingDuty,
        ["Anti-dumping duty on", "Droit antidumping sur", "反倾销税"],
    ),
    (
        MeasureType::CountervailingDuty,
        [
            "Countervailing duty on",
            "Droit compensateur sur",
            "反补贴税",
        ],
    ),
    (
        MeasureType::SpsTbtRestriction,
        [
            "Sanitary restrictions on",
            "Restrictions sanitaires visant",
            "检疫限制",
        ],
    ),
    (
        MeasureType::ImportBan,
        [
            "Import ban on",
            "Interdiction d'importation visant",
            "进口禁令",
        ],
    ),
    (
        MeasureType::Licensing,
        [
            "Import licensing for",
            "Licences d'importation pour",
            "进口许可",
        ],
    ),
    (
        MeasureType::Other,
        [
            "Customs valuation of",
            "Évaluation en douane de",
            "海关估价",
        ],
    ),
];
const DONE: [&str; 6] = [
    "Technical call with counterpart officials on the measure's scope.",
    "Industry roundtable held; export losses quantified.",
    "Raised at the bilateral trade committee; counterpart took note.",
    "Written submission filed in the investigation.",
    "Embassy démarche delivered; reply awaited.",
    "Briefing note prepared for the minister's meeting.",
];
const NEXT: [&str; 4] = [
    "Follow up at working level within two weeks.",
    "Seek a meeting at vice-minister level.",
    "Share updated trade data with the embassy.",
    "Prepare options for escalation.",
];
const MILESTONE_TITLES: [&str; 5] = [
    "Technical consultations",
    "Written submission",
    "Ministerial meeting",
    "Final determination expected",
    "Trade committee meeting",
];

fn date_between(rng: &mut Rng, from: NaiveDate, days: i64) -> NaiveDate {
    from + Duration::days(rng.below(days.max(1) as u64) as i64)
}

fn at_noon(date: NaiveDate, rng: &mut Rng) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN) + Duration::seconds(rng.below(86_400) as i64)
}

/// Adds `count` synthetic irritants, with updates, milestones and history, in batches.
pub fn generate(pool: &Pool, count: u32, seed: u64) -> anyhow::Result<Counts> {
    let mut conn = pool.get()?;
    let mut rng = Rng(seed);
    let mut people = Vec::new();
    let departments = db::people::reference_data(&mut conn)?.departments;
    for n in 0..40 {
        let email = Email::parse(&format!("officer{n:02}@irritrack.example"))
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let department = &rng.pick(&departments).code;
        people.push(db::people::ensure_person(
            &mut conn,
            &email,
            &format!("Officer {n:02}"),
            Some(department),
        )?);
    }
    let today = chrono::Local::now().date_naive();
    let start = today - Duration::days(2 * 365);
    let mut counts = Counts::default();
    let mut batch = Vec::with_capacity(500);
    for _ in 0..count {
        batch.push(one(&mut rng, &people, &departments, start, today)?);
        if batch.len() == batch.capacity() {
            tally(&mut counts, &batch);
            insert_batch(&mut conn, chrono::Datelike::year(&today), &batch)?;
            batch.clear();
        }
    }
    tally(&mut counts, &batch);
    insert_batch(&mut conn, chrono::Datelike::year(&today), &batch)?;
    // Without fresh statistics the planner would treat the new rows as a small table.
    db::analyze(&mut conn)?;
    Ok(counts)
}

fn tally(counts: &mut Counts, batch: &[GeneratedIrritant]) {
    for generated in batch {
        counts.irritants += 1;
        counts.updates += generated.updates.len() as u64;
        counts.milestones += generated.milestones.len() as u64;
        counts.history += generated.history.len() as u64;
    }
}

/// One made-up irritant with its history, updates and milestones. The random draws happen in
/// a fixed order, so that a seed always gives the same register.
fn one(
    rng: &mut Rng,
    people: &[PersonId],
    departments: &[crate::domain::Department],
    start: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<GeneratedIrritant> {
    let drawn = Drawn::draw(rng)?;
    let opened = date_between(rng, start, (today - start).num_days());
    let created_at = at_noon(opened, rng);
    let owner = rng.chance(85).then(|| rng.pick(people).clone());
    let actor = owner.clone().unwrap_or_else(|| people[0].clone());
    let fields = drawn.fields(rng, owner.clone(), departments, opened)?;
    let status = rng.weighted(&[
        (Status::Open, 55),
        (Status::ResolvedInPart, 10),
        (Status::Resolved, 15),
        (Status::Dormant, 10),
        (Status::Closed, 10),
    ]);
    let created = ChangeRecord {
        effective_date: Some(opened),
        summary: fields.title.to_string(),
        ..ChangeRecord::new(HistoryKind::Created)
    };
    let mut story = Story {
        actor,
        opened,
        created_at,
        today,
        history: vec![],
        last: created_at,
        version: 1,
    };
    story.record(created, created_at);
    story.priority_edits(rng, fields.priority);
    let updates = story.updates(rng)?;
    let milestones = story.milestones(rng, &owner)?;
    let since = story.status_change(rng, status);
    let updated_at = story
        .history
        .iter()
        .map(|(_, _, at)| *at)
        .max()
        .unwrap_or(created_at);
    Ok(GeneratedIrritant {
        status: StatusState {
            status,
            since,
            note: match status {
                Status::Open => String::new(),
                Status::ResolvedInPart => "Some tariff lines lifted.".into(),
                Status::Resolved => "Measure withdrawn after consultations.".into(),
                Status::Dormant => "Paused while the counterpart reviews its regime.".into(),
                Status::Closed => "Recorded twice.".into(),
            },
            closure_reason: (status == Status::Closed).then_some(ClosureReason::Duplicate),
        },
        fields,
        opened_on: opened,
        created_at,
        updated_at,
        version: story.version,
        updates,
        milestones,
        history: story.history,
    })
}

fn invalid(what: &str) -> anyhow::Error {
    anyhow::anyhow!("generated {what} is invalid")
}

/// What an irritant is about: drawn first, before its dates.
struct Drawn {
    product: (&'static str, [&'static str; 3], Sector),
    measure: (MeasureType, [&'static str; 3]),
    counterpart: CountryCode,
}

impl Drawn {
    fn draw(rng: &mut Rng) -> anyhow::Result<Self> {
        let product = *rng.pick(&PRODUCTS);
        let measure = *rng.pick(&MEASURES);
        let counterpart = CountryCode::parse(rng.pick::<&str>(&COUNTERPARTS))
            .map_err(|_| invalid("counterpart"))?;
        Ok(Drawn {
            product,
            measure,
            counterpart,
        })
    }

    fn fields(
        self,
        rng: &mut Rng,
        owner: Option<PersonId>,
        departments: &[crate::domain::Department],
        opened: NaiveDate,
    ) -> anyhow::Result<IrritantFields> {
        let (
            (code, [label, label_fr, label_zh], sector),
            (measure_type, [phrase, phrase_fr, phrase_zh]),
        ) = (self.product, self.measure);
        let counterpart = self.counterpart;
        // Half the titles have a French version; Chinese measures are named as their notices
        // name them, so that searches in each language find something.
        let title_translation = rng
            .chance(50)
            .then(|| {
                Title::parse(&format!(
                    "{phrase_fr} {} en provenance du Canada ({counterpart})",
                    label_fr.to_lowercase()
                ))
            })
            .transpose()
            .map_err(|_| invalid("French title"))?;
        let rate = 5 + rng.below(96);
        Ok(IrritantFields {
            language: OfficialLanguage::English,
            title_translation,
            summary_translation: String::new(),
            title: Title::parse(&format!(
                "{phrase} {} from Canada ({})",
                label.to_lowercase(),
                counterpart
            ))
            .map_err(|_| invalid("title"))?,
            summary: format!(
                "{phrase} {} imposed by {}; exporters report lost sales.",
                label.to_lowercase(),
                counterpart.country().name_en
            ),
            counterpart,
            direction: if rng.chance(85) {
                Direction::TheirMeasure
            } else {
                Direction::OurMeasure
            },
            sector,
            products: vec![Product::new(code, label).map_err(|_| invalid("product"))?],
            measure_type,
            measure: if counterpart.as_str() == "CN" {
                format!("对原产于加拿大的{label_zh}{phrase_zh}（{rate}%）")
            } else {
                format!("{rate}% ad valorem")
            },
            in_force_since: CalendarDate::try_from(opened).ok(),
            priority: rng.weighted(&[
                (Priority::Leaders, 3),
                (Priority::High, 15),
                (Priority::Medium, 45),
                (Priority::Low, 25),
                (Priority::Watch, 12),
            ]),
            action_holder: *rng.pick(ActionHolder::ALL),
            owner,
            lead_department: rng.chance(90).then(|| rng.pick(departments).code.clone()),
            team: String::new(),
            target_date: if rng.chance(70) {
                Some(
                    CalendarDate::try_from(date_between(rng, opened, 900))
                        .map_err(|_| invalid("target date"))?,
                )
            } else {
                None
            },
            trade_value: if rng.chance(40) {
                TradeValue::from_stored(
                    rng.below(5_000_000_000) as i64 * 100,
                    2024,
                    "Statistics Canada".into(),
                )
            } else {
                None
            },
        })
    }
}

/// An irritant's history as it is made up: what happened, by whom, when, and its version.
struct Story {
    actor: PersonId,
    opened: NaiveDate,
    created_at: NaiveDateTime,
    today: NaiveDate,
    history: Vec<(ChangeRecord, PersonId, NaiveDateTime)>,
    /// When the latest edit happened.
    last: NaiveDateTime,
    version: i32,
}

impl Story {
    fn record(&mut self, change: ChangeRecord, at: NaiveDateTime) {
        self.history.push((change, self.actor.clone(), at));
    }

    /// Edits spread over the weeks after opening, never later than today: about ten history
    /// entries per irritant in all, as registers that have been worked on for years.
    fn priority_edits(&mut self, rng: &mut Rng, priority: Priority) {
        let latest = self
            .today
            .and_hms_opt(12, 0, 0)
            .expect("noon exists")
            .max(self.created_at);
        for _ in 0..rng.below(12) {
            self.last = (self.last + Duration::hours(1 + rng.below(24 * 20) as i64)).min(latest);
            let after = *rng.pick(Priority::ALL);
            let change = ChangeRecord::field_changed(
                "priority",
                Some(priority.code().into()),
                Some(after.code().into()),
            );
            self.record(change, self.last);
            self.version += 1;
        }
    }

    fn updates(&mut self, rng: &mut Rng) -> anyhow::Result<Vec<(ProgressUpdate, PersonId)>> {
        let (opened, today) = (self.opened, self.today);
        let mut updates = Vec::new();
        for _ in 0..rng.below(4) {
            let reported_on = date_between(rng, opened, (today - opened).num_days().max(1));
            let rag = rng.weighted(&[(Rag::OnTrack, 50), (Rag::AtRisk, 35), (Rag::OffTrack, 15)]);
            let update = ProgressUpdate {
                reported_on: CalendarDate::try_from(reported_on)
                    .map_err(|_| invalid("update date"))?,
                rag,
                text: UpdateText::english(rng.pick(&DONE).to_string(), rng.pick(&NEXT).to_string()),
            };
            let mut entry = ChangeRecord::new(HistoryKind::UpdateAdded);
            entry.field = Some("rag");
            entry.after = Some(rag.code().into());
            entry.effective_date = Some(reported_on);
            entry.summary = update.text.done.clone();
            let at = at_noon(reported_on, rng).max(self.created_at);
            self.record(entry, at);
            updates.push((update, self.actor.clone()));
        }
        Ok(updates)
    }

    fn milestones(
        &mut self,
        rng: &mut Rng,
        owner: &Option<PersonId>,
    ) -> anyhow::Result<Vec<MilestoneFields>> {
        let mut milestones = Vec::new();
        for _ in 0..rng.below(4) {
            let due = date_between(rng, self.opened, 700);
            let state = if due < self.today {
                rng.weighted(&[
                    (MilestoneState::Done, 70),
                    (MilestoneState::InProgress, 20),
                    (MilestoneState::Planned, 10),
                ])
            } else {
                rng.weighted(&[
                    (MilestoneState::Planned, 70),
                    (MilestoneState::InProgress, 30),
                ])
            };
            let milestone = MilestoneFields {
                title: Title::parse(rng.pick::<&str>(&MILESTONE_TITLES))
                    .map_err(|_| invalid("milestone"))?,
                due_date: CalendarDate::try_from(due).map_err(|_| invalid("milestone date"))?,
                owner: owner.clone(),
                state,
            };
            let mut entry = ChangeRecord::new(HistoryKind::MilestoneAdded);
            entry.field = Some("due_date");
            entry.after = Some(due.to_string());
            entry.summary = milestone.title.to_string();
            self.record(entry, self.created_at);
            milestones.push(milestone);
        }
        Ok(milestones)
    }

    /// Moves a new irritant to `status`, if it is not open; returns since when it has it.
    fn status_change(&mut self, rng: &mut Rng, status: Status) -> NaiveDate {
        let (opened, today) = (self.opened, self.today);
        if status == Status::Open {
            return opened;
        }
        let since = date_between(rng, opened, (today - opened).num_days().max(1));
        self.last += Duration::hours(1);
        let mut entry = ChangeRecord::new(HistoryKind::StatusChanged);
        entry.field = Some("status");
        entry.before = Some(Status::Open.code().into());
        entry.after = Some(status.code().into());
        entry.effective_date = Some(since);
        self.record(entry, self.last);
        self.version += 1;
        since
    }
}
