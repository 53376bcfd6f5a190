use std::time::Duration;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use irritrack::config::Settings;
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
                let name = format!("irritrack_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = PgConnection::establish(&admin_url)
                    .expect("TEST_DATABASE_URL must name a reachable PostgreSQL server");
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create the test database");
                let (base, _) = admin_url
                    .rsplit_once('/')
                    .expect("TEST_DATABASE_URL ends with /DATABASE");
                Self::Postgres {
                    url: format!("{base}/{name}"),
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

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub database: TestDatabase,
}

/// Starts the real application on a free port with a fresh database.
pub async fn spawn_app() -> TestApp {
    let database = TestDatabase::new();
    let app = start_server(database.url()).await;
    TestApp {
        address: app,
        client: client(),
        database,
    }
}

/// Starts another instance of the application on the same database.
pub async fn start_server(database_url: &str) -> String {
    let mut settings = Settings::load(None).expect("built-in settings");
    settings.database.url = database_url.to_owned();
    settings.server.bind = "127.0.0.1:0".to_owned();
    settings.server.workers = 2;
    settings.database.pool_size = 4;
    // Building opens and migrates the database: blocking work, kept off the async runtime.
    let app = tokio::task::spawn_blocking(move || Application::build(settings))
        .await
        .expect("the build task runs")
        .expect("the application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    address
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn get_text(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.text().await.expect("a body")
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn patch_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.client
            .patch(self.url(path))
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

    /// Records an irritant through the form and returns its reference.
    pub async fn record_irritant(&self, fields: &[(&str, &str)]) -> String {
        let response = self.post_form("/irritants", fields).await;
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
