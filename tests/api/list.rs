use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, spawn_app, today};
use crate::html::Page;

/// Four irritants that differ in every filtered attribute.
async fn portfolio(app: &TestApp) -> [String; 4] {
    let canola = app
        .create_via_api(json!({
            "title": "Anti-dumping duties on canola seed", "counterpart": "CN", "sector": "agri-food",
            "priority": "leaders", "owner": "manager@irritrack.test", "lead_department": "AAFC",
            "target_date": "2020-03-09", "products": [{"hs_code": "1205.10", "label": "Canola seed"}]
        }))
        .await;
    let lobster = app
        .create_via_api(json!({
            "title": "Tariff on lobster", "counterpart": "US", "sector": "fisheries", "priority": "high",
            "lead_department": "DFO", "target_date": "2099-01-01"
        }))
        .await;
    let steel = app
        .create_via_api(json!({"title": "Surtax on steel", "counterpart": "CN", "sector": "metals", "priority": "low"}))
        .await;
    let pork = app
        .create_via_api(
            json!({"title": "Tariff on pork", "counterpart": "JP", "sector": "agri-food"}),
        )
        .await;
    let reference = |v: &serde_json::Value| v["reference"].as_str().unwrap().to_owned();
    let refs = [
        reference(&canola),
        reference(&lobster),
        reference(&steel),
        reference(&pork),
    ];
    let response = app
        .post_json(
            &format!("/api/v1/irritants/{}/updates", refs[1]),
            &json!({"rag": "at_risk", "done": "Raised with USTR"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = app
        .patch_json(
            &format!("/api/v1/irritants/{}", refs[2]),
            &json!({"version": 1, "status": "resolved", "status_date": today(), "status_note": "Surtax lifted"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    refs
}

fn sorted(mut references: Vec<String>) -> Vec<String> {
    references.sort();
    references
}

#[tokio::test]
async fn each_filter_narrows_the_list_to_exactly_the_matching_irritants() {
    let app = spawn_app().await;
    let [canola, lobster, steel, pork] = portfolio(&app).await;
    let cases: [(&str, Vec<&String>); 14] = [
        ("", vec![&canola, &lobster, &steel, &pork]),
        ("status=open", vec![&canola, &lobster, &pork]),
        ("status=resolved", vec![&steel]),
        ("priority=leaders", vec![&canola]),
        ("sector=agri-food", vec![&canola, &pork]),
        ("counterpart=cn", vec![&canola, &steel]),
        ("owner=manager@irritrack.test", vec![&canola]),
        ("owner=none", vec![&lobster, &steel, &pork]),
        ("department=DFO", vec![&lobster]),
        ("department=none", vec![&steel, &pork]),
        ("rag=at_risk", vec![&lobster]),
        ("rag=none", vec![&canola, &steel, &pork]),
        ("overdue=true", vec![&canola]),
        ("q=CANOLA+seed", vec![&canola]),
    ];
    for (query, expected) in cases {
        let expected = sorted(expected.into_iter().cloned().collect());
        assert_eq!(sorted(app.listed(query).await), expected, "?{query}");
        assert_eq!(
            app.get_json(&format!("/api/v1/irritants?{query}")).await["total"],
            expected.len(),
            "total for ?{query}"
        );
    }
    let page = app
        .get_text("/irritants?sector=agri-food&status=open")
        .await;
    assert!(page.contains(&canola) && page.contains(&pork) && !page.contains(&lobster));
    assert!(page.contains("Showing 1–2 of 2 irritants"));
}

#[tokio::test]
async fn search_finds_product_codes_and_treats_wildcards_as_text() {
    let app = spawn_app().await;
    let [canola, ..] = portfolio(&app).await;
    assert_eq!(app.listed("q=1205.10").await, vec![canola]);
    assert!(
        app.listed("q=%25").await.is_empty(),
        "a bare % matches nothing literal"
    );
    assert!(app.listed("q=_").await.is_empty());
}

#[tokio::test]
async fn sorting_orders_the_list_as_asked() {
    let app = spawn_app().await;
    let [canola, lobster, steel, pork] = portfolio(&app).await;
    assert_eq!(
        app.listed("sort=target_date").await[..2],
        [canola.clone(), lobster.clone()],
        "soonest first, none last"
    );
    assert_eq!(app.listed("sort=priority").await[0], canola);
    assert_eq!(
        app.listed("sort=title").await,
        vec![canola.clone(), steel.clone(), lobster.clone(), pork.clone()]
    );
    assert_eq!(
        app.listed("sort=updated").await[0],
        steel,
        "most recently changed first"
    );
}

#[tokio::test]
async fn the_list_pages_through_many_irritants_keeping_the_filters() {
    let app = spawn_app().await;
    for n in 0..55 {
        app.create_via_api(json!({"title": format!("Irritant number {n}"), "counterpart": "CN"}))
            .await;
    }
    let first = app.get_text("/irritants?counterpart=CN").await;
    assert!(first.contains("Showing 1–50 of 55 irritants") && first.contains("Page 1 of 2"));
    assert!(first.contains(r#"href="/irritants?counterpart=CN&amp;page=2""#));
    let second = app
        .get_json("/api/v1/irritants?counterpart=CN&page=2")
        .await;
    assert_eq!(second["items"].as_array().unwrap().len(), 5);
    assert_eq!(second["page"], 2);
    let past = app.get_text("/irritants?page=9").await;
    assert!(past.contains("This page is past the end of the list."));
}

#[tokio::test]
async fn unknown_filter_values_are_explained_not_ignored() {
    let app = spawn_app().await;
    let response = app
        .get("/irritants?status=finished&counterpart=XX&page=0")
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.unwrap();
    assert!(page.contains("Choose one of the listed values."));
    assert!(page.contains("“XX” is not an ISO 3166 country code"));
    assert!(page.contains("Give a page number of 1 or more."));
    let response = app.get("/api/v1/irritants?rag=green").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_input");
    assert!(body["error"]["fields"]["rag"].is_string());
}

#[tokio::test]
async fn the_filter_form_shows_filters_however_they_were_written() {
    let app = spawn_app().await;
    portfolio(&app).await;
    let page = app
        .get_text(
            "/irritants?owner=Manager%40Irritrack.Test&department=aafc&overdue=yes&counterpart=cn",
        )
        .await;
    let form = Page::parse(&page);
    assert_eq!(form.selected("", "department").as_deref(), Some("AAFC"));
    assert_eq!(form.selected("", "overdue").as_deref(), Some("true"));
    assert!(page.contains(r#"name="counterpart" value="CN""#));
    assert!(
        page.matches(" selected>Mina Manager</option>").count() == 1,
        "the owner is selected"
    );
    assert!(page.contains("Showing 1–1 of 1 irritants"));
}

#[tokio::test]
async fn the_list_names_its_filters_each_removable_and_takes_counterparts_by_name() {
    let app = spawn_app().await;
    let [canola, _, steel, _] = portfolio(&app).await;
    for named in ["China", "chine", "China%20(CN)"] {
        let found = app.listed(&format!("counterpart={named}")).await;
        assert_eq!(
            sorted(found),
            sorted(vec![canola.clone(), steel.clone()]),
            "{named}"
        );
    }
    let refused = app.get("/irritants?counterpart=Atlantis").await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

    let page = Page::parse(
        &app.get_text("/irritants?counterpart=China&priority=leaders&sort=title")
            .await,
    );
    let chips = page.texts(".active-filters a");
    assert_eq!(chips.len(), 2, "{chips:?}");
    assert!(chips[0].contains("Priority: Leaders"), "{chips:?}");
    assert!(chips[1].contains("Counterpart: China (CN)"), "{chips:?}");
    assert_eq!(
        page.hrefs(".active-filters a"),
        [
            "/irritants?counterpart=CN&sort=title",
            "/irritants?priority=leaders&sort=title"
        ]
    );
    // Rarely used filters wait behind "More filters", open when one is in force.
    assert!(page.has("details.more-filters:not([open]) select[name=stale]"));
    let stale = Page::parse(&app.get_text("/irritants?stale=true").await);
    assert!(stale.has("details.more-filters[open]"));
    assert!(page.has("datalist#counterparts option[value='China (CN)']"));
}

#[tokio::test]
async fn a_long_list_offers_page_numbers() {
    let app = spawn_app().await;
    for n in 0..160 {
        app.create_via_api(json!({"title": format!("Irritant number {n}"), "counterpart": "CN"}))
            .await;
    }
    let page = Page::parse(&app.get_text("/irritants?page=3&sort=title").await);
    let numbers = page.texts(".pagination ol li");
    assert_eq!(numbers, ["1", "2", "3", "4"], "160 irritants, 50 a page");
    assert_eq!(
        page.attributes(".pagination a[aria-current=page]", "href"),
        ["/irritants?sort=title&page=3"]
    );
}

#[tokio::test]
async fn the_columns_chosen_are_shown_in_one_order_and_kept_by_the_page_links() {
    let app = spawn_app().await;
    for n in 0..60 {
        app.create_via_api(
            json!({"title": format!("Levy number {n}"), "counterpart": "CN", "sector": "metals"}),
        )
        .await;
    }
    let default = Page::parse(&app.get_text("/irritants").await);
    let headers = default.texts("table.irritants th");
    assert_eq!(headers.len(), 10, "{headers:?}");
    assert!(headers.iter().any(|h| h == "Target resolution date"));
    assert!(default.has("input[name=columns][value=target_date][checked]"));
    assert!(!default.has("input[name=columns][value=sector][checked]"));

    // Ticked in the filter form: each column its own parameter, in any order.
    let chosen = Page::parse(
        &app.get_text("/irritants?columns=last_activity&columns=sector&columns=status")
            .await,
    );
    let headers = chosen.texts("table.irritants th");
    let after_the_box = &headers[1..];
    assert_eq!(
        after_the_box,
        ["Reference", "Title", "Sector", "Status", "Last activity"]
    );
    let first_row = chosen.texts("table.irritants tbody tr:first-child td");
    assert_eq!(first_row[3], "Metals", "{first_row:?}");
    assert!(chosen.has("input[name=columns][value=sector][checked]"));
    assert!(!chosen.has("input[name=columns][value=target_date][checked]"));
    assert_eq!(
        chosen.attributes(".pagination a[rel=next]", "href"),
        ["/irritants?columns=sector%2Cstatus%2Clast_activity&page=2"]
    );
    // Chosen columns are not a filter in force.
    assert!(!chosen.has(".active-filters"));

    let refused = app.get("/irritants?columns=status,secret").await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let page = Page::parse(&refused.text().await.unwrap());
    assert!(
        page.text("#field-columns .error-message")
            .contains("There is no column “secret”")
    );
    assert!(page.has("details.column-choice[open]"));
}

/// The references whose search text holds every word, read from every row, the texts as
/// they were before the line of short Chinese runs was added to them: what the list found
/// before searches went through indexes.
async fn found_by_reading_every_text(app: &TestApp, q: &str) -> Vec<String> {
    use diesel::prelude::*;
    use irritrack::db::schema::irritants;
    use irritrack::domain::search::stored_search_text;
    let words = irritrack::domain::listing::search_words(q).expect("a search");
    let url = app.database.url().to_owned();
    tokio::task::spawn_blocking(move || {
        let (pool, _) = irritrack::db::connect(&url, 1, std::time::Duration::from_secs(5)).unwrap();
        let mut conn = pool.get().unwrap();
        let texts: Vec<(String, String)> = irritants::table
            .select((irritants::reference, irritants::search_text))
            .load(&mut conn)
            .unwrap();
        let found = texts.into_iter().filter_map(|(reference, stored)| {
            let text = match stored.rsplit_once('\n') {
                Some((text, _)) if stored_search_text(text) == stored => text.to_owned(),
                _ => stored,
            };
            words
                .iter()
                .all(|word| text.contains(word.as_str()))
                .then_some(reference)
        });
        sorted(found.collect())
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn searches_through_the_indexes_find_what_reading_every_text_finds() {
    let app = spawn_app().await;
    let texts = [
        (
            "Anti-dumping duties on canola seed",
            "加拿大油菜籽反倾销调查",
        ),
        (
            "Droits antidumping sur le canola",
            "Le « dumping » présumé; 關稅 et quotas",
        ),
        (
            "Seafood import ban",
            "暂停进口加拿大海产品, cn海产品 *NEAR(a b)* AND OR",
        ),
        (
            "Surtax on steel",
            "A 25% surtax_on \"flat\" steel \\ products; col:umn ^caret",
        ),
        ("Tariff on EV", "电动汽车 税 ev"),
    ];
    for (title, summary) in texts {
        app.create_via_api(json!({"title": title, "counterpart": "CN", "summary": summary}))
            .await;
    }
    let queries = [
        "canola",
        "CANOLA seed",
        "dumping",
        "présumé",
        "油菜籽",
        "加拿大油",
        "关税",
        "關稅",
        "税",
        "關",
        "海产品",
        "cn海",
        "海",
        "ev",
        "e",
        "25%",
        "%",
        "_",
        "surtax_on",
        "\"flat\"",
        "\"",
        "\"\"",
        "*",
        "*near(a",
        "near(a b)*",
        "AND",
        "OR",
        "NOT",
        "col:umn",
        "^caret",
        "\\",
        "'",
        "a b",
        "-dumping",
        "duties -canola",
        "汽车 ev",
        "nowhere",
    ];
    let check = |q: &'static str| {
        let app = &app;
        async move {
            let query = serde_urlencoded::to_string([("q", q)]).unwrap();
            let found = sorted(app.listed(&query).await);
            assert_eq!(found, found_by_reading_every_text(app, q).await, "q={q}");
        }
    };
    for q in queries {
        check(q).await;
    }
    // Some of them find something, so that the comparison means something.
    assert_eq!(app.listed("q=%E5%85%B3%E7%A8%8E").await.len(), 1, "关税");
    assert_eq!(app.listed("q=canola").await.len(), 2);

    // Text changed or taken away since it was indexed is found as it now stands.
    let seafood = app.listed("q=seafood").await.remove(0);
    let path = format!("/api/v1/irritants/{seafood}");
    let version = app.irritant(&seafood).await["version"].clone();
    let response = app
        .patch_json(
            &path,
            &json!({"version": version, "title": "Shellfish import ban", "summary": ""}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    for q in ["seafood", "海产品", "海", "shellfish", "cn海"] {
        check(q).await;
    }
    assert!(app.listed("q=seafood").await.is_empty());
    assert!(app.listed("q=%E6%B5%B7").await.is_empty(), "海, taken away");
    assert_eq!(app.listed("q=shellfish").await, vec![seafood]);
}

#[tokio::test]
async fn the_sqlite_search_index_stays_paired_with_its_irritants_through_removal_and_vacuum() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    if !app.database.url().starts_with("sqlite:") {
        return; // The FTS5 tables are SQLite's; PostgreSQL's indexes live in the table.
    }
    let mut references = Vec::new();
    for title in ["Duties on barley", "Duties on oats", "Duties on rye"] {
        let created = app
            .create_via_api(json!({"title": title, "counterpart": "CN", "summary": "大麦 燕麦"}))
            .await;
        references.push(created["reference"].as_str().unwrap().to_owned());
    }
    let url = app.database.url().to_owned();
    let oats = references[1].clone();
    tokio::task::spawn_blocking(move || {
        let (pool, _) = irritrack::db::connect(&url, 1, std::time::Duration::from_secs(5)).unwrap();
        let mut conn = pool.get().unwrap();
        // A row removed (its history left behind: it is append-only) leaves a gap in the
        // rowids that VACUUM could close; the index must still name the right irritants.
        conn.batch_execute(&format!(
            "PRAGMA foreign_keys = OFF; \
             DELETE FROM irritants WHERE reference = '{oats}'; \
             PRAGMA foreign_keys = ON; VACUUM; \
             INSERT INTO irritant_search (irritant_search, rank) VALUES ('integrity-check', 1); \
             INSERT INTO irritant_search_words (irritant_search_words, rank) VALUES ('integrity-check', 1);"
        ))
        .unwrap();
    })
    .await
    .unwrap();
    assert!(app.listed("q=oats").await.is_empty());
    assert_eq!(app.listed("q=rye").await, vec![references[2].clone()]);
    assert_eq!(app.listed("q=%E7%87%95").await.len(), 2, "燕");
}

#[tokio::test]
async fn generated_irritants_are_found_by_search_in_each_language() {
    let app = spawn_app().await;
    let (ok, printed) =
        crate::cli::irritrack(app.database.url(), &["generate", "--irritants", "600"], "");
    assert!(ok, "{printed}");
    let total = |query: &str| {
        let app = &app;
        let query = query.to_owned();
        async move { app.get_json(&format!("/api/v1/irritants?{query}")).await["total"].clone() }
    };
    // Generated in batches of 500: both batches are indexed.
    assert_eq!(total("q=canada").await, 600);
    let chinese = total("counterpart=CN").await;
    assert!(chinese.as_i64().unwrap() > 0);
    for q in ["%E5%8A%A0%E6%8B%BF%E5%A4%A7", "%E6%8B%BF%E5%A4%A7"] {
        assert_eq!(total(&format!("q={q}")).await, chinese, "加拿大, 拿大");
    }
    let french = total("q=en+provenance+du").await.as_i64().unwrap();
    assert!(
        french > 150 && french < 450,
        "about half in French: {french}"
    );
}

#[tokio::test]
async fn control_characters_in_a_search_are_refused_as_bad_input() {
    let app = spawn_app().await;
    portfolio(&app).await;
    // As any filter the API cannot read; the pages show the form with the field's problem.
    let cases = [
        (
            "/api/v1/irritants?q=ab%00cd",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("/irritants?q=%00", StatusCode::BAD_REQUEST),
        ("/search?q=canola%00", StatusCode::BAD_REQUEST),
    ];
    for (path, status) in cases {
        assert_eq!(app.get(path).await.status(), status, "{path}");
    }
}

#[tokio::test]
async fn postgresql_answers_searches_from_its_indexes() {
    use diesel::prelude::*;
    let app = spawn_app().await;
    if !app.database.url().starts_with("postgres") {
        return; // SQLite's FTS5 tables are named in the query itself.
    }
    #[derive(QueryableByName)]
    struct PlanLine {
        #[diesel(sql_type = diesel::sql_types::Text, column_name = "QUERY PLAN")]
        line: String,
    }
    let url = app.database.url().to_owned();
    tokio::task::spawn_blocking(move || {
        let mut conn = diesel::PgConnection::establish(&url).unwrap();
        diesel::sql_query("SET enable_seqscan = off")
            .execute(&mut conn)
            .unwrap();
        // The conditions as the search writes them (src/db/search.rs).
        for (condition, index) in [
            (
                r"irritants.search_text LIKE '%canola%' ESCAPE '\'",
                "irritants_search_trigrams",
            ),
            (
                r"string_to_array(split_part(irritants.search_text, E'\n', -1), ' ') @> ARRAY['关税'::text]",
                "irritants_search_short_runs",
            ),
        ] {
            let plan: Vec<PlanLine> =
                diesel::sql_query(format!("EXPLAIN SELECT id FROM irritants WHERE {condition}"))
                    .load(&mut conn)
                    .unwrap();
            let plan: String = plan.into_iter().map(|l| l.line + "\n").collect();
            assert!(plan.contains(index), "{condition}:\n{plan}");
        }
    })
    .await
    .unwrap();
}
