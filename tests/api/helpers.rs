use std::time::Duration;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use irritrack::config::Settings;
use irritrack::domain::Email;
use irritrack::domain::accounts::{AccountFields, NewPassword, Role};
use irritrack::startup::Application;
use reqwest::redirect::Policy;
use reqwest::{Response, StatusCode};

/// A database that exists for one test only.
pub enum TestDatabase {
    Sqlite {
        url: String,
        _folder: tempfile::TempDir,
    },
    Postgres {
        url: String,
        admin_url: String,
        name: String,
    },
}

impl TestDatabase {
    pub fn new() -> Self {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                // Tests talk to a local server: without TLS, libpq leaves OpenSSL idle, and
                // its clean-up at process exit cannot race the servers' connection threads
                // that are still running then (which crashed the test binary at exit).
                let admin_url = if admin_url.contains('?') {
                    admin_url
                } else {
                    format!("{admin_url}?sslmode=disable")
                };
                let name = format!("irritrack_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = PgConnection::establish(&admin_url)
                    .expect("TEST_DATABASE_URL must name a reachable PostgreSQL server");
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create the test database");
                let (path, query) = admin_url.split_once('?').unwrap_or((&admin_url, ""));
                let (base, _) = path
                    .rsplit_once('/')
                    .expect("TEST_DATABASE_URL ends with /DATABASE");
                Self::Postgres {
                    url: format!("{base}/{name}?{query}"),
                    admin_url,
                    name,
                }
            }
            _ => {
                let folder = tempfile::tempdir().expect("a temporary folder");
                let url = format!("sqlite://{}", folder.path().join("test.sqlite3").display());
                Self::Sqlite {
                    url,
                    _folder: folder,
                }
            }
        }
    }

    pub fn url(&self) -> &str {
        match self {
            Self::Sqlite { url, .. } | Self::Postgres { url, .. } => url,
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Best effort: a database left behind by a crashed run is harmless and uniquely named.
        if let Self::Postgres {
            admin_url, name, ..
        } = self
            && let Ok(mut admin) = PgConnection::establish(admin_url)
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// The password of every test account.
pub const PASSWORD: &str = "harbour kettle violet 42";

/// The roles, least first.
pub const ROLES: [&str; 4] = ["viewer", "officer", "manager", "admin"];

pub fn email_of(role: &str) -> String {
    format!("{role}@irritrack.test")
}

pub fn name_of(role: &str) -> &'static str {
    match role {
        "viewer" => "Val Viewer",
        "officer" => "Olu Officer",
        "manager" => "Mina Manager",
        _ => "Ada Admin",
    }
}

/// A running app with one account per role; `client` is signed in as the manager, and
/// `token` is the manager's API token, which the API helpers send.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub csrf: String,
    pub token: String,
    pub database: TestDatabase,
}

/// A browser signed in as someone: its cookies and the form token of its session.
pub struct Session {
    pub address: String,
    pub client: reqwest::Client,
    pub csrf: String,
    /// The session cookie, `name=value`, as the browser sends it.
    pub cookie: String,
}

/// Starts the real application on a free port with a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// The same, with some settings changed first.
pub async fn spawn_app_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    let database = TestDatabase::new();
    let address = start_server_with(database.url(), change).await;
    add_accounts(database.url()).await;
    let session = sign_in(&address, &email_of("manager"), PASSWORD)
        .await
        .expect("the manager signs in");
    let token = create_token(database.url(), "manager").await;
    TestApp {
        address,
        client: session.client,
        csrf: session.csrf,
        token,
        database,
    }
}

/// The public address e-mail links are built on, in the tests.
pub const PUBLIC_URL: &str = "https://irritrack.test";

/// Settings that send e-mail through the test's mail server at `smtp_url`, promptly.
pub fn mail_through(settings: &mut Settings, smtp_url: &str) {
    settings.mail.smtp_url = smtp_url.to_owned();
    settings.mail.from = "irritrack <irritrack@irritrack.test>".to_owned();
    settings.mail.poll_interval_ms = 100;
    settings.mail.first_retry_seconds = 1;
    settings.mail.timeout_seconds = 5;
    settings.server.public_url = PUBLIC_URL.to_owned();
}

/// Starts another instance of the application on the same database.
pub async fn start_server(database_url: &str) -> String {
    start_server_with(database_url, |_| {}).await
}

