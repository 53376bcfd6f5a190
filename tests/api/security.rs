//! Sign-in, roles and the defences a government web application is tested for.

use reqwest::StatusCode;

use crate::helpers::{
    PASSWORD, ROLES, TestApp, canola, client, create_token, email_of, hidden, sign_in,
    sign_in_from, spawn_app, spawn_app_with, start_server,
};

/// A page route: method, path, the form it is sent, and the least role that may use it.
type PageRoute<'a> = (&'a str, String, &'a [(&'a str, &'a str)], &'a str);

/// The id of the first milestone edit link on a milestones page.
fn first_milestone_id(page: &str) -> String {
    page.split("/milestones/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a milestone link")
        .to_owned()
}

/// The id of the account with this name on the accounts page.
fn account_id(users_page: &str, name: &str) -> String {
    users_page
        .split("/admin/users/")
        .map(|rest| rest.split('"').next().unwrap())
        .find(|id| users_page.contains(&format!(r#"/admin/users/{id}">{name}<"#)))
        .unwrap_or_else(|| panic!("{name} is listed"))
        .to_owned()
}

/// An account for the admin routes to act on, so that they disturb no test account.
async fn spare_account_id(app: &TestApp) -> String {
    let admin = app.session_as("admin").await;
    let response = admin
        .post_form(
            "/admin/users",
            &[
                ("email", "spare@irritrack.test"),
                ("name", "Spare Account"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let page = admin.get("/admin/users").await.text().await.unwrap();
    account_id(&page, "Spare Account")
}

/// What a permitted request may get back: the page, a redirect after a change, or the form
/// again with its problems (the test sends deliberately incomplete forms), or a conflict for
/// a stale version; never a refusal, a missing page or a failure.
fn is_allowed_answer(status: StatusCode) -> bool {
    status.is_success()
        || status == StatusCode::SEE_OTHER
        || status == StatusCode::UNPROCESSABLE_ENTITY
        || status == StatusCode::CONFLICT
}

#[tokio::test]
async fn every_route_answers_each_role_as_its_permissions_say() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let r = format!("/irritants/{reference}");
    let added = app
        .post_form(
            &format!("{r}/milestones"),
            &[
                ("title", "Technical talks"),
                ("due_date", "2026-12-15"),
                ("state", "planned"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let milestones = app.get_text(&format!("{r}/milestones")).await;
    let m = format!("{r}/milestones/{}", first_milestone_id(&milestones));
    let account = format!("/admin/users/{}", spare_account_id(&app).await);
    let readout = include_str!("../../demo/readout-2025-10-31-canada-china.txt");
    let imported = app
        .post_json("/api/v1/sources", &serde_json::json!({"text": readout}))
        .await;
    assert_eq!(imported.status(), StatusCode::CREATED);
    let source_id = imported.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let s = format!("/sources/{source_id}");
    let no_text: &[(&str, &str)] = &[("text", "")];
    let no_reference: &[(&str, &str)] = &[("reference", "")];

    let issued = app
        .post_form(
            "/reports/issue",
            &[
                ("from", "2026-01-01"),
                ("to", "2026-01-31"),
                ("confirmed", "true"),
            ],
        )
        .await;
    assert_eq!(issued.status(), StatusCode::SEE_OTHER);
    let report = issued.headers()["location"].to_str().unwrap().to_owned();

    // (method, path, form, the least role that may)
    let bad_form: &[(&str, &str)] = &[("title", "")];
    let stale_edit: &[(&str, &str)] = &[("title", ""), ("version", "1")];
    let pages: Vec<PageRoute> = vec![
        ("GET", "/".into(), &[], "viewer"),
        ("GET", "/irritants".into(), &[], "viewer"),
        ("GET", "/irritants/new".into(), &[], "officer"),
        ("POST", "/irritants".into(), bad_form, "officer"),
        ("GET", r.clone(), &[], "viewer"),
        ("GET", format!("{r}/edit"), &[], "officer"),
        ("POST", format!("{r}/edit"), stale_edit, "officer"),
        ("GET", format!("{r}/status"), &[], "officer"),
        ("POST", format!("{r}/status"), stale_edit, "officer"),
        ("GET", format!("{r}/updates"), &[], "officer"),
        ("POST", format!("{r}/updates"), bad_form, "officer"),
        ("GET", format!("{r}/milestones"), &[], "viewer"),
        ("POST", format!("{r}/milestones"), bad_form, "officer"),
        ("GET", m.clone(), &[], "officer"),
        ("POST", m.clone(), stale_edit, "officer"),
        ("GET", format!("{r}/history"), &[], "viewer"),
        ("GET", "/account/password".into(), &[], "viewer"),
        ("POST", "/account/password".into(), bad_form, "viewer"),
        ("GET", "/account/tokens".into(), &[], "viewer"),
        ("POST", "/account/tokens".into(), bad_form, "viewer"),
        ("GET", "/admin/departments".into(), &[], "manager"),
        ("POST", "/admin/departments".into(), bad_form, "manager"),
        (
            "POST",
            "/admin/departments/AAFC".into(),
            bad_form,
            "manager",
        ),
        ("GET", "/admin/users".into(), &[], "admin"),
        ("POST", "/admin/users".into(), bad_form, "admin"),
        ("GET", account.clone(), &[], "admin"),
        (
            "POST",
            account.clone(),
            &[("role", "viewer"), ("active", "on")],
            "admin",
        ),
        ("POST", format!("{account}/password"), &[], "admin"),
        ("GET", "/admin/security".into(), &[], "admin"),
        ("GET", "/search?q=canola".into(), &[], "viewer"),
        ("GET", "/exports/irritants.csv".into(), &[], "viewer"),
        ("GET", "/reports".into(), &[], "viewer"),
        ("GET", "/account/calendar".into(), &[], "viewer"),
        ("POST", "/account/calendar/revoke".into(), &[], "viewer"),
        (
            "GET",
            "/reports/progress?from=2026-01-01".into(),
            &[],
            "viewer",
        ),
        ("POST", "/reports/issue".into(), &[("from", "x")], "officer"),
        ("GET", report.clone(), &[], "viewer"),
        ("POST", format!("{report}/delete"), &[], "admin"),
        ("POST", format!("{r}/links"), &[("linked", "")], "officer"),
        (
            "POST",
            format!("{r}/links/IRR-2020-0001/remove"),
            &[],
            "officer",
        ),
        ("GET", "/sources".into(), &[], "viewer"),
        ("GET", "/sources/new".into(), &[], "officer"),
        ("POST", "/sources/preview".into(), no_text, "officer"),
        ("POST", "/sources".into(), no_text, "officer"),
        ("GET", s.clone(), &[], "viewer"),
        ("GET", format!("{s}/edit"), &[], "officer"),
        ("POST", format!("{s}/edit"), bad_form, "officer"),
        ("POST", format!("{s}/remove"), &[], "officer"),
        (
            "POST",
            format!("{s}/statements/3/links"),
            no_reference,
            "officer",
        ),
        (
            "POST",
            format!("{s}/statements/3/links/{reference}/remove"),
            &[],
            "officer",
        ),
        (
            "POST",
            format!("{s}/statements/3/directive"),
            &[("directive", "yes")],
            "officer",
        ),
    ];
    let api = format!("/api/v1/irritants/{reference}");
    let api_calls: Vec<(&str, String, &str)> = vec![
        ("GET", "/api/v1/irritants".into(), "viewer"),
        ("POST", "/api/v1/irritants".into(), "officer"),
        ("GET", api.clone(), "viewer"),
        ("PATCH", api.clone(), "officer"),
        ("GET", format!("{api}/updates"), "viewer"),
        ("POST", format!("{api}/updates"), "officer"),
        ("GET", "/api/v1/openapi.json".into(), "viewer"),
        ("GET", "/api/v1/sources".into(), "viewer"),
        ("POST", "/api/v1/sources".into(), "officer"),
        ("GET", format!("/api/v1{s}"), "viewer"),
        ("POST", format!("/api/v1{s}/statements/3/links"), "officer"),
    ];
    let rank = |role: &str| ROLES.iter().position(|r| *r == role).unwrap();

    for role in ROLES {
        let session = app.session_as(role).await;
        let token = create_token(app.database.url(), role).await;
        for (method, path, form, least) in &pages {
            let response = match *method {
                "GET" => session.get(path).await,
                _ => session.post_form(path, form).await,
            };
            let status = response.status();
            // Removing a link that is not there is allowed, and finds nothing.
            let nothing_to_remove = path.ends_with("/remove") && status == StatusCode::NOT_FOUND;
            if rank(role) >= rank(least) {
                assert!(
                    is_allowed_answer(status) || nothing_to_remove,
                    "{role} may {method} {path}, got {status}"
                );
                let location = response.headers().get("location");
                assert!(
                    location.is_none_or(|l| !l.to_str().unwrap().starts_with("/login")),
                    "{role} stays signed in after {method} {path}"
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{role} may not {method} {path}"
                );
                let page = response.text().await.unwrap();
                assert!(page.contains("You do not have permission"), "{page}");
            }
        }
        for (method, path, least) in &api_calls {
            let request = match *method {
                "GET" => app.client.get(app.url(path)),
                "POST" if path.ends_with("/links") => app
                    .client
                    .post(app.url(path))
                    .json(&serde_json::json!({"reference": ""})),
                "POST" if path.ends_with("/sources") => app
                    .client
                    .post(app.url(path))
                    .json(&serde_json::json!({"text": ""})),
                "POST" if path.ends_with("/updates") => app
                    .client
                    .post(app.url(path))
                    .json(&serde_json::json!({"rag": "on_track", "done": "Call"})),
                "POST" => app
                    .client
                    .post(app.url(path))
                    .json(&serde_json::json!({"title": "Seafood", "counterpart": "CN"})),
                _ => app
                    .client
                    .patch(app.url(path))
                    .json(&serde_json::json!({"version": 999, "team": "x"})),
            };
            let status = request.bearer_auth(&token).send().await.unwrap().status();
            if rank(role) >= rank(least) {
                assert!(
                    is_allowed_answer(status),
                    "{role} may {method} {path}, got {status}"
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{role} may not {method} {path}"
                );
            }
        }
    }
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_sign_in_and_scripts_get_401() {
    let app = spawn_app().await;
    let anonymous = client();
    let response = anonymous
        .get(app.url("/irritants?status=open"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        "/login?next=%2Firritants%3Fstatus%3Dopen"
    );
    for path in ["/admin/users", "/irritants/IRR-2025-0001", "/no-such-page"] {
        let response = anonymous.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
    }
    let response = anonymous
        .get(app.url("/api/v1/irritants"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
    let response = anonymous
        .get(app.url("/api/v1/irritants"))
        .bearer_auth("irt_not-a-real-token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // The health check stays open for load balancers.
    let health = anonymous.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let icon = anonymous.get(app.url("/favicon.ico")).send().await.unwrap();
    assert_eq!(icon.status(), StatusCode::NO_CONTENT);

    // After signing in, the browser goes back to the page it asked for.
    let form = anonymous.get(app.url("/login")).send().await.unwrap();
    let csrf = hidden(&form.text().await.unwrap(), "csrf");
    let response = anonymous
        .post(app.url("/login"))
        .form(&[
            ("email", email_of("viewer").as_str()),
            ("password", PASSWORD),
            ("csrf", &csrf),
            ("next", "/irritants?status=open"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/irritants?status=open");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn sign_in_failures_get_one_generic_message_and_are_logged() {
    let app = spawn_app().await;
    let wrong_password = sign_in(&app.address, &email_of("officer"), "not the password")
        .await
        .err()
        .expect("refused");
    assert_eq!(wrong_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let first = wrong_password.text().await.unwrap();
    let no_account = sign_in(&app.address, "nobody@irritrack.test", PASSWORD)
        .await
        .err()
        .expect("refused");
    let second = no_account.text().await.unwrap();
    let message = "The e-mail address or password is not right";
    assert!(first.contains(message) && second.contains(message));
    assert!(
        first.contains(r#"value="officer@irritrack.test""#),
        "the e-mail address is kept"
    );
    assert!(
        !first.contains("not the password"),
        "the password is never shown again"
    );

    let admin = app.session_as("admin").await;
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(log.contains("Sign-in failed"));
    assert!(log.contains("nobody@irritrack.test"));
    assert!(log.contains("Signed in"));
    assert!(!log.contains(PASSWORD) && !log.contains("not the password"));
}

#[tokio::test]
async fn repeated_failures_are_refused_for_a_while_then_counted_per_account() {
    let app = spawn_app_with(|settings| settings.security.account_lockout_after = 3).await;
    for _ in 0..3 {
        let refused = sign_in(&app.address, &email_of("officer"), "wrong guess one")
            .await
            .err()
            .expect("refused");
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right password is refused now, until the window has passed.
    let locked = sign_in(&app.address, &email_of("officer"), PASSWORD)
        .await
        .err()
        .expect("refused");
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15 * 60).contains(&retry_after), "{retry_after}");
    assert!(
        locked
            .text()
            .await
            .unwrap()
            .contains("Too many failed attempts")
    );
    // Someone else signing in from the same address is not affected.
    assert!(
        sign_in(&app.address, &email_of("viewer"), PASSWORD)
            .await
            .is_ok()
    );
    let admin = app.session_as("admin").await;
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(log.contains("Sign-in refused (too many failures)"));
}

#[tokio::test]
async fn simultaneous_guesses_cannot_pass_the_limit_together() {
    let app = spawn_app_with(|settings| settings.security.account_lockout_after = 3).await;
    let guesses: Vec<_> = (0..12)
        .map(|n| {
            let address = app.address.clone();
            tokio::spawn(async move {
                let guess = format!("wrong guess {n}");
                sign_in(&address, &email_of("officer"), &guess)
                    .await
                    .err()
                    .expect("refused")
                    .status()
            })
        })
        .collect();
    let mut checked = 0;
    for guess in guesses {
        let status = guess.await.unwrap();
        assert!(
            status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::TOO_MANY_REQUESTS,
            "{status}"
        );
        checked += usize::from(status == StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert!(
        checked <= 3,
        "{checked} passwords were checked, the limit is 3"
    );
    // Every failure was counted: exactly as many more guesses are checked as the limit leaves.
    for _ in checked..3 {
        let refused = sign_in(&app.address, &email_of("officer"), "one more wrong guess")
            .await
            .err()
            .unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let refused = sign_in(&app.address, &email_of("officer"), PASSWORD)
        .await
        .err()
        .unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn guessing_from_elsewhere_never_locks_the_holder_out() {
    let app = spawn_app_with(|settings| {
        settings.security.account_lockout_after = 3;
        settings.security.client_ip_header = "X-Forwarded-For".to_owned();
    })
    .await;
    let attacker = Some("198.51.100.66");
    for _ in 0..3 {
        let refused = sign_in_from(&app.address, &email_of("officer"), "a guess", attacker)
            .await
            .err()
            .unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let refused = sign_in_from(&app.address, &email_of("officer"), "a guess", attacker)
        .await
        .err()
        .unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    // A client cannot dodge the limit by writing an address of its own in front.
    let dodge = Some("203.0.113.1, 198.51.100.66");
    let refused = sign_in_from(&app.address, &email_of("officer"), "a guess", dodge)
        .await
        .err()
        .unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    // The officer, at their own desk, signs in.
    let officer = Some("203.0.113.25");
    assert!(
        sign_in_from(&app.address, &email_of("officer"), PASSWORD, officer)
            .await
            .is_ok()
    );
    // The refusal is logged once, not once per refused attempt.
    let admin = app.session_as("admin").await;
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert_eq!(
        log.matches("Sign-in refused (too many failures)").count(),
        1
    );
}

#[tokio::test]
async fn too_many_failures_from_one_address_are_refused_across_accounts() {
    let app = spawn_app_with(|settings| settings.security.address_lockout_after = 4).await;
    for n in 0..4 {
        let email = format!("guess{n}@irritrack.test");
        assert!(sign_in(&app.address, &email, "wrong").await.is_err());
    }
    let refused = sign_in(&app.address, &email_of("viewer"), PASSWORD)
        .await
        .err()
        .expect("refused");
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn forms_need_the_session_token_and_must_come_from_this_site() {
    let app = spawn_app().await;
    let post = |fields: Vec<(&'static str, String)>| {
        app.client.post(app.url("/irritants")).form(&fields).send()
    };
    let fields = |csrf: &str| {
        let mut fields: Vec<(&'static str, String)> = canola()
            .into_iter()
            .map(|(k, v)| (k, v.to_owned()))
            .collect();
        if !csrf.is_empty() {
            fields.push(("csrf", csrf.to_owned()));
        }
        fields
    };
    // A form with the right token, sent as another site's page would send it.
    let with_header = |name: &'static str, value: &'static str| {
        let request = app
            .client
            .post(app.url("/irritants"))
            .header(name, value)
            .form(&fields(&app.csrf));
        async move { request.send().await.unwrap() }
    };
    for refused in [
        post(fields("")).await.unwrap(),
        post(fields("0000")).await.unwrap(),
        with_header("sec-fetch-site", "cross-site").await,
        with_header("origin", "https://attacker.example").await,
        with_header("sec-fetch-site", "same-site").await,
        with_header("origin", "null").await,
    ] {
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    assert!(app.listed("").await.is_empty(), "nothing was stored");
    // A form from the app's own page passes.
    let response = app
        .client
        .post(app.url("/irritants"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.address.as_str())
        .form(&fields(&app.csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The sign-in form is protected the same way, before there is a session.
    let stranger = client();
    let response = stranger
        .post(app.url("/login"))
        .form(&[
            ("email", email_of("viewer").as_str()),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // A browser session cannot change anything through the API: that needs a token.
    let response = app
        .client
        .post(app.url("/api/v1/irritants"))
        .json(&serde_json::json!({"title": "Seafood", "counterpart": "CN"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signing_out_ends_the_session_and_a_replayed_cookie_is_refused() {
    let app = spawn_app().await;
    let kept = app.session_as("officer").await;
    let leaving = app.session_as("officer").await;
    // An attacker who copied the cookie replays it after the owner signed out.
    let copied = leaving.cookie.clone();
    let replay = || {
        client()
            .get(app.url("/irritants"))
            .header("cookie", copied.as_str())
            .send()
    };
    assert_eq!(replay().await.unwrap().status(), StatusCode::OK);
    let response = leaving.post_form("/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?reason=signed_out");
    let replayed = replay().await.unwrap();
    assert_eq!(replayed.status(), StatusCode::SEE_OTHER);
    assert!(
        replayed.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
    // The same person's other session is untouched.
    assert_eq!(kept.get("/irritants").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_in_again_replaces_the_session_id() {
    let app = spawn_app().await;
    // Someone plants a session cookie in a browser (session fixation), then its owner signs in
    // with that browser: the planted id must not become a signed-in session.
    let planted = app.session_as("viewer").await;
    let browser = client();
    let form = browser
        .get(app.url("/login"))
        .header("cookie", planted.cookie.as_str())
        .send()
        .await
        .unwrap();
    let csrf = hidden(&form.text().await.unwrap(), "csrf");
    let sign_in_cookie = format!("irritrack-sign-in={csrf}");
    let response = browser
        .post(app.url("/login"))
        .header("cookie", format!("{}; {sign_in_cookie}", planted.cookie))
        .form(&[
            ("email", email_of("officer").as_str()),
            ("password", PASSWORD),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let issued = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("irritrack-session="))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_owned();
    assert_ne!(issued, planted.cookie, "a new id is issued");
    let old = client()
        .get(app.url("/irritants"))
        .header("cookie", planted.cookie.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::SEE_OTHER, "the planted id ends");
}

#[tokio::test]
async fn a_revoked_token_stops_working_at_once() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let response = officer
        .post_form("/account/tokens", &[("name", "Weekly export")])
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let page = response.text().await.unwrap();
    let token = page
        .split(r#"<code class="secret">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the new token is shown once")
        .to_owned();
    let call = || {
        client()
            .get(app.url("/api/v1/irritants"))
            .bearer_auth(&token)
            .send()
    };
    assert_eq!(call().await.unwrap().status(), StatusCode::OK);
    let listing = officer.get("/account/tokens").await.text().await.unwrap();
    assert!(listing.contains("Weekly export"));
    assert!(!listing.contains(&token), "a token is shown only once");
    let revoke = listing
        .split(r#"action="/account/tokens/"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a revoke form")
        .to_owned();
    let response = officer
        .post_form(&format!("/account/tokens/{revoke}"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(call().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // Nobody sees or revokes someone else's tokens.
    let response = officer
        .post_form("/account/tokens", &[("name", "Second")])
        .await;
    let page = response.text().await.unwrap();
    let second = page
        .split(r#"<code class="secret">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap()
        .to_owned();
    let listing = officer.get("/account/tokens").await.text().await.unwrap();
    let second_id = listing
        .split(r#"action="/account/tokens/"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let manager_page = app.get_text("/account/tokens").await;
    assert!(!manager_page.contains("Weekly export") && !manager_page.contains("Second"));
    let response = app
        .post_form(&format!("/account/tokens/{second_id}"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let still = client()
        .get(app.url("/api/v1/irritants"))
        .bearer_auth(&second)
        .send()
        .await
        .unwrap();
    assert_eq!(still.status(), StatusCode::OK);
}

#[tokio::test]
async fn sessions_hold_across_two_instances_on_one_database() {
    let app = spawn_app().await;
    let other = start_server(app.database.url()).await;
    let officer = app.session_as("officer").await;
    // Cookies are kept per host: the same browser reaches the other instance signed in.
    let on_other = officer
        .client
        .get(format!("{other}/irritants"))
        .send()
        .await
        .unwrap();
    assert_eq!(on_other.status(), StatusCode::OK);
    let mut form = crate::helpers::with(canola(), &[]);
    form.push(("csrf", &officer.csrf));
    let created = officer
        .client
        .post(format!("{other}/irritants"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        created.status(),
        StatusCode::SEE_OTHER,
        "the form token holds there too"
    );
    // Signing out on one instance ends the session on the other.
    let sign_out = [("csrf", officer.csrf.as_str())];
    let response = officer
        .client
        .post(format!("{other}/logout"))
        .form(&sign_out)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        officer.get("/irritants").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_one_time_password_must_be_replaced_before_anything_else() {
    let app = spawn_app().await;
    let admin = app.session_as("admin").await;
    let response = admin
        .post_form(
            "/admin/users",
            &[
                ("email", "Nadia.Roy@irritrack.test"),
                ("name", "Nadia Roy"),
                ("department_code", "GAC"),
                ("role", "officer"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let page = response.text().await.unwrap();
    let password = page
        .split(r#"<code class="secret">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the one-time password is shown")
        .to_owned();
    let again = admin.post_form(
        "/admin/users",
        &[
            ("email", "nadia.roy@irritrack.test"),
            ("name", "Nadia"),
            ("role", "viewer"),
        ],
    );
    let again = again.await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text().await.unwrap().contains("exists already"));

    let nadia = sign_in(&app.address, "nadia.roy@irritrack.test", &password)
        .await
        .unwrap_or_else(|_| panic!("signs in with the one-time password"));
    let response = nadia.get("/irritants").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/account/password");
    for (new, confirm, problem) in [
        (
            password.as_str(),
            password.as_str(),
            "different from your current one",
        ),
        ("password1234", "password1234", "too common"),
        ("short", "short", "at least 12"),
        (
            "harbour kettle violet 43",
            "harbour kettle violet 44",
            "not the same",
        ),
    ] {
        let response = nadia
            .post_form(
                "/account/password",
                &[
                    ("current_password", &password),
                    ("new_password", new),
                    ("confirm_password", confirm),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            response.text().await.unwrap().contains(problem),
            "{problem}"
        );
    }
    let response = nadia
        .post_form(
            "/account/password",
            &[
                ("current_password", &password),
                ("new_password", "lantern orchard copper 7"),
                ("confirm_password", "lantern orchard copper 7"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(nadia.get("/irritants").await.status(), StatusCode::OK);
    assert!(
        sign_in(&app.address, "nadia.roy@irritrack.test", &password)
            .await
            .is_err()
    );
    assert!(
        sign_in(
            &app.address,
            "nadia.roy@irritrack.test",
            "lantern orchard copper 7"
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn the_last_administrator_cannot_be_removed_and_role_changes_are_logged() {
    let app = spawn_app().await;
    let admin = app.session_as("admin").await;
    let users = admin.get("/admin/users").await.text().await.unwrap();
    let (admin_id, manager_id) = (
        account_id(&users, "Ada Admin"),
        account_id(&users, "Mina Manager"),
    );
    let demote_self = admin
        .post_form(
            &format!("/admin/users/{admin_id}"),
            &[("role", "manager"), ("active", "on")],
        )
        .await;
    assert_eq!(demote_self.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        demote_self
            .text()
            .await
            .unwrap()
            .contains("at least one active administrator")
    );
    let disable_self = admin
        .post_form(&format!("/admin/users/{admin_id}"), &[("role", "admin")])
        .await;
    assert_eq!(disable_self.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let promote = admin
        .post_form(
            &format!("/admin/users/{manager_id}"),
            &[("role", "admin"), ("active", "on")],
        )
        .await;
    assert_eq!(promote.status(), StatusCode::SEE_OTHER);
    // The promotion takes effect on the manager's existing session at once.
    assert_eq!(app.get("/admin/users").await.status(), StatusCode::OK);
    let demote_self = admin
        .post_form(
            &format!("/admin/users/{admin_id}"),
            &[("role", "manager"), ("active", "on")],
        )
        .await;
    assert_eq!(demote_self.status(), StatusCode::SEE_OTHER);
    let log = app.get_text("/admin/security").await;
    assert!(log.contains("Role changed"));
    assert!(log.contains("Manager → Administrator") && log.contains("Administrator → Manager"));
}

#[tokio::test]
async fn a_disabled_or_reset_account_s_calendar_address_stops_for_good() {
    let app = spawn_app().await;
    let admin = app.session_as("admin").await;
    let users = admin.get("/admin/users").await.text().await.unwrap();
    let officer_id = account_id(&users, "Olu Officer");
    let feed_of = |page: String| {
        let address = page
            .split("<code class=\"secret\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .expect("the new address")
            .replace("&amp;", "&");
        address[address.find("/calendar.ics").unwrap()..].to_owned()
    };
    let feed_status = |path: String| {
        let url = app.url(&path);
        async move { client().get(url).send().await.unwrap().status() }
    };

    let officer = app.session_as("officer").await;
    let page = officer
        .post_form("/account/calendar", &[])
        .await
        .text()
        .await
        .unwrap();
    let feed = feed_of(page);
    assert_eq!(feed_status(feed.clone()).await, StatusCode::OK);
    let disable: &[(&str, &str)] = &[("role", "officer")];
    let enable: &[(&str, &str)] = &[("role", "officer"), ("active", "on")];
    for change in [disable, enable] {
        let response = admin
            .post_form(&format!("/admin/users/{officer_id}"), change)
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(
        feed_status(feed).await,
        StatusCode::NOT_FOUND,
        "disabled, then enabled again"
    );

    let officer = app.session_as("officer").await;
    let page = officer
        .post_form("/account/calendar", &[])
        .await
        .text()
        .await
        .unwrap();
    let feed = feed_of(page);
    let reset = admin
        .post_form(&format!("/admin/users/{officer_id}/password"), &[])
        .await;
    assert_eq!(reset.status(), StatusCode::OK);
    assert_eq!(
        feed_status(feed).await,
        StatusCode::NOT_FOUND,
        "after a password reset"
    );
}

#[tokio::test]
async fn a_disabled_account_is_out_at_once_sessions_and_tokens_alike() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let owned = crate::helpers::with(canola(), &[("owner", "officer@irritrack.test")]);
    let response = officer.post_form("/irritants", &owned).await;
    let reference = crate::helpers::reference_from(&response);
    let token = create_token(app.database.url(), "officer").await;
    let admin = app.session_as("admin").await;
    let users = admin.get("/admin/users").await.text().await.unwrap();
    let officer_id = account_id(&users, "Olu Officer");
    let response = admin
        .post_form(
            &format!("/admin/users/{officer_id}"),
            &[("role", "officer")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        officer.get("/irritants").await.status(),
        StatusCode::SEE_OTHER
    );
    let api = client()
        .get(app.url("/api/v1/irritants"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    let refused = sign_in(&app.address, &email_of("officer"), PASSWORD)
        .await
        .err()
        .expect("refused");
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("The e-mail address or password is not right")
    );
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(log.contains("Account disabled"));

    // What the disabled officer owned stays theirs, and stays editable by others.
    let page = app.get_text(&format!("/irritants/{reference}")).await;
    assert!(page.contains("Olu Officer"));
    let response = app
        .post_form(
            &format!("/irritants/{reference}/edit"),
            &crate::helpers::with(
                canola(),
                &[
                    ("version", "1"),
                    ("owner", &officer_id),
                    ("team", "Oilseeds"),
                ],
            ),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // But nothing new can be given to them.
    let response = app
        .post_form(
            "/irritants",
            &crate::helpers::with(
                canola(),
                &[("owner", "officer@irritrack.test"), ("distinct", "true")],
            ),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("account is disabled")
    );
}

#[tokio::test]
async fn officers_take_irritants_on_but_only_managers_assign_them_to_others() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let to_manager = crate::helpers::with(canola(), &[("owner", "manager@irritrack.test")]);
    let response = officer.post_form("/irritants", &to_manager).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Only a manager can make someone else the owner"));
    assert!(
        page.contains("Provisional deposit of 75.8%"),
        "the input is kept"
    );

    let to_self = crate::helpers::with(canola(), &[("owner", "officer@irritrack.test")]);
    let response = officer.post_form("/irritants", &to_self).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let reference = crate::helpers::reference_from(&response);

    let token = create_token(app.database.url(), "officer").await;
    let response = client()
        .patch(app.url(&format!("/api/v1/irritants/{reference}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"version": 1, "owner": "viewer@irritrack.test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body["error"]["fields"]["owner"].is_string());
    // The same rule holds for milestones.
    let milestones = format!("/irritants/{reference}/milestones");
    let milestone = |owner: &'static str| {
        [
            ("title", "Technical talks"),
            ("due_date", "2026-12-15"),
            ("state", "planned"),
            ("owner", owner),
        ]
    };
    let response = officer
        .post_form(&milestones, &milestone("manager@irritrack.test"))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Only a manager"));
    let response = officer
        .post_form(&milestones, &milestone("officer@irritrack.test"))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // A manager assigns it.
    let response = app
        .patch_json(
            &format!("/api/v1/irritants/{reference}"),
            &serde_json::json!({"version": 1, "owner": "viewer@irritrack.test"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn changes_are_attributed_to_whoever_made_them() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let response = officer.post_form("/irritants", &canola()).await;
    let reference = crate::helpers::reference_from(&response);
    let token = create_token(app.database.url(), "officer").await;
    let update = client()
        .post(app.url(&format!("/api/v1/irritants/{reference}/updates")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"rag": "at_risk", "done": "Raised at the JETCO"}))
        .send()
        .await
        .unwrap();
    assert_eq!(update.status(), StatusCode::CREATED);
    let body: serde_json::Value = update.json().await.unwrap();
    assert_eq!(body["author"], "Olu Officer");
    let response = app
        .post_form(
            &format!("/irritants/{reference}/edit"),
            &crate::helpers::with(canola(), &[("version", "1"), ("team", "Oilseeds")]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(history.contains("Olu Officer"), "the officer recorded it");
    assert!(history.contains("Mina Manager"), "the manager edited it");
}

#[tokio::test]
async fn hostile_text_is_shown_as_text_in_every_language() {
    let app = spawn_app().await;
    let hostile = [
        r#"<script>alert("canola")</script>"#,
        r#"Préférence "tarifaire" <img src=x onerror=alert(1)> & 'quotes'"#,
        r#"油菜籽反倾销 <script>alert('关税')</script>"#,
    ];
    let created = app
        .create_via_api(serde_json::json!({
            "title": hostile[0], "summary": hostile[1], "measure": hostile[2],
            "counterpart": "CN", "team": "\"><svg onload=alert(1)>",
        }))
        .await;
    let reference = created["reference"].as_str().unwrap().to_owned();
    let admin = app.session_as("admin").await;
    let response = admin
        .post_form(
            "/admin/users",
            &[
                ("email", "hostile@irritrack.test"),
                ("name", r#"<b onmouseover="x">Zoë 王</b>"#),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    // What anyone can type at the sign-in page reaches administrators in the security log.
    assert!(
        sign_in(&app.address, "<script>x</script>@evil.example", "pw")
            .await
            .is_err()
    );
    let response = admin
        .post_form(
            "/account/tokens",
            &[("name", "<img src=x onerror=alert(2)>")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let pages = [
        app.get_text("/irritants").await,
        app.get_text(&format!("/irritants/{reference}")).await,
        app.get_text(&format!("/irritants/{reference}/edit")).await,
        app.get_text(&format!("/irritants/{reference}/history"))
            .await,
        admin.get("/admin/users").await.text().await.unwrap(),
        admin.get("/admin/security").await.text().await.unwrap(),
        admin.get("/account/tokens").await.text().await.unwrap(),
    ];
    for page in &pages {
        for raw in ["<script>", "<img src=x", "<svg onload", "<b onmouseover"] {
            assert!(!page.contains(raw), "{raw} reached a page unescaped");
        }
    }
    assert!(pages[1].contains("&lt;script&gt;alert(&quot;canola&quot;)&lt;/script&gt;"));
    assert!(pages[1].contains("油菜籽反倾销 &lt;script&gt;"));
    assert!(pages[1].contains("Préférence &quot;tarifaire&quot;"));
    assert!(pages[4].contains("&lt;b onmouseover=&quot;x&quot;&gt;Zoë 王&lt;/b&gt;"));
    // The API returns the text exactly as given.
    assert_eq!(app.irritant(&reference).await["title"], hostile[0]);
}

fn assert_security_headers(response: &reqwest::Response, what: &str) {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .unwrap_or_else(|| panic!("{what} lacks {name}"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    let policy = header("content-security-policy");
    assert!(policy.contains("default-src 'none'"), "{what}: {policy}");
    assert!(
        policy.contains("frame-ancestors 'none'"),
        "{what}: {policy}"
    );
    assert!(
        policy.contains("script-src 'self';") && !policy.contains("unsafe"),
        "{what}: only the application's own script file runs: {policy}"
    );
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("referrer-policy"), "same-origin", "{what}");
    assert_eq!(header("x-frame-options"), "DENY", "{what}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let anonymous = client();
    let responses = [
        (app.get("/irritants").await, "a page"),
        (app.get("/api/v1/irritants").await, "the API"),
        (app.get("/irritants/IRR-2025-9999").await, "a 404 page"),
        (
            app.get("/api/v1/irritants/IRR-2025-9999").await,
            "an API error",
        ),
        (
            anonymous.get(app.url("/login")).send().await.unwrap(),
            "sign-in",
        ),
        (
            anonymous.get(app.url("/irritants")).send().await.unwrap(),
            "a redirect",
        ),
        (
            anonymous
                .get(app.url("/api/v1/irritants"))
                .send()
                .await
                .unwrap(),
            "a 401",
        ),
        (
            app.session_as("viewer").await.get("/irritants/new").await,
            "a 403",
        ),
        (
            app.client
                .post(app.url("/irritants"))
                .header("sec-fetch-site", "cross-site")
                .form(&[("csrf", app.csrf.as_str())])
                .send()
                .await
                .unwrap(),
            "a cross-site refusal",
        ),
        (app.post_form("/irritants", &[]).await, "a refused form"),
        (
            app.client
                .post(app.url("/irritants"))
                .form(&[("title", "no token")])
                .send()
                .await
                .unwrap(),
            "a CSRF refusal",
        ),
    ];
    for (response, what) in &responses {
        assert_security_headers(response, what);
        assert!(
            response
                .headers()
                .get("strict-transport-security")
                .is_none()
        );
    }
    assert_eq!(responses[0].0.headers()["cache-control"], "no-store");
    let (cross_site, _) = &responses[8];
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let locked = spawn_app_with(|settings| settings.security.account_lockout_after = 1).await;
    assert!(
        sign_in(&locked.address, &email_of("viewer"), "wrong")
            .await
            .is_err()
    );
    let too_many = sign_in(&locked.address, &email_of("viewer"), PASSWORD)
        .await
        .err()
        .expect("refused");
    assert_eq!(too_many.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_security_headers(&too_many, "a 429");

    let behind_tls = spawn_app_with(|settings| {
        settings.security.hsts = true;
    })
    .await;
    let response = behind_tls.get("/irritants").await;
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
}

#[tokio::test]
async fn secure_cookies_carry_the_host_prefix() {
    let app = spawn_app_with(|settings| settings.security.secure_cookies = true).await;
    let anonymous = client();
    let page = anonymous.get(app.url("/login")).send().await.unwrap();
    let cookie = page.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    // Over plain HTTP a browser would not send a Secure cookie back; send it as one over TLS would.
    let token = cookie.split(';').next().unwrap().to_owned();
    let response = anonymous
        .post(app.url("/login"))
        .header("cookie", token)
        .form(&[
            ("email", email_of("viewer").as_str()),
            ("password", PASSWORD),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let session = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("__Host-irritrack-session="))
        .expect("the session cookie")
        .to_owned();
    assert!(
        session.contains("Secure") && session.contains("Path=/") && session.contains("HttpOnly")
    );
}

#[tokio::test]
async fn an_idle_or_old_session_ends_and_the_browser_is_asked_to_sign_in_again() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let viewer = app.session_as("viewer").await;
    // Age the sessions as time would: one idle for an hour, one signed in a day ago.
    let url = app.database.url().to_owned();
    tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        use irritrack::db::schema::{people, sessions};
        let pool = irritrack::db::connect(&url, 1, std::time::Duration::from_secs(5))
            .unwrap()
            .0;
        let mut conn = pool.get().unwrap();
        let now = chrono::Utc::now().naive_utc();
        let mut person = |email: &str| {
            people::table
                .filter(people::email.eq(email.to_owned()))
                .select(people::id)
                .first::<String>(&mut conn)
                .unwrap()
        };
        let (officer_id, viewer_id) = (
            person("officer@irritrack.test"),
            person("viewer@irritrack.test"),
        );
        diesel::update(sessions::table.filter(sessions::person_id.eq(officer_id)))
            .set(sessions::last_seen_at.eq(now - chrono::TimeDelta::minutes(31)))
            .execute(&mut conn)
            .unwrap();
        diesel::update(sessions::table.filter(sessions::person_id.eq(viewer_id)))
            .set(sessions::created_at.eq(now - chrono::TimeDelta::hours(13)))
            .execute(&mut conn)
            .unwrap();
    })
    .await
    .unwrap();
    for session in [&officer, &viewer] {
        let response = session.get("/irritants").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            response.headers()["location"],
            "/login?next=%2Firritants&reason=expired"
        );
    }
    let page = client()
        .get(app.url("/login?next=%2Firritants&reason=expired"))
        .send()
        .await
        .unwrap();
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Your session has ended")
    );
    // The manager, active all along, is still signed in.
    assert_eq!(app.get("/irritants").await.status(), StatusCode::OK);
}

/// The secret shown once on a page.
fn shown_secret(page: &str) -> String {
    page.split(r#"<code class="secret">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("a secret is shown")
        .to_owned()
}

#[tokio::test]
async fn a_reset_ends_sessions_and_tokens_and_its_one_time_password_lapses() {
    let app = spawn_app_with(|settings| settings.security.account_lockout_after = 2).await;
    let officer = app.session_as("officer").await;
    let token = create_token(app.database.url(), "officer").await;
    // Two failures lock the officer out from this address...
    for _ in 0..2 {
        assert!(
            sign_in(&app.address, &email_of("officer"), "forgotten")
                .await
                .is_err()
        );
    }
    let admin = app.session_as("admin").await;
    let users = admin.get("/admin/users").await.text().await.unwrap();
    let officer_id = account_id(&users, "Olu Officer");
    let response = admin
        .post_form(&format!("/admin/users/{officer_id}/password"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let one_time = shown_secret(&response.text().await.unwrap());
    assert_eq!(
        officer.get("/irritants").await.status(),
        StatusCode::SEE_OTHER
    );
    let api = client()
        .get(app.url("/api/v1/irritants"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        api.status(),
        StatusCode::UNAUTHORIZED,
        "the reset revoked the token"
    );
    // ...and the reset lets them back in, with the one-time password only.
    let session = sign_in(&app.address, &email_of("officer"), &one_time)
        .await
        .unwrap_or_else(|_| panic!("the reset clears the lockout"));
    assert_eq!(
        session.get("/irritants").await.status(),
        StatusCode::SEE_OTHER
    );

    // A one-time password left unused too long stops working, and so do its sessions.
    let url = app.database.url().to_owned();
    tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        use irritrack::db::schema::people;
        let pool = irritrack::db::connect(&url, 1, std::time::Duration::from_secs(5))
            .unwrap()
            .0;
        let past = chrono::Utc::now().naive_utc() - chrono::TimeDelta::hours(1);
        diesel::update(people::table.filter(people::email.eq("officer@irritrack.test")))
            .set(people::password_expires_at.eq(Some(past)))
            .execute(&mut pool.get().unwrap())
            .unwrap();
    })
    .await
    .unwrap();
    let response = session.get("/account/password").await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the session ends with it"
    );
    let refused = sign_in(&app.address, &email_of("officer"), &one_time)
        .await
        .err()
        .expect("refused");
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("The e-mail address or password is not right")
    );
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(log.contains("Password reset") && log.contains("One-time password expired"));
}
