//! Bringing a register in from a spreadsheet: 10,000 rows read, checked and previewed, then
//! imported in one transaction, in the process, on SQLite (and on PostgreSQL when
//! BENCH_POSTGRES_URL names a server where a database may be created and dropped).
//!
//!     cargo bench --bench import
//!
//! Targets: preview and import together under 10 s; the import's transaction, during which
//! the register's write lock is held and other people's saves wait, under 2 s. BENCH_ROWS
//! changes the number of rows; BENCH_ENFORCE=0 reports without failing.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use irritrack::actions::imports::{Import, import_irritants};
use irritrack::actions::{Operator, Outcome};
use irritrack::db;
use irritrack::import::duplicates;
use irritrack::import::mapping::Mapping;
use irritrack::import::{rows, sheet};

const TOTAL_TARGET_SECONDS: f64 = 10.0;
const LOCK_TARGET_SECONDS: f64 = 2.0;
const EMAIL: &str = "bench-import@irritrack.test";

fn main() {
    let count: usize = std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let enforce = std::env::var("BENCH_ENFORCE").map_or(true, |v| v != "0");
    let csv = spreadsheet(count);
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut missed = measure(
        "SQLite",
        &format!(
            "sqlite://{}",
            folder.path().join("import.sqlite3").display()
        ),
        &csv,
        count,
    );
    if let Ok(server) = std::env::var("BENCH_POSTGRES_URL") {
        let name = format!("irritrack_bench_import_{}", std::process::id());
        let (base, _) = server.rsplit_once('/').expect("a server URL");
        psql(&server, &format!("CREATE DATABASE {name}"));
        missed.extend(measure(
            "PostgreSQL",
            &format!("{base}/{name}"),
            &csv,
            count,
        ));
        psql(&server, &format!("DROP DATABASE {name} WITH (FORCE)"));
    }
    if enforce && !missed.is_empty() {
        eprintln!("Missed: {}", missed.join("; "));
        std::process::exit(1);
    }
}

/// A sheet of `count` rows as an official might keep one: labels in words, owners by e-mail,
/// dates, products, a RAG and a status.
fn spreadsheet(count: usize) -> Vec<u8> {
    let mut csv = String::from(
        "Title,Counterpart,Sector,Priority,Owner,Target date,Products,RAG,Status,Summary\n",
    );
    let counterparts = ["CN", "US", "JP", "IN", "MX", "KR", "VN", "BR", "GB", "DE"];
    let goods = [
        "canola seed",
        "frozen pork",
        "lobster",
        "durum wheat",
        "beef",
        "lentils",
    ];
    for n in 0..count {
        csv.push_str(&format!(
            "Duties on {} lot {n},{},Agri-food,High,{EMAIL},2027-0{}-15,1205.10 Canola seed,On track,Open,Row {n} of the old tracker 加征关税\n",
            goods[n % goods.len()],
            counterparts[n % counterparts.len()],
            n % 9 + 1,
        ));
    }
    csv.into_bytes()
}

fn measure(backend: &str, url: &str, csv: &[u8], count: usize) -> Vec<String> {
    add_account(url);
    let (pool, _) = db::connect(url, 2, Duration::from_secs(5)).expect("the database opens");
    let mut conn = pool.get().expect("a connection");
    let email = irritrack::domain::Email::parse(EMAIL).expect("an address");
    let importer = db::accounts::find_account_by_email(&mut conn, &email)
        .expect("the benchmark's account")
        .actor();
    let today = chrono::Local::now().date_naive();

    let started = Instant::now();
    let (sheet, _) = sheet::read(csv).expect("the sheet reads");
    let mapping = Mapping::detect(&sheet.headings);
    let reference_data = db::people::reference_data(&mut conn).expect("reference data");
    let checked = rows::check(&sheet, &mapping, &reference_data, today);
    assert!(checked.problems.is_empty(), "{:?}", &checked.problems[..1]);
    let counterparts = duplicates::counterparts_of(&checked.rows);
    let register = db::imports::active_titles(&mut conn, &counterparts).expect("titles");
    let flagged = duplicates::likely_duplicates(&checked.rows, &register).len();
    let preview = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let import = Import {
        by: Operator::CommandLine,
        importer: &importer,
        mail: false,
        file_name: "bench.csv",
        today,
        upload: None,
        progress: &|_| {},
    };
    let imported = import_irritants(&mut conn, &import, &reference_data, &checked.rows);
    let stored = match imported.expect("the import") {
        Outcome::Saved(stored) => stored.len(),
        other => panic!("the import gave {other:?}"),
    };
    let lock = started.elapsed().as_secs_f64();
    assert_eq!(stored, count);

    println!("\n### {backend}: importing {count} rows\n");
    println!("| step | seconds | target |");
    println!("|---|---|---|");
    println!(
        "| read, check and preview ({flagged} flagged as likely duplicates) | {preview:.2} | |"
    );
    println!(
        "| import: one transaction, holding the write lock | {lock:.2} | {LOCK_TARGET_SECONDS} |"
    );
    println!(
        "| preview and import | {:.2} | {TOTAL_TARGET_SECONDS} |",
        preview + lock
    );
    let mut missed = Vec::new();
    if lock > LOCK_TARGET_SECONDS {
        missed.push(format!("{backend}: import transaction {lock:.2} s"));
    }
    if preview + lock > TOTAL_TARGET_SECONDS {
        missed.push(format!(
            "{backend}: preview and import {:.2} s",
            preview + lock
        ));
    }
    missed
}

/// The account the history names as the importer.
fn add_account(url: &str) {
    let mut add = Command::new(env!("CARGO_BIN_EXE_irritrack"))
        .args([
            "user",
            "add",
            "--email",
            EMAIL,
            "--name",
            "Benchmark",
            "--role",
            "officer",
        ])
        .args(["--password-stdin", "--database-url", url])
        .env("IRRITRACK__LOG__FILTER", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("irritrack user add runs");
    add.stdin
        .take()
        .unwrap()
        .write_all(b"correct horse battery staple benchmark\n")
        .unwrap();
    assert!(add.wait().unwrap().success(), "the account is added");
}

/// Runs one statement on the PostgreSQL server, as its maintenance database.
fn psql(server: &str, sql: &str) {
    use diesel::{Connection, RunQueryDsl};
    let mut conn = diesel::PgConnection::establish(server).expect("the server answers");
    diesel::sql_query(sql).execute(&mut conn).expect(sql);
}
