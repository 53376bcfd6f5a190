//! The manager's dashboard on a hand-built portfolio where every figure is known in advance:
//! each headline figure, the list behind it with exactly as many irritants, the JSON, the
//! charts' numbers, where the directive stands, and the work lists.

use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use irritrack::actions::irritants::{LikelyDuplicates, Recording};
use reqwest::StatusCode;

use crate::helpers::{TestApp, email_of, spawn_app};
use crate::html::Page;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn days_ago(days: i64) -> NaiveDate {
    today() - chrono::Duration::days(days)
}

/// The first day of the fiscal year (from 1 April) that holds today.
fn fiscal_year_start() -> NaiveDate {
    let year = if today().month() >= 4 {
        today().year()
    } else {
        today().year() - 1
    };
    NaiveDate::from_ymd_opt(year, 4, 1).unwrap()
}

/// Records an irritant opened on `opened_on`, as if it had been in the register since: the
/// browser and the API open irritants today.
pub(crate) async fn opened_on(
    app: &TestApp,
    mut fields: serde_json::Value,
    opened_on: NaiveDate,
) -> String {
    // As the form sends it: the language of the text is always said.
    fields["language"]
        .as_str()
        .is_none()
        .then(|| fields["language"] = "en".into());
    let url = app.database.url().to_owned();
    tokio::task::spawn_blocking(move || {
        let (pool, _) = irritrack::db::connect(&url, 1, Duration::from_secs(5)).unwrap();
        let mut conn = pool.get().unwrap();
        let reference_data = irritrack::db::people::reference_data(&mut conn).unwrap();
        let input: irritrack::domain::IrritantInput = serde_json::from_value(fields).unwrap();
        let email = irritrack::domain::Email::parse(&email_of("manager")).unwrap();
        let account = irritrack::db::accounts::find_account_by_email(&mut conn, &email).unwrap();
        let acting = irritrack::actions::Acting {
            actor: account.actor(),
            ip: String::new(),
            today: opened_on,
            mail: false,
        };
        match irritrack::actions::irritants::record(
            &mut conn,
            &acting,
            &reference_data,
            &input,
            (None, LikelyDuplicates::Record),
        )
        .and_then(Recording::recorded)
        {
            Ok(irritrack::actions::Outcome::Saved(reference)) => reference.to_string(),
            other => panic!("the irritant was not recorded: {other:?}"),
        }
    })
    .await
    .unwrap()
}

pub(crate) async fn change_status(app: &TestApp, reference: &str, status: &str, on: NaiveDate) {
    let version = app.irritant(reference).await["version"].to_string();
    let on = on.to_string();
    let form = [
        ("version", version.as_str()),
        ("effective_date", on.as_str()),
        ("status", status),
        ("note", "Measure lifted for the lines concerned"),
    ];
    let response = app
        .post_form(&format!("/irritants/{reference}/status"), &form)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{status} on {on}");
}

