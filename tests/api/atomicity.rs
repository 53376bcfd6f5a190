//! Every action writes its change, its history and its security-log record in one
//! transaction: when the history or the security log cannot be written, the change is not
//! stored either. Each action is tried twice: once while the database refuses every insert
//! into one of those tables (it must fail and leave the register exactly as it was), then
//! with the refusal lifted (it must succeed and change the register, which shows that the
//! first try reached the write).

use diesel::QueryableByName;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{
    TestApp, TestDatabase, canola, email_of, mail_through, spawn_app, spawn_app_with, today, with,
};

/// What the register holds, table by table, as lines of text that change whenever a change of
/// state changes a row. The security log and the sign-in bookkeeping are left out: refused
/// requests and the use of sessions are written there whatever happens.
const REGISTER: [(&str, &str); 20] = [
    (
        "people",
        "email || ':' || role || ':' || active || ':' || credentials_version || ':' || coalesce(password_hash, '')",
    ),
    (
        "api_tokens",
        "name || ':' || CASE WHEN revoked_at IS NULL THEN 'live' ELSE 'revoked' END",
    ),
    (
        "departments",
        "code || ':' || name_en || ':' || name_fr || ':' || acronym_fr",
    ),
    ("calendar_feeds", "person_id || ':' || key_hash"),
    ("issued_reports", "id"),
    ("sources", "id || ':' || title || ':' || title_fr"),
    ("statements", "id || ':' || is_directive"),
    ("statement_links", "statement_id || ':' || irritant_id"),
    (
        "irritants",
        "reference || ':' || version || ':' || title || ':' || status || ':' || coalesce(rag, '')",
    ),
    ("irritant_links", "irritant_id || ':' || linked_id"),
    (
        "irritant_languages",
        "irritant_id || ':' || written_in || ':' || title_translation",
    ),
    ("progress_updates", "id"),
    ("milestones", "id || ':' || version || ':' || title"),
    ("sessions", "id_hash"),
    ("notifications", "recipient_id || ':' || event_key"),
    ("outgoing_mail", "event_key"),
    ("watches", "irritant_id || ':' || person_id"),
    ("comments", "id || ':' || body"),
    ("bulk_changes", "id || ':' || outcomes"),
    ("date_slips", "id || ':' || state"),
];

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = diesel::sql_types::Text)]
    line: String,
}

type Connection = irritrack::db::DbConnection;

/// A connection of the test's own beside the server's.
fn connect(app: &TestApp) -> impl std::ops::DerefMut<Target = Connection> {
    let (pool, _) =
        irritrack::db::connect(app.database.url(), 1, std::time::Duration::from_secs(5))
            .expect("the test database opens");
    pool.get().expect("a connection")
}

fn register_contents(conn: &mut Connection) -> Vec<String> {
    let mut contents = Vec::new();
    for (table, row) in REGISTER {
        let query = format!("SELECT {row} AS line FROM {table} ORDER BY 1");
        let lines = diesel::sql_query(&query)
            .load::<Line>(conn)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        contents.extend(lines.into_iter().map(|l| format!("{table} {}", l.line)));
    }
    contents
}

/// Makes every insert into `table` fail, as a full disk or a broken table would.
fn refuse_inserts(conn: &mut Connection, database: &TestDatabase, table: &str) {
    let sql = match database {
        TestDatabase::Sqlite { .. } => format!(
            "CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} \
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
        ),
        TestDatabase::Postgres { .. } => format!(
            "CREATE OR REPLACE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$; \
             CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} \
             FOR EACH ROW EXECUTE FUNCTION refuse_insert();"
        ),
    };
    conn.batch_execute(&sql).expect("the trigger is made");
}

fn allow_inserts(conn: &mut Connection, database: &TestDatabase, table: &str) {
    let sql = match database {
        TestDatabase::Sqlite { .. } => format!("DROP TRIGGER refuse_{table};"),
        TestDatabase::Postgres { .. } => format!("DROP TRIGGER refuse_{table} ON {table};"),
    };
    conn.batch_execute(&sql).expect("the trigger is dropped");
}

/// Tries `act` while inserts into `table` fail, then again once they succeed.
async fn stored_only_with_its_record(
    app: &TestApp,
    conn: &mut Connection,
    table: &str,
    what: &str,
    act: impl AsyncFn() -> StatusCode,
) {
    refuse_inserts(conn, &app.database, table);
    let before = register_contents(conn);
    let refused = act().await;
    let after_refusal = register_contents(conn);
    allow_inserts(conn, &app.database, table);
    assert_eq!(
        refused,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{what}: fails while {table} cannot be written"
    );
    assert_eq!(
        before, after_refusal,
        "{what}: nothing is stored without its {table} row"
    );

    let done = act().await;
    assert!(
        done.is_success() || done.is_redirection(),
        "{what}: succeeds once {table} can be written ({done})"
    );
    assert_ne!(
        before,
        register_contents(conn),
        "{what}: the change is stored"
    );
}