pub async fn start_server_with(database_url: &str, change: impl FnOnce(&mut Settings)) -> String {
    let mut settings = Settings::load(None).expect("built-in settings");
    settings.database.url = database_url.to_owned();
    settings.server.bind = "127.0.0.1:0".to_owned();
    settings.server.workers = 2;
    settings.database.pool_size = 4;
    // Slowing down failed sign-ins is checked by the throttle's own tests; here it would only
    // make the suite slow.
    settings.security.failure_delay_ms = 1;
    // The scheduled sweep is tested by running it; in other tests it would only add noise.
    settings.notify.sweep_interval_seconds = 0;
    change(&mut settings);
    // Building opens and migrates the database: blocking work, kept off the async runtime.
    let app = tokio::task::spawn_blocking(move || Application::build(settings))
        .await
        .expect("the build task runs")
        .expect("the application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    address
}

/// A client that keeps cookies, as a browser does, and does not follow redirects, so that
/// tests see them.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client")
}

fn connect(url: &str) -> irritrack::db::Pool {
    irritrack::db::connect(url, 2, Duration::from_secs(5))
        .expect("the test database opens")
        .0
}

/// One account per role, all with `PASSWORD`.
async fn add_accounts(url: &str) {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || {
        static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let hash = HASH.get_or_init(|| {
            irritrack::auth::hash_password(&NewPassword::parse(PASSWORD, &[]).unwrap())
        });
        let mut conn = connect(&url).get().unwrap();
        for role in ROLES {
            let account = AccountFields {
                email: Email::parse(&email_of(role)).unwrap(),
                name: name_of(role).to_owned(),
                department: None,
                role: Role::parse(role).unwrap(),
            };
            irritrack::db::accounts::create_account(&mut conn, &account, hash, None)
                .expect("the account is created");
        }
    })
    .await
    .unwrap();
}

/// A new API token for the test account with this role.
pub async fn create_token(url: &str, role: &str) -> String {
    let url = url.to_owned();
    let role = role.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut conn = connect(&url).get().unwrap();
        let email = Email::parse(&email_of(&role)).unwrap();
        let account = irritrack::db::accounts::find_account_by_email(&mut conn, &email).unwrap();
        let token = irritrack::auth::new_api_token();
        let digest = irritrack::auth::digest(&token);
        irritrack::db::accounts::create_token(&mut conn, &account.id, "tests", &digest).unwrap();
        token
    })
    .await
    .unwrap()
}