async fn progress(app: &TestApp, reference: &str, rag: &str, on: NaiveDate) {
    let response = app
        .post_json(
            &format!("/api/v1/irritants/{reference}/updates"),
            &serde_json::json!({"rag": rag, "done": "Technical call", "reported_on": on.to_string()}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

/// The portfolio, and the references of the irritants that matter to the checks.
struct Portfolio {
    stale_at_risk: String,
    off_track: String,
}

async fn build(app: &TestApp) -> Portfolio {
    let manager = email_of("manager");
    let in_china = |title: &str| serde_json::json!({"title": title, "counterpart": "CN"});
    let with = |mut fields: serde_json::Value, extra: serde_json::Value| {
        for (key, value) in extra.as_object().unwrap() {
            fields[key] = value.clone();
        }
        fields
    };
    // Opened today with a target date of today: due soon, not yet overdue, not stale.
    opened_on(
        app,
        with(
            in_china("Due today"),
            serde_json::json!({"target_date": today().to_string(), "owner": manager}),
        ),
        today(),
    )
    .await;
    // No progress update in 100 days, past its target date: overdue and stale.
    opened_on(
        app,
        with(
            in_china("Forgotten"),
            serde_json::json!({"target_date": days_ago(1).to_string()}),
        ),
        days_ago(100),
    )
    .await;
    // Last update 40 days ago, at risk, no target date: stale and at risk.
    let stale_at_risk = opened_on(app, in_china("Stale and at risk"), days_ago(100)).await;
    progress(app, &stale_at_risk, "at_risk", days_ago(40)).await;
    // Updated 10 days ago, off track, due in 31 days: neither stale nor due soon.
    let off_track = opened_on(
        app,
        with(
            in_china("Off track"),
            serde_json::json!({"owner": manager, "target_date": (today() + chrono::Duration::days(31)).to_string()}),
        ),
        days_ago(100),
    )
    .await;
    progress(app, &off_track, "off_track", days_ago(10)).await;
    // Resolved on the last day of the previous fiscal year, and on the first of this one.
    let fiscal = fiscal_year_start();
    for (title, resolved_on) in [
        ("Resolved last year", fiscal - chrono::Duration::days(1)),
        ("Resolved this year", fiscal),
    ] {
        let reference = opened_on(app, in_china(title), fiscal - chrono::Duration::days(100)).await;
        change_status(app, &reference, "resolved", resolved_on).await;
    }
    // Elsewhere: resolved in part, with an overdue milestone, updated lately.
    let partly = opened_on(
        app,
        serde_json::json!({"title": "Steel surtax", "counterpart": "US", "owner": manager, "target_date": (today() + chrono::Duration::days(200)).to_string()}),
        days_ago(100),
    )
    .await;
    change_status(app, &partly, "resolved_in_part", days_ago(50)).await;
    let due = days_ago(5).to_string();
    let milestone = app
        .post_form(
            &format!("/irritants/{partly}/milestones"),
            &[
                ("title", "Quota talks"),
                ("due_date", due.as_str()),
                ("state", "planned"),
                ("owner", manager.as_str()),
            ],
        )
        .await;
    assert_eq!(milestone.status(), StatusCode::SEE_OTHER);
    progress(app, &partly, "on_track", days_ago(5)).await;
    Portfolio {
        stale_at_risk,
        off_track,
    }
}

#[tokio::test]
async fn each_figure_counts_exactly_the_irritants_of_the_list_behind_it() {
    let app = spawn_app().await;
    build(&app).await;

    let expected = [
        ("open", 4),
        ("resolved_in_part", 1),
        // Resolved on 1 April counts; on 31 March, it was last fiscal year.
        ("resolved_this_fiscal_year", 1),
        // A target date of today is not yet past; yesterday's is.
        ("overdue", 1),
        ("milestones_overdue", 1),
        // Without any update, an irritant opened today is not stale; one opened 100 days ago is.
        ("stale", 2),
        ("at_risk", 1),
        ("off_track", 1),
        // Today is within the next 30 days; in 31 days is not.
        ("due_soon", 1),
    ];
    let dashboard = app.get_json("/api/v1/dashboard").await;
    let page = app.get_text("/").await;
    let figures = dashboard["figures"].as_array().unwrap();
    assert_eq!(figures.len(), expected.len());
    for (figure, (code, count)) in figures.iter().zip(expected) {
        assert_eq!(figure["code"], code);
        assert_eq!(figure["count"], count, "{code}");
        let list = app.get_json(figure["list"].as_str().unwrap()).await;
        assert_eq!(list["total"], count, "the list behind {code}");
        let link = figure["list"]
            .as_str()
            .unwrap()
            .replace("/api/v1/irritants", "/irritants");
        let shown = format!(
            r#"<a href="{}"><span class="figure-count">{count}</span>"#,
            link.replace('&', "&amp;")
        );
        assert!(page.contains(&shown), "{code} on the page: {shown}");
        // The page behind the link lists exactly those irritants.
        let listed = app.get_text(&link).await;
        let rows = listed.matches(r#"<td><a href="/irritants/IRR-"#).count();
        assert_eq!(rows as i64, count, "rows behind {code}");
    }
    // Off track, overdue, or a late milestone; stale and at risk on a Medium priority is not.
    assert_eq!(dashboard["needs_attention"]["count"], 3);
    let behind = app
        .get_json(dashboard["needs_attention"]["list"].as_str().unwrap())
        .await;
    assert_eq!(behind["total"], 3);
    assert_eq!(
        dashboard["fiscal_year_from"],
        fiscal_year_start().to_string()
    );

    // The scope narrows every figure, and travels in the links.
    let elsewhere = app.get_json("/api/v1/dashboard?counterpart=US").await;
    let counts: Vec<i64> = elsewhere["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [0, 1, 0, 0, 1, 0, 0, 0, 0]);
    assert_eq!(
        elsewhere["figures"][1]["list"],
        "/api/v1/irritants?status=resolved_in_part&counterpart=US"
    );
    let refused = app.get("/?counterpart=Narnia").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("is not an ISO 3166 country code")
    );
}

#[tokio::test]
async fn charts_say_what_they_show_and_their_tables_hold_the_same_numbers() {
    let app = spawn_app().await;
    build(&app).await;
    let page = app.get_text("/").await;
    let charts = Page::parse(&page);
    for chart in [
        "chart-status",
        "chart-weekly",
        "chart-sector",
        "chart-department",
        "chart-holder",
        "chart-age",
    ] {
        let svg = format!(
            r#"figure#{chart} svg[aria-labelledby="{chart}-title"][aria-describedby="{chart}-desc"]"#
        );
        assert!(charts.has(&format!("{svg} title#{chart}-title")), "{chart}");
        assert!(charts.has(&format!("{svg} desc#{chart}-desc")), "{chart}");
    }
    // Open: none on track, one at risk, one off track, two without an update; four in all.
    assert_eq!(charts.chart_row("chart-status", "Open"), [0, 1, 1, 2, 4]);
    assert_eq!(
        charts.chart_row("chart-status", "Resolved"),
        [0, 0, 0, 2, 2]
    );
    assert!(page.contains("Irritants by status: Open: 4; Resolved in part: 1; Resolved: 2"));
    // The bars are drawn for the same numbers: in the Open row, one at risk and one off track,
    // each a quarter of the longest bar (four).
    for class in ["series-at-risk", "series-off-track"] {
        assert!(
            charts.has(&format!(
                r#"figure#chart-status svg rect.{class}[width="90"][height="18"]"#
            )),
            "{class}"
        );
    }
    assert_eq!(charts.chart_row("chart-age", "90 to 179 days"), [4]);
    assert_eq!(charts.chart_row("chart-age", "Under 90 days"), [1]);

    let dashboard = app.get_json("/api/v1/dashboard").await;
    let weeks = dashboard["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 52);
    let number = |week: &serde_json::Value, field: &str| week[field].as_i64().unwrap();
    // Each week ends with the week before's open irritants, plus those opened or reopened,
    // less those resolved or set aside; this one ends with the five still being worked on.
    assert_eq!(number(&weeks[51], "open_at_end"), 5);
    for pair in weeks.windows(2) {
        let (before, week) = (&pair[0], &pair[1]);
        assert_eq!(
            number(week, "open_at_end"),
            number(before, "open_at_end") + number(week, "opened")
                - number(week, "resolved")
                - number(week, "set_aside"),
            "{week}"
        );
    }
    // The irritant opened today is this week's; before it, four were open.
    assert!(number(&weeks[51], "opened") >= 1);
    let window_start: NaiveDate = weeks[0]["starts_on"].as_str().unwrap().parse().unwrap();
    let resolutions_in_window = [
        fiscal_year_start() - chrono::Duration::days(1),
        fiscal_year_start(),
    ]
    .iter()
    .filter(|day| **day >= window_start)
    .count() as i64;
    let resolved: i64 = weeks.iter().map(|w| number(w, "resolved")).sum();
    assert_eq!(resolved, resolutions_in_window);
    let this_week = weeks[51]["starts_on"].as_str().unwrap();
    assert_eq!(
        charts.chart_row("chart-weekly", this_week),
        [
            number(&weeks[51], "opened"),
            number(&weeks[51], "resolved"),
            number(&weeks[51], "set_aside"),
            5
        ]
    );
}

#[tokio::test]
async fn the_dashboard_says_where_each_directive_stands_and_what_needs_doing() {
    let app = spawn_app().await;
    let portfolio = build(&app).await;
    let readout = include_str!("../../demo/readout-2025-10-31-canada-china.txt");
    let imported = app
        .post_json("/api/v1/sources", &serde_json::json!({"text": readout}))
        .await;
    let source: serde_json::Value = imported.json().await.unwrap();
    let id = source["id"].as_str().unwrap();
    for reference in [&portfolio.stale_at_risk, &portfolio.off_track] {
        let linked = app
            .post_json(
                &format!("/api/v1/sources/{id}/statements/3/links"),
                &serde_json::json!({"reference": reference}),
            )
            .await;
        assert_eq!(linked.status(), StatusCode::CREATED);
    }
    let page = app.get_text("/").await;
    let links = Page::parse(&page).hrefs("a");
    assert!(links.contains(&format!("/sources/{id}#statement-3")));
    // The document's title is its English version's, and says so wherever it is named: on
    // the dashboard, the irritant's page and in a report, so it is read as English on a
    // French page.
    let title = source["title"].as_str().unwrap();
    let marked = format!(r#"<span lang="en">{title}</span>"#);
    assert!(page.contains(&marked), "{marked}");
    let irritant = app
        .get_text(&format!("/irritants/{}", portfolio.off_track))
        .await;
    assert!(irritant.contains(&marked));
    let report = app.get_text("/reports/progress?from=2025-01-01").await;
    assert!(report.contains(&marked));
    assert!(page.contains("2 irritants, 0 resolved, 1 at risk, 1 off track"));
    let dashboard = app.get_json("/api/v1/dashboard").await;
    assert_eq!(dashboard["directives"][0]["number"], 3);
    assert_eq!(dashboard["directives"][0]["irritants"], 2);
    // Outside the directive's counterpart it still stands, with no irritants to show.
    let elsewhere = app.get_json("/api/v1/dashboard?counterpart=US").await;
    assert_eq!(elsewhere["directives"][0]["number"], 3);
    assert_eq!(elsewhere["directives"][0]["irritants"], 0);
    let refused = app.get("/api/v1/dashboard?sector=fishing-rods").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Needs attention: the one off track, the overdue and the late milestone, most severe
    // first, each saying why.
    let parsed = Page::parse(&page);
    let see_all = parsed.texts(r#"a[href="/irritants?attention=true&sort=attention"]"#);
    assert_eq!(see_all, ["See all 3"]);
    let why = parsed.texts("section[aria-labelledby=attention-heading] td.why");
    assert_eq!(why.len(), 3, "{why:?}");
    assert!(why[0].starts_with("Off track"), "{why:?}");
    assert!(why[1].contains("Target date passed 1 day ago"), "{why:?}");
    assert!(why[2].contains("A milestone is"), "{why:?}");
    // The manager owns three irritants still being worked on, and one milestone.
    assert!(page.contains("See all 3"));
    assert!(page.contains("Quota talks"));
    // What changed lately, and who did it.
    assert!(page.contains("Changed in the last 7 days"));
    assert!(page.contains("Status changed from Open to Resolved in part"));
    // Someone who owns nothing sees that plainly.
    let officer = app.session_as("officer").await;
    let theirs = officer.get("/").await.text().await.unwrap();
    assert!(theirs.contains("You own no open irritant here."));
    assert!(theirs.contains("You own no milestone still to do here."));
}

#[tokio::test]
async fn a_long_text_in_the_history_does_not_stop_edits_or_the_dashboard() {
    // The history's dashboard index holds only openings and status changes: a 20,000-character
    // summary, recorded before and after, must not be refused for the size of an index entry.
    let app = spawn_app().await;
    let path = app
        .api_path_of_new(serde_json::json!({"title": "Long history", "counterpart": "CN"}))
        .await;
    // Text that does not compress, as an index entry would be compressed first.
    let text = |seed: u64| {
        let mut state = seed;
        (0..20_000)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + (state >> 59) as u8 % 26)
            })
            .collect::<String>()
    };
    for version in [1, 2] {
        let summary = text(version as u64);
        let response = app
            .patch_json(
                &path,
                &serde_json::json!({"version": version, "summary": summary}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let dashboard = app.get_json("/api/v1/dashboard").await;
    assert_eq!(dashboard["figures"][0]["count"], 1);
}

#[tokio::test]
async fn a_status_change_whose_status_no_longer_reads_is_reported_not_left_out() {
    // The chart of the portfolio over time counts status changes from the history: one whose
    // stored status the application does not know must fail loudly, not vanish from the counts.
    let app = spawn_app().await;
    app.create_via_api(serde_json::json!({"title": "Quota", "counterpart": "CN"}))
        .await;
    assert_eq!(app.get("/api/v1/dashboard").await.status(), StatusCode::OK);

    let (pool, _) = irritrack::db::connect(app.database.url(), 1, Duration::from_secs(5)).unwrap();
    let mut conn = pool.get().unwrap();
    // A copy of the opening entry, turned into a change to a status nobody knows.
    diesel::connection::SimpleConnection::batch_execute(
        &mut *conn,
        "INSERT INTO history (irritant_id, version, actor_id, occurred_at, kind, field, \
         before_value, after_value, effective_date, summary) \
         SELECT irritant_id, version, actor_id, occurred_at, 'status_changed', 'status', \
         'open', 'in_limbo', effective_date, '' FROM history WHERE kind = 'created'",
    )
    .expect("the entry is recorded");

    assert_eq!(
        app.get("/api/v1/dashboard").await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
}

#[tokio::test]
async fn the_weeks_changes_are_summed_up_by_kind_and_each_kind_can_be_read_in_full() {
    let app = spawn_app().await;
    let mut references = Vec::new();
    for title in [
        "Wheat grading",
        "Pulse fumigation",
        "Canola meal",
        "Lobster tariff",
    ] {
        let body =
            serde_json::json!({"title": title, "counterpart": "CN", "target_date": "2027-01-15"});
        references.push(
            app.create_via_api(body).await["reference"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let patch = |reference: &String, body: serde_json::Value| {
        let path = format!("/api/v1/irritants/{reference}");
        let app = &app;
        async move {
            let response = app.patch_json(&path, &body).await;
            assert_eq!(
                response.status(),
                StatusCode::OK,
                "{:?}",
                response.text().await
            );
        }
    };
    // Two slips, one date brought forward, one status change.
    patch(
        &references[0],
        serde_json::json!({"version": 1, "target_date": "2027-06-30", "slip_reason": "Talks postponed"}),
    )
    .await;
    patch(
        &references[1],
        serde_json::json!({"version": 1, "target_date": "2027-03-01", "slip_reason": "Talks postponed"}),
    )
    .await;
    patch(
        &references[2],
        serde_json::json!({"version": 1, "target_date": "2026-12-31"}),
    )
    .await;
    let dormant = serde_json::json!({"version": 1, "status": "dormant", "status_note": "Paused", "status_date": today().to_string()});
    patch(&references[3], dormant).await;

    let page = Page::parse(&app.get_text("/").await);
    let summary = page.texts("ul.change-summary li");
    assert_eq!(
        summary,
        [
            "4 new irritants",
            "1 status change",
            "2 target dates moved later"
        ],
        "{summary:?}"
    );
    assert_eq!(
        page.hrefs("ul.change-summary a")[2],
        "/changes?kind=target_later"
    );
    assert_eq!(page.hrefs("a[href='/changes?']").len(), 1, "see all");

    let later = Page::parse(&app.get_text("/changes?kind=target_later").await);
    assert_eq!(later.text("[role=status]"), "2 changes");
    let entries = later.texts("ol.recent-changes li");
    assert!(
        entries.iter().any(|e| e.contains(&references[0])),
        "{entries:?}"
    );
    assert!(
        entries.iter().any(|e| e.contains(&references[1])),
        "{entries:?}"
    );
    assert!(
        !entries.iter().any(|e| e.contains(&references[2])),
        "brought forward: {entries:?}"
    );

    let everything = Page::parse(&app.get_text("/changes").await);
    assert_eq!(everything.text("[role=status]"), "8 changes");
    let elsewhere = Page::parse(&app.get_text("/changes?counterpart=US").await);
    assert_eq!(elsewhere.text("[role=status]"), "0 changes");
    for refused in [
        "/changes?kind=deleted",
        "/changes?page=0",
        "/changes?sector=fishing-rods",
    ] {
        assert_eq!(
            app.get(refused).await.status(),
            StatusCode::BAD_REQUEST,
            "{refused}"
        );
    }
}