async fn posted(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> StatusCode {
    app.post_form(path, fields).await.status()
}

#[tokio::test]
async fn no_change_to_the_register_is_stored_without_its_history() {
    let app = spawn_app().await;
    let mut conn = connect(&app);
    let conn = &mut *conn;
    let reference = app.record_irritant(&canola()).await;
    let seafood = with(canola(), &[("title", "Seafood import ban")]);
    let other = app.record_irritant(&seafood).await;
    let page = format!("/irritants/{reference}");
    let version = || async { app.irritant(&reference).await["version"].to_string() };

    stored_only_with_its_record(&app, conn, "history", "recording", async || {
        posted(&app, "/irritants", &with(canola(), &[("distinct", "true")])).await
    })
    .await;
    stored_only_with_its_record(&app, conn, "history", "editing", async || {
        let version = version().await;
        let mut fields = with(canola(), &[("title", "Duties on canola seed and meal")]);
        fields.push(("version", &version));
        posted(&app, &format!("{page}/edit"), &fields).await
    })
    .await;
    stored_only_with_its_record(&app, conn, "history", "moving the status", async || {
        let version = version().await;
        let fields = [
            ("version", version.as_str()),
            ("status", "dormant"),
            ("effective_date", &today()),
            ("note", "Talks paused until the spring"),
        ];
        posted(&app, &format!("{page}/status"), &fields).await
    })
    .await;
    stored_only_with_its_record(&app, conn, "history", "a progress update", async || {
        let fields = [
            ("reported_on", today()),
            ("rag", "at_risk".to_owned()),
            ("done", "Technical meeting held".to_owned()),
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        posted(&app, &format!("{page}/updates"), &fields).await
    })
    .await;
    stored_only_with_its_record(&app, conn, "history", "a milestone", async || {
        let fields = [
            ("title", "Ministers meet"),
            ("due_date", "2027-01-15"),
            ("state", "planned"),
        ];
        posted(&app, &format!("{page}/milestones"), &fields).await
    })
    .await;
    stored_only_with_its_record(
        &app,
        conn,
        "history",
        "a link between irritants",
        async || {
            let fields = [("linked", other.as_str()), ("kind", "related")];
            posted(&app, &format!("{page}/links"), &fields).await
        },
    )
    .await;
    stored_only_with_its_record(&app, conn, "history", "removing that link", async || {
        posted(&app, &format!("{page}/links/{other}/remove"), &[]).await
    })
    .await;
    let readout = include_str!("../../demo/readout-2025-10-31-canada-china.txt");
    let imported = app
        .post_json("/api/v1/sources", &serde_json::json!({"text": readout}))
        .await;
    assert_eq!(imported.status(), StatusCode::CREATED);
    let source: serde_json::Value = imported.json().await.unwrap();
    let statement = format!(
        "/sources/{}/statements/3/links",
        source["id"].as_str().unwrap()
    );
    stored_only_with_its_record(&app, conn, "history", "linking a statement", async || {
        posted(&app, &statement, &[("reference", reference.as_str())]).await
    })
    .await;
    stored_only_with_its_record(&app, conn, "history", "unlinking it", async || {
        posted(&app, &format!("{statement}/{reference}/remove"), &[]).await
    })
    .await;
    stored_only_with_its_record(&app, conn, "history", "an API change", async || {
        let version: i64 = app.irritant(&reference).await["version"].as_i64().unwrap();
        let body = serde_json::json!({"version": version, "priority": "high"});
        app.patch_json(&format!("/api/v1/irritants/{reference}"), &body)
            .await
            .status()
    })
    .await;
}

#[tokio::test]
async fn no_recorded_action_is_stored_without_its_security_log_entry() {
    let app = spawn_app().await;
    let mut conn = connect(&app);
    let conn = &mut *conn;
    let admin = app.session_as("admin").await;
    let officer = irritrack::domain::Email::parse(&email_of("officer")).unwrap();
    let officer_id = irritrack::db::accounts::find_account_by_email(conn, &officer)
        .unwrap()
        .id;
    let log = "security_events";

    stored_only_with_its_record(&app, conn, log, "creating an account", async || {
        let fields = [
            ("email", "new.officer@irritrack.test"),
            ("name", "New Officer"),
            ("role", "officer"),
            ("department_code", ""),
        ];
        admin.post_form("/admin/users", &fields).await.status()
    })
    .await;
    stored_only_with_its_record(&app, conn, log, "changing a role", async || {
        let fields = [("role", "manager"), ("active", "on")];
        let path = format!("/admin/users/{officer_id}");
        admin.post_form(&path, &fields).await.status()
    })
    .await;
    stored_only_with_its_record(&app, conn, log, "resetting a password", async || {
        let path = format!("/admin/users/{officer_id}/password");
        admin.post_form(&path, &[]).await.status()
    })
    .await;
    stored_only_with_its_record(&app, conn, log, "adding a department", async || {
        let fields = [
            ("code", "XYZ"),
            ("name_en", "Example Agency"),
            ("name_fr", "Agence exemple"),
        ];
        admin
            .post_form("/admin/departments", &fields)
            .await
            .status()
    })
    .await;
    stored_only_with_its_record(&app, conn, log, "making an API token", async || {
        posted(&app, "/account/tokens", &[("name", "reporting script")]).await
    })
    .await;
    stored_only_with_its_record(&app, conn, log, "making a calendar address", async || {
        posted(&app, "/account/calendar", &[]).await
    })
    .await;
    stored_only_with_its_record(&app, conn, log, "issuing a report", async || {
        let to = today();
        let fields = [
            ("from", "2026-01-01"),
            ("to", to.as_str()),
            ("group", "directive"),
            ("confirmed", "true"),
        ];
        posted(&app, "/reports/issue", &fields).await
    })
    .await;
}

#[tokio::test]
async fn no_change_that_tells_someone_is_stored_without_its_notification() {
    // E-mail is on (to a port where no mail server listens), so that e-mail is queued.
    let app = spawn_app_with(|settings| mail_through(settings, "smtp://127.0.0.1:9")).await;
    let mut conn = connect(&app);
    let conn = &mut *conn;
    let officer = email_of("officer");
    let owned = with(canola(), &[("owner", officer.as_str())]);
    let reference = app.record_irritant(&owned).await;
    let unowned = app.record_irritant(&canola()).await;
    let unowned_too = app.record_irritant(&canola()).await;
    let page = format!("/irritants/{reference}");
    let told = "notifications";

    let pressing = app.record_irritant(&canola()).await;
    let proposer = app.session_as("officer").await;
    stored_only_with_its_record(&app, conn, told, "proposing a later date", async || {
        let version = version_of(&app, &pressing).await;
        let mut fields = with(
            canola(),
            &[
                ("target_date", "2027-01-29"),
                ("slip_reason", "Talks moved"),
            ],
        );
        fields.push(("version", &version));
        let path = format!("/irritants/{pressing}/edit");
        proposer.post_form(&path, &fields).await.status()
    })
    .await;
    let handed = app.record_irritant(&canola()).await;
    stored_only_with_its_record(&app, conn, told, "handing over with a note", async || {
        let version = version_of(&app, &handed).await;
        let fields = [
            ("version", version.as_str()),
            ("owner", officer.as_str()),
            ("handover", "Over to you"),
        ];
        posted(&app, &format!("/irritants/{handed}/reassign"), &fields).await
    })
    .await;
    stored_only_with_its_record(&app, conn, told, "assigning many at once", async || {
        let item = format!("{unowned_too}@{}", version_of(&app, &unowned_too).await);
        let fields = [
            ("action", "owner"),
            ("owner", officer.as_str()),
            ("item", &item),
        ];
        posted(&app, "/irritants/bulk/apply", &fields).await
    })
    .await;

    stored_only_with_its_record(&app, conn, told, "assigning an owner", async || {
        let version = version_of(&app, &unowned).await;
        let mut fields = with(canola(), &[("owner", officer.as_str())]);
        fields.push(("version", &version));
        posted(&app, &format!("/irritants/{unowned}/edit"), &fields).await
    })
    .await;
    stored_only_with_its_record(&app, conn, told, "moving the status", async || {
        let version = version_of(&app, &reference).await;
        let (status, note) = if app.irritant(&reference).await["status"] == "open" {
            ("dormant", "Talks paused")
        } else {
            ("open", "Talks resumed")
        };
        let fields = [
            ("version", version.as_str()),
            ("status", status),
            ("effective_date", &today()),
            ("note", note),
        ];
        posted(&app, &format!("{page}/status"), &fields).await
    })
    .await;
    stored_only_with_its_record(&app, conn, told, "a comment naming someone", async || {
        posted(
            &app,
            &format!("{page}/comments"),
            &[("body", "@Olu over to you")],
        )
        .await
    })
    .await;
    stored_only_with_its_record(&app, conn, told, "an update naming someone", async || {
        let fields = [
            ("reported_on", today()),
            ("rag", "on_track".to_owned()),
            ("done", "Met the attaché; @Olu to follow up".to_owned()),
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        posted(&app, &format!("{page}/updates"), &fields).await
    })
    .await;
    stored_only_with_its_record(
        &app,
        conn,
        "outgoing_mail",
        "an e-mail at once",
        async || {
            posted(
                &app,
                &format!("{page}/comments"),
                &[("body", "@Olu and again")],
            )
            .await
        },
    )
    .await;
}

async fn version_of(app: &TestApp, reference: &str) -> String {
    app.irritant(reference).await["version"].to_string()
}