/// The value of a hidden form field on a page.
pub fn hidden(page: &str, name: &str) -> String {
    page.split(&format!(r#"name="{name}" value=""#))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("the page has a hidden {name}"))
        .replace("&amp;", "&")
}

/// Signs in through the sign-in form, as a browser does; `Err` holds the refused response.
pub async fn sign_in(address: &str, email: &str, password: &str) -> Result<Session, Response> {
    sign_in_from(address, email, password, None).await
}

/// The same from a given network address, as a proxy would report it in X-Forwarded-For.
pub async fn sign_in_from(
    address: &str,
    email: &str,
    password: &str,
    forwarded_for: Option<&str>,
) -> Result<Session, Response> {
    let client = client();
    let form = client
        .get(format!("{address}/login"))
        .send()
        .await
        .expect("the sign-in page answers")
        .text()
        .await
        .unwrap();
    let mut request = client.post(format!("{address}/login")).form(&[
        ("email", email),
        ("password", password),
        ("csrf", &hidden(&form, "csrf")),
    ]);
    if let Some(forwarded_for) = forwarded_for {
        request = request.header("x-forwarded-for", forwarded_for);
    }
    let response = request.send().await.expect("the server answers");
    if response.status() != StatusCode::SEE_OTHER {
        return Err(response);
    }
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("irritrack-session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned();
    // This page is open even to someone who must first replace a one-time password.
    let page = client
        .get(format!("{address}/account/password"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    Ok(Session {
        address: address.to_owned(),
        client,
        csrf: hidden(&page, "csrf"),
        cookie,
    })
}

impl Session {
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("the server answers")
    }

    /// Submits a form as the page would, with the session's form token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut fields = fields.to_vec();
        fields.push(("csrf", &self.csrf));
        self.client
            .post(format!("{}{path}", self.address))
            .form(&fields)
            .send()
            .await
            .expect("the server answers")
    }
}

impl Session {
    /// Uploads a file as the import page's form does: the form token first, then the file.
    /// Without a token when `token` is false, as another site's form would.
    pub async fn upload(&self, path: &str, name: &str, content: Vec<u8>, token: bool) -> Response {
        let mut form = reqwest::multipart::Form::new();
        if token {
            form = form.text("csrf", self.csrf.clone());
        }
        let file = reqwest::multipart::Part::bytes(content).file_name(name.to_owned());
        self.client
            .post(format!("{}{path}", self.address))
            .multipart(form.part("file", file))
            .send()
            .await
            .expect("the server answers")
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A GET as the manager: API addresses with the manager's token, pages with the session.
    pub async fn get(&self, path: &str) -> Response {
        let request = self.client.get(self.url(path));
        let request = if path.starts_with("/api/") {
            request.bearer_auth(&self.token)
        } else {
            request
        };
        request.send().await.expect("the server answers")
    }

    /// A browser signed in as the test account with this role.
    pub async fn session_as(&self, role: &str) -> Session {
        sign_in(&self.address, &email_of(role), PASSWORD)
            .await
            .unwrap_or_else(|_| panic!("the {role} signs in"))
    }

    /// The form fields with the manager's session form token added.
    pub fn with_csrf<'a>(&'a self, fields: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let mut fields = fields.to_vec();
        fields.push(("csrf", &self.csrf));
        fields
    }

    pub async fn get_text(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.text().await.expect("a body")
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(path))
            .form(&self.with_csrf(fields))
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.client
            .post(self.url(path))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn patch_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.client
            .patch(self.url(path))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.expect("a JSON body")
    }

    /// Records an irritant through the form, past any warning of a likely duplicate, and
    /// returns its reference.
    pub async fn record_irritant(&self, fields: &[(&str, &str)]) -> String {
        let mut fields = fields.to_vec();
        fields.push(("distinct", "true"));
        let response = self.post_form("/irritants", &fields).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "the irritant is recorded: {}",
            response.text().await.unwrap_or_default()
        );
        reference_from(&response)
    }

    /// Records an irritant through the API and returns its JSON.
    pub async fn create_via_api(&self, body: serde_json::Value) -> serde_json::Value {
        let response = self.post_json("/api/v1/irritants", &body).await;
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "created: {}",
            response.text().await.unwrap_or_default()
        );
        response.json().await.expect("a JSON body")
    }

    /// Records an irritant through the API and returns its address in the API.
    pub async fn api_path_of_new(&self, body: serde_json::Value) -> String {
        let created = self.create_via_api(body).await;
        format!(
            "/api/v1/irritants/{}",
            created["reference"].as_str().expect("a reference")
        )
    }

    /// The references the list shows for this query string, in order.
    pub async fn listed(&self, query: &str) -> Vec<String> {
        let body = self.get_json(&format!("/api/v1/irritants?{query}")).await;
        body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["reference"].as_str().unwrap().to_owned())
            .collect()
    }

    pub async fn irritant(&self, reference: &str) -> serde_json::Value {
        self.get_json(&format!("/api/v1/irritants/{reference}"))
            .await
    }
}

/// The notifications of the holder of API token `token`, as the API lists them.
pub async fn notifications_with(app: &TestApp, token: &str) -> serde_json::Value {
    client()
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(token)
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("a JSON body")
}

/// Today as the server sees it: statuses take effect no earlier than the irritant's opening.
pub fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// The reference an irritant page redirect points at.
pub fn reference_from(response: &Response) -> String {
    let location = response.headers()["location"].to_str().expect("a location");
    let path = location.split('?').next().unwrap();
    path.trim_start_matches("/irritants/")
        .split('/')
        .next()
        .unwrap()
        .to_owned()
}

/// The form fields of a minimal valid irritant.
pub fn canola() -> Vec<(&'static str, &'static str)> {
    vec![
        ("language", "en"),
        ("title", "Anti-dumping duties on Canadian canola seed"),
        ("counterpart", "CN"),
        ("direction", "their_measure"),
        ("sector", "agri-food"),
        ("products", "1205.10 Low erucic acid rape or colza seeds"),
        ("measure_type", "anti_dumping_duty"),
        ("measure", "Provisional deposit of 75.8%"),
        ("priority", "leaders"),
        ("action_holder", "counterpart"),
        ("lead_department", "AAFC"),
        ("target_date", "2026-03-09"),
    ]
}

/// The same fields with some replaced.
pub fn with<'a>(
    mut fields: Vec<(&'a str, &'a str)>,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = *value,
            None => fields.push((*name, *value)),
        }
    }
    fields
}
