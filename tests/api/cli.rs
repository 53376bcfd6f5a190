//! Accounts and tokens managed from the command line, and the first start of a new register.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use reqwest::StatusCode;

use crate::helpers::{TestDatabase, client, sign_in, spawn_app};

/// Runs `irritrack ARGS` against a database; returns whether it succeeded and what it printed.
pub(crate) fn irritrack(database_url: &str, args: &[&str], stdin: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_irritrack"))
        .args(args)
        .args(["--database-url", database_url])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[tokio::test]
async fn accounts_and_tokens_are_managed_from_the_command_line() {
    let app = spawn_app().await;
    let url = app.database.url().to_owned();
    let run = |args: &'static [&'static str], stdin: &'static str| {
        let url = url.clone();
        tokio::task::spawn_blocking(move || irritrack(&url, args, stdin))
    };

    let (ok, output) = run(
        &[
            "user",
            "add",
            "--email",
            "cli@irritrack.test",
            "--name",
            "Chris Line",
            "--role",
            "officer",
            "--department",
            "GAC",
            "--password-stdin",
        ],
        "password1234\n",
    )
    .await
    .unwrap();
    assert!(!ok && output.contains("password-too-common"), "{output}");
    let (ok, output) = run(
        &[
            "user",
            "add",
            "--email",
            "cli@irritrack.test",
            "--name",
            "Chris Line",
            "--role",
            "officer",
            "--department",
            "GAC",
            "--password-stdin",
        ],
        "lantern orchard copper 7\n",
    )
    .await
    .unwrap();
    assert!(ok, "{output}");
    let officer = sign_in(
        &app.address,
        "cli@irritrack.test",
        "lantern orchard copper 7",
    )
    .await
    .unwrap_or_else(|_| panic!("the new account signs in"));
    assert_eq!(officer.get("/irritants/new").await.status(), StatusCode::OK);

    let (ok, output) = run(
        &[
            "user",
            "set-role",
            "--email",
            "cli@irritrack.test",
            "--role",
            "viewer",
        ],
        "",
    )
    .await
    .unwrap();
    assert!(ok, "{output}");
    assert_eq!(
        officer.get("/irritants/new").await.status(),
        StatusCode::FORBIDDEN
    );

    let (ok, token) = run(&["token", "create", "--email", "cli@irritrack.test"], "")
        .await
        .unwrap();
    assert!(ok, "{token}");
    let call = |token: String| {
        client()
            .get(app.url("/api/v1/irritants"))
            .bearer_auth(token)
            .send()
    };
    assert_eq!(
        call(token.trim().to_owned()).await.unwrap().status(),
        StatusCode::OK
    );

    let (ok, output) = run(&["user", "disable", "--email", "cli@irritrack.test"], "")
        .await
        .unwrap();
    assert!(ok, "{output}");
    assert_eq!(
        call(token.trim().to_owned()).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let (ok, output) = run(&["user", "disable", "--email", "admin@irritrack.test"], "")
        .await
        .unwrap();
    assert!(
        !ok && output.contains("without an active administrator"),
        "{output}"
    );

    let admin = app.session_as("admin").await;
    let log = admin.get("/admin/security").await.text().await.unwrap();
    for event in [
        "Account created",
        "Role changed",
        "API token created",
        "Account disabled",
    ] {
        assert!(log.contains(event), "{event} is logged");
    }
}

/// Starts `irritrack serve` and reads its console until it says where it serves.
fn serve(database_url: &str) -> (std::process::Child, String, String) {
    serve_with(database_url, &[])
}

/// The same, with these environment variables set (settings, as `IRRITRACK__SECTION__KEY`).
pub fn serve_with(
    database_url: &str,
    environment: &[(&str, &str)],
) -> (std::process::Child, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_irritrack"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            database_url,
        ])
        .envs(environment.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut console = String::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("the server starts").unwrap();
        console.push_str(&line);
        console.push('\n');
        if let Some(rest) = line.strip_prefix("irritrack is serving ") {
            break rest
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_owned();
        }
    };
    (child, address, console)
}

#[tokio::test]
async fn the_first_start_creates_an_administrator_with_a_one_time_password() {
    let database = TestDatabase::new();
    let url = database.url().to_owned();
    let (mut first, address, console) = tokio::task::spawn_blocking(move || serve(&url))
        .await
        .unwrap();
    let password = console
        .lines()
        .find_map(|line| line.trim().strip_prefix("one-time password: "))
        .unwrap_or_else(|| panic!("a one-time password is printed: {console}"))
        .to_owned();
    let admin = sign_in(&address, "admin@irritrack.local", &password)
        .await
        .unwrap_or_else(|_| panic!("the administrator signs in"));
    let response = admin.get("/admin/users").await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the password must be changed first"
    );
    first.kill().unwrap();
    first.wait().unwrap();

    let url = database.url().to_owned();
    let (mut second, _, console) = tokio::task::spawn_blocking(move || serve(&url))
        .await
        .unwrap();
    second.kill().unwrap();
    second.wait().unwrap();
    assert!(
        !console.contains("one-time password"),
        "printed once only: {console}"
    );
}

#[tokio::test]
async fn the_command_line_exports_a_filtered_list_in_either_language() {
    let app = spawn_app().await;
    app.record_irritant(&crate::helpers::canola()).await;
    app.create_via_api(
        serde_json::json!({"title": "=HYPERLINK(\"x\") lobster", "counterpart": "US"}),
    )
    .await;
    let url = app.database.url().to_owned();
    let (ok, output) = tokio::task::spawn_blocking(move || {
        irritrack(
            &url,
            &[
                "export",
                "--format",
                "csv",
                "--filter",
                "counterpart=CN",
                "--language",
                "fr",
            ],
            "",
        )
    })
    .await
    .unwrap();
    assert!(ok, "{output}");
    let mut reader = csv::Reader::from_reader(output.trim_start_matches('\u{feff}').as_bytes());
    let headings: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert!(
        headings.contains(
            &irritrack::i18n::Locale::french()
                .t("field-title")
                .into_owned()
        ),
        "French headings: {headings:?}"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "only the CN irritant");
    assert!(
        rows[0]
            .iter()
            .any(|cell| cell == "Anti-dumping duties on Canadian canola seed")
    );

    let url = app.database.url().to_owned();
    let (ok, output) =
        tokio::task::spawn_blocking(move || irritrack(&url, &["export", "--language", "de"], ""))
            .await
            .unwrap();
    assert!(!ok && output.contains("not a language"), "{output}");
}
