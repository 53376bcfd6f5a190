//! The command line: `irritrack serve | migrate | user | token | import-source | export |
//! generate`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

use crate::actions::accounts::NewHash;
use crate::actions::{self, Operator, Outcome};
use crate::auth::{self, OneTimePassword};
use crate::config::Settings;
use crate::db;
use crate::db::accounts::AccountChange;
use crate::domain::accounts::{
    Account, AccountInput, EventDetail, NewPassword, Role, SecurityEvent, SecurityEventKind,
};
use crate::domain::readout::ReadoutProblem;
use crate::domain::source::{SourceDocument, SourceKind};
use crate::domain::{Email, FieldErrors};
use crate::startup::Application;

#[derive(Parser)]
#[command(
    name = "irritrack",
    version,
    about = "Track trade irritants from the leaders' directive to resolution."
)]
struct Cli {
    /// A configuration file with the settings to change (see config/default.toml).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The database: sqlite://PATH (or a plain path) or postgres://...
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve {
        /// Address and port to listen on, e.g. 127.0.0.1:8080.
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
        /// Load the demonstration data into a register that has no irritants yet.
        #[arg(long)]
        demo: bool,
    },
    /// Apply the database migrations, then exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        action: TokenCommand,
    },
    /// Import a source document (a readout copied as text, in one or more languages).
    ImportSource {
        /// A UTF-8 text file.
        file: PathBuf,
        /// leaders_readout, joint_statement, ministerial_meeting, mandate_letter, notice or other.
        #[arg(long, default_value = "leaders_readout")]
        kind: String,
        /// The day it was issued (YYYY-MM-DD), where the text gives none with its year.
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
        /// Keep every block the importer would leave out (addresses, links, contacts,
        /// footers) as statements.
        #[arg(long)]
        keep_left_out: bool,
    },
    /// Import irritants from a spreadsheet (CSV or XLSX): every row is checked first, then all
    /// are stored in one transaction, or none.
    ImportIrritants {
        /// A CSV file or an XLSX workbook, headed by one row of column names.
        file: PathBuf,
        /// A TOML file naming the column of each field (`[columns] title = "Issue"`); without
        /// it, columns are found by their headings, as the list's export writes them.
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Write the mapping used to this TOML file, to use again.
        #[arg(long)]
        save_mapping: Option<PathBuf>,
        /// The account the history names as having imported them.
        #[arg(long)]
        by: String,
        /// Check every row and say what would be stored, storing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export irritants as CSV, XLSX or JSON, chosen with the list's filters.
    Export {
        /// csv, xlsx or json.
        #[arg(long, default_value = "csv")]
        format: String,
        /// The list's filters as in its address, e.g. "status=open&counterpart=CN".
        #[arg(long, default_value = "")]
        filter: String,
        /// Write to this file, showing progress, instead of to standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The language of the headings and labels: en or fr.
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Notifications: run the sweep of reminders, escalations and digests once.
    Notify {
        #[command(subcommand)]
        action: NotifyCommand,
    },
    /// Fill the database with realistic synthetic irritants, for benchmarks.
    Generate {
        /// How many irritants to add.
        #[arg(long, value_name = "N")]
        irritants: u32,
        /// The seed of the generator: the same seed gives the same data.
        #[arg(long, default_value_t = 2025)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum NotifyCommand {
    /// One sweep, as the server's scheduler runs it: each event is told once, so running it
    /// again tells nothing new. Then sends the e-mail that is due, when e-mail is configured.
    Run {
        /// Judge as of the end of this day (YYYY-MM-DD) instead of now.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account. Without --password-stdin, a one-time password is printed, to be
    /// replaced at first sign-in.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// viewer, officer, manager or admin.
        #[arg(long)]
        role: String,
        /// A department code, such as GAC.
        #[arg(long)]
        department: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Change an account's role.
    SetRole {
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: String,
    },
    /// Disable an account: it can no longer sign in, and its sessions and tokens stop working.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account again.
    Enable {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for an account and print it (it is shown only this once).
    Create {
        #[arg(long)]
        email: String,
        /// What the token is for, as its owner will see it on the Tokens page.
        #[arg(long, default_value = "Created on the command line")]
        name: String,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("irritrack: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let mut settings = Settings::load(cli.config.as_deref())?;
    if let Some(url) = cli.database_url {
        settings.database.url = url;
    }
    init_logging(&settings.log.filter);
    match cli.command.unwrap_or(Command::Serve {
        bind: None,
        demo: false,
    }) {
        Command::Serve { bind, demo } => {
            if let Some(bind) = bind {
                settings.server.bind = bind;
            }
            serve(settings, demo)
        }
        Command::Migrate => {
            let (_, backend) = connect(&settings)?;
            println!(
                "The {backend:?} database at {} is up to date.",
                db::redact(&settings.database.url)
            );
            Ok(())
        }
        Command::User { action } => {
            let (pool, _) = connect(&settings)?;
            run_user_command(&pool, &settings, action)
        }
        Command::Token {
            action: TokenCommand::Create { email, name },
        } => create_token(&settings, &email, &name),
        Command::ImportSource {
            file,
            kind,
            date,
            keep_left_out,
        } => import_source(&settings, &file, &kind, date, keep_left_out),
        Command::ImportIrritants {
            file,
            mapping,
            save_mapping,
            by,
            dry_run,
        } => import_irritants(
            &settings,
            &file,
            (mapping.as_deref(), save_mapping.as_deref()),
            &by,
            dry_run,
        ),
        Command::Export {
            format,
            filter,
            output,
            language,
        } => {
            let locale = crate::i18n::Locale::from_code(&language)
                .ok_or_else(|| anyhow::anyhow!("{language:?} is not a language: use en or fr"))?;
            export(&settings, &format, &filter, output, locale)
        }
        Command::Notify {
            action: NotifyCommand::Run { as_of },
        } => notify_run(&settings, as_of.as_deref()),
        Command::Generate { irritants, seed } => generate(&settings, irritants, seed),
    }
}

/// `irritrack notify run`: one sweep, then the e-mail due, for cron and tests.
fn notify_run(settings: &Settings, as_of: Option<&str>) -> anyhow::Result<()> {
    let day = as_of
        .map(|raw| {
            chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .map_err(|_| anyhow::anyhow!("--as-of {raw:?} is not a date: use YYYY-MM-DD"))
        })
        .transpose()?;
    let (pool, _) = connect(settings)?;
    let moment = crate::domain::notification::sweep_moment(day, chrono::Local::now().naive_local());
    let holder = format!("command line {}", db::new_id());
    let Some(report) = crate::notify::scheduler::sweep_once(&pool, settings, moment, &holder)?
    else {
        println!("Another instance is sweeping now; nothing was done. Run it again later.");
        return Ok(());
    };
    println!(
        "Told: {} stale reminders, {} escalations, {} milestone reminders, {} target-date reminders, {} followers of views; {} digests queued.",
        report.stale_reminders,
        report.escalations,
        report.milestone_reminders,
        report.target_reminders,
        report.view_notices,
        report.digests
    );
    if settings.mail.enabled() {
        let worker = crate::notify::worker::Worker::new(pool, settings)?;
        let mut sent = 0;
        while let claimed @ 1.. = worker.deliver_due()? {
            sent += claimed;
        }
        println!("E-mail: {sent} messages tried (see /admin/notifications for any that failed).");
    }
    Ok(())
}

/// `irritrack token create`: prints a new API token for the account, this once.
fn create_token(settings: &Settings, email: &str, name: &str) -> anyhow::Result<()> {
    let (pool, _) = connect(settings)?;
    let mut conn = pool.get()?;
    let account = find_account(&mut conn, email)?;
    if !account.active {
        anyhow::bail!("the account {email} is disabled");
    }
    let token = auth::new_api_token();
    let digest = auth::digest(&token);
    let by = Operator::CommandLine;
    let created = actions::accounts::create_token(&mut conn, by, &account.actor(), name, &digest)?;
    if let Outcome::Refused(errors) = created {
        let codes: Vec<&str> = errors.iter().map(|(_, e)| e.code).collect();
        anyhow::bail!("the token name is not usable ({})", codes.join(", "));
    }
    println!("{token}");
    Ok(())
}

/// `irritrack import-source`: stores a readout read from a file, and says what it holds and
/// what it left out of the statements.
fn import_source(
    settings: &Settings,
    file: &std::path::Path,
    kind: &str,
    date: Option<chrono::NaiveDate>,
    keep_left_out: bool,
) -> anyhow::Result<()> {
    let kind = SourceKind::parse(kind).map_err(|_| {
        let codes: Vec<&str> = SourceKind::ALL.iter().map(|k| k.code()).collect();
        anyhow::anyhow!(
            "{kind:?} is not a kind of source: use one of {}",
            codes.join(", ")
        )
    })?;
    let bytes =
        std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let refused = |why: &str| anyhow::anyhow!("{} cannot be imported: {why}", file.display());
    let mut readout = crate::domain::readout::read_bytes(&bytes)
        .map_err(|problem| refused(problem.explanation()))?;
    if keep_left_out {
        for version in &mut readout.versions {
            version.keep_left_out(|_| true);
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    let mut document = SourceDocument::from_readout(&readout, kind, &text);
    if document.repeated_language().is_some() {
        return Err(refused(ReadoutProblem::RepeatedLanguage.explanation()));
    }
    if date.is_some() {
        document.issued_on = date;
    }
    if document.issued_on.is_none() && readout.versions.iter().any(|v| v.year_missing) {
        return Err(refused(
            "its dateline gives a day without a year: give the date it was issued with --date YYYY-MM-DD",
        ));
    }
    let (pool, _) = connect(settings)?;
    let mut conn = pool.get()?;
    let id = match actions::sources::import(&mut conn, Operator::CommandLine, &document)? {
        Outcome::Saved(id) => id,
        Outcome::Refused(_) => anyhow::bail!(
            "{} was imported before: it is already among the sources",
            file.display()
        ),
        other => anyhow::bail!("importing {} gave {other:?}", file.display()),
    };
    let languages: Vec<&str> = document.versions.iter().map(|v| v.language.tag()).collect();
    let directives = document
        .statements
        .iter()
        .filter(|s| s.is_directive)
        .count();
    println!(
        "Imported \"{}\" ({}; {} statements, {} directives) as /sources/{id}.",
        document.title,
        languages.join(", "),
        document.statements.len(),
        directives
    );
    if !document.is_aligned() {
        println!(
            "The language versions have different numbers of paragraphs: statement N holds paragraph N of each, which may not say the same thing. Check the statements."
        );
    }
    print_left_out(&readout);
    Ok(())
}

/// Every block left out of the statements, with its reason and its text, so that nothing is
/// lost unseen.
fn print_left_out(readout: &crate::domain::readout::Readout) {
    let blocks: Vec<_> = readout
        .versions
        .iter()
        .flat_map(|v| v.left_out.iter().map(move |block| (v.language, block)))
        .collect();
    if blocks.is_empty() {
        return;
    }
    println!("Left out of the statements ({}):", blocks.len());
    for (language, block) in blocks {
        println!("- {} ({}):", block.reason.code(), language.tag());
        for line in &block.lines {
            println!("    {line}");
        }
    }
    println!(
        "To keep them as statements, remove the document on its edit page and import it again with --keep-left-out, or on the import page, where each can be kept."
    );
}

/// `irritrack import-irritants`: checks every row of a spreadsheet, then stores them all in
/// one transaction, or says by row and column what stops them.
fn import_irritants(
    settings: &Settings,
    file: &std::path::Path,
    (mapping_file, save_mapping): (Option<&std::path::Path>, Option<&std::path::Path>),
    by: &str,
    dry_run: bool,
) -> anyhow::Result<()> {
    use crate::import::{mapping::Mapping, rows, sheet};
    let size = std::fs::metadata(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?
        .len();
    if size > settings.import.max_bytes {
        anyhow::bail!(
            "{} is larger than import.max_bytes ({} bytes)",
            file.display(),
            settings.import.max_bytes
        );
    }
    let bytes =
        std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let (sheet, notice) = sheet::read(&bytes)
        .map_err(|problem| anyhow::anyhow!("{} cannot be imported: {problem}", file.display()))?;
    if notice.is_some() {
        println!("The file is not UTF-8: it was read as Windows-1252. Check accented letters.");
    }
    let mapping = match mapping_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            Mapping::from_toml(&text, &sheet.headings)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => Mapping::detect(&sheet.headings),
    };
    let missing = rows::unmapped_required(&mapping);
    if !missing.is_empty() {
        anyhow::bail!(
            "no column gives {}: name them in a mapping file (--mapping)",
            missing.join(" or ")
        );
    }
    for (at, heading) in sheet.headings.iter().enumerate() {
        match mapping.field_of(at) {
            Some(field) => println!("Column {heading:?} fills {field}."),
            None => println!("Column {heading:?} is not read."),
        }
    }
    if let Some(path) = save_mapping {
        std::fs::write(path, mapping.to_toml(&sheet.headings))
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    let (pool, _) = connect(settings)?;
    let mut conn = pool.get()?;
    let importer = find_account(&mut conn, by)?;
    let reference_data = db::people::reference_data(&mut conn)?;
    let today = chrono::Local::now().date_naive();
    let checked = rows::check(&sheet, &mapping, &reference_data, today);
    let english = crate::i18n::Locale::english();
    if !checked.problems.is_empty() {
        for problem in &checked.problems {
            let column = problem
                .column
                .as_ref()
                .map(|c| format!(", column {c:?}"))
                .unwrap_or_default();
            println!(
                "Row {}{column}: {}",
                problem.line,
                english.field_error(&problem.error)
            );
        }
        anyhow::bail!(
            "{} problems in {}: nothing was stored",
            checked.problems.len(),
            file.display()
        );
    }
    let register = db::imports::active_titles(
        &mut conn,
        &crate::import::duplicates::counterparts_of(&checked.rows),
    )?;
    for duplicate in crate::import::duplicates::likely_duplicates(&checked.rows, &register) {
        println!(
            "Row {} may repeat {} \"{}\" (imported all the same).",
            duplicate.line, duplicate.reference, duplicate.title
        );
    }
    if dry_run {
        println!(
            "All {} rows are ready to be imported; nothing was stored (--dry-run).",
            checked.rows.len()
        );
        return Ok(());
    }
    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let importer = importer.actor();
    let show = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let total = checked.rows.len() as u64;
    let import = actions::imports::Import {
        by: Operator::CommandLine,
        importer: &importer,
        mail: settings.mail.enabled(),
        file_name: &file_name,
        today,
        upload: None,
        progress: &|done| {
            if show {
                eprint!("\r{}", progress_bar(done as u64, total));
            }
        },
    };
    let imported =
        actions::imports::import_irritants(&mut conn, &import, &reference_data, &checked.rows)?;
    if show {
        eprintln!();
    }
    match imported {
        Outcome::Saved(stored) => {
            println!("Imported {} irritants from {file_name}.", stored.len());
            Ok(())
        }
        Outcome::Refused(errors) => {
            let reasons: Vec<String> = errors.iter().map(|(_, e)| english.field_error(e)).collect();
            anyhow::bail!("nothing was stored: {}", reasons.join("; "))
        }
        other => anyhow::bail!("importing {} gave {other:?}", file.display()),
    }
}

/// `irritrack generate`: adds generated irritants, for benchmarks.
fn generate(settings: &Settings, irritants: u32, seed: u64) -> anyhow::Result<()> {
    let (pool, _) = connect(settings)?;
    let started = Instant::now();
    let counts = crate::generate::generate(&pool, irritants, seed)?;
    println!(
        "Added {} irritants, {} progress updates, {} milestones and {} history entries in {:.1} s.",
        counts.irritants,
        counts.updates,
        counts.milestones,
        counts.history,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn find_account(conn: &mut db::DbConnection, email: &str) -> anyhow::Result<Account> {
    let email =
        Email::parse(email).map_err(|_| anyhow::anyhow!("{email:?} is not an e-mail address"))?;
    db::accounts::find_account_by_email(conn, &email)
        .map_err(|_| anyhow::anyhow!("no account has the e-mail address {email}"))
}

/// `irritrack export`: the irritants `filter` selects, to `output` or standard output.
fn export(
    settings: &Settings,
    format: &str,
    filter: &str,
    output: Option<PathBuf>,
    locale: crate::i18n::Locale,
) -> anyhow::Result<()> {
    use crate::export::{ExportFormat, write_irritants};
    use std::io::IsTerminal;

    let format = ExportFormat::from_extension(format)
        .ok_or_else(|| anyhow::anyhow!("{format:?} is not a format: use csv, xlsx or json"))?;
    let params: crate::domain::ListParams = serde_urlencoded::from_str(filter)
        .map_err(|e| anyhow::anyhow!("the filter cannot be read: {e}"))?;
    let (pool, _) = connect(settings)?;
    let mut conn = pool.get()?;
    let people = db::people::reference_data(&mut conn)?;
    let rules = crate::domain::listing::ListRules {
        today: chrono::Local::now().date_naive(),
        stale_after_days: settings.register.stale_after_days,
    };
    let filter = params.parse(&people, rules).map_err(|errors| {
        let problems: Vec<String> = errors
            .iter()
            .map(|(field, error)| format!("{field}: {}", locale.field_error(error)))
            .collect();
        anyhow::anyhow!("the filter is not usable: {}", problems.join("; "))
    })?;
    let ids = db::irritants::ids_matching(&mut conn, &filter)?;
    drop(conn);
    let started = Instant::now();
    let total = ids.len();
    let written = match &output {
        None => {
            let stdout = std::io::BufWriter::new(std::io::stdout());
            write_irritants(
                &pool,
                &ids,
                &people,
                format,
                locale,
                db::now(),
                stdout,
                |_| {},
            )?
        }
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            let show = std::io::stderr().is_terminal();
            let written = write_irritants(
                &pool,
                &ids,
                &people,
                format,
                locale,
                db::now(),
                std::io::BufWriter::new(file),
                |done| {
                    if show {
                        eprint!("\r{}", progress_bar(done, total as u64));
                    }
                },
            )?;
            if show {
                eprintln!();
            }
            eprintln!(
                "Exported {written} irritants to {} in {:.1} s.",
                path.display(),
                started.elapsed().as_secs_f64()
            );
            written
        }
    };
    let mut conn = pool.get()?;
    actions::security_log::record(
        &mut conn,
        &SecurityEvent {
            kind: SecurityEventKind::Exported,
            actor_id: None,
            subject: format!("irritants.{}", format.extension()),
            ip: String::new(),
            detail: EventDetail::message(
                "detail-command-line-exported",
                &[
                    ("rows", written.to_string()),
                    (
                        "filters",
                        filter.canonical_params(&params.q).to_query_string(),
                    ),
                ],
            ),
        },
    )?;
    Ok(())
}

/// `[#########           ]  45,000 / 100,000`
fn progress_bar(done: u64, total: u64) -> String {
    const WIDTH: u64 = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH);
    format!(
        "[{}{}] {done} / {total}",
        "#".repeat(filled as usize),
        " ".repeat((WIDTH - filled.min(WIDTH)) as usize)
    )
}

/// Problems with a command's input, as `field: problem` pairs.
fn problems_of(errors: &FieldErrors) -> String {
    let problems: Vec<String> = errors
        .iter()
        .map(|(field, e)| format!("{field}: {}", e.code))
        .collect();
    problems.join(", ")
}

/// What a refused account change means, in words.
fn account_refusal(outcome: Outcome<impl Sized>) -> anyhow::Result<()> {
    match outcome {
        Outcome::Refused(errors) if errors.iter().any(|(_, e)| e.code == "last-admin") => {
            anyhow::bail!("refused: the register would be left without an active administrator")
        }
        Outcome::Refused(errors) if errors.iter().any(|(_, e)| e.code == "email-taken") => {
            anyhow::bail!("refused: an account with this e-mail address exists already")
        }
        Outcome::Refused(errors) => anyhow::bail!("refused: {}", problems_of(&errors)),
        _ => Ok(()),
    }
}

fn run_user_command(
    pool: &db::Pool,
    settings: &Settings,
    action: UserCommand,
) -> anyhow::Result<()> {
    let mut conn = pool.get()?;
    match action {
        UserCommand::Add {
            email,
            name,
            role,
            department,
            password_stdin,
        } => {
            let input = AccountInput {
                email,
                name,
                department_code: department.unwrap_or_default(),
                role,
            };
            let reference_data = db::people::reference_data(&mut conn)?;
            let fields = input.parse(&reference_data).map_err(|errors| {
                anyhow::anyhow!("the account is not valid: {}", problems_of(&errors))
            })?;
            let (hash, one_time) = if password_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
                let typed = line.trim_end_matches(['\r', '\n']);
                let password = NewPassword::parse(typed, &[fields.email.as_str(), &fields.name])
                    .map_err(|e| anyhow::anyhow!("the password is refused ({})", e.code))?;
                (auth::hash_password(&password), None)
            } else {
                let password = OneTimePassword::generate();
                (password.hash(), Some(password))
            };
            let one_time_until = one_time
                .as_ref()
                .map(|_| settings.accounts.one_time_password_expiry());
            let hash = NewHash {
                hash: &hash,
                one_time_until,
            };
            account_refusal(actions::accounts::create(
                &mut conn,
                Operator::CommandLine,
                &fields,
                hash,
            )?)?;
            match one_time {
                Some(password) => println!(
                    "Created {} ({}). One-time password, to be changed at first sign-in: {}",
                    fields.email,
                    fields.role,
                    password.expose()
                ),
                None => println!("Created {} ({}).", fields.email, fields.role),
            }
        }
        UserCommand::SetRole { email, role } => {
            let account = find_account(&mut conn, &email)?;
            let role = Role::parse(&role).map_err(|_| {
                anyhow::anyhow!("{role:?} is not a role: use viewer, officer, manager or admin")
            })?;
            let change = AccountChange {
                role: Some(role),
                active: None,
            };
            let by = Operator::CommandLine;
            account_refusal(actions::accounts::change(
                &mut conn,
                by,
                &account.id,
                change,
            )?)?;
            println!("{} is now {role}.", account.email);
        }
        UserCommand::Disable { email } => set_active(&mut conn, &email, false)?,
        UserCommand::Enable { email } => set_active(&mut conn, &email, true)?,
    }
    Ok(())
}

fn set_active(conn: &mut db::DbConnection, email: &str, active: bool) -> anyhow::Result<()> {
    let account = find_account(conn, email)?;
    let change = AccountChange {
        role: None,
        active: Some(active),
    };
    account_refusal(actions::accounts::change(
        conn,
        Operator::CommandLine,
        &account.id,
        change,
    )?)?;
    let state = if active { "enabled" } else { "disabled" };
    println!("{} is {state}.", account.email);
    Ok(())
}

/// On a register where no administrator can sign in, creates the first one (or, if it exists
/// and its one-time password has lapsed unused, gives it a new one) and prints its one-time
/// password, this once.
fn ensure_administrator(pool: &db::Pool, settings: &Settings) -> anyhow::Result<()> {
    let mut conn = pool.get()?;
    let counted = db::accounts::AdminsCounted::CanSignIn;
    if db::accounts::count_admins(&mut conn, counted, None)? > 0 {
        return Ok(());
    }
    let email = Email::parse(&settings.accounts.first_admin_email).map_err(|_| {
        anyhow::anyhow!(
            "accounts.first_admin_email {:?} is not an e-mail address",
            settings.accounts.first_admin_email
        )
    })?;
    let password = OneTimePassword::generate();
    let hash = password.hash();
    let hash = NewHash {
        hash: &hash,
        one_time_until: Some(settings.accounts.one_time_password_expiry()),
    };
    match actions::accounts::ensure_first_administrator(&mut conn, &email, hash)? {
        Outcome::Saved(()) => {}
        // Another instance starting at the same moment made one first.
        Outcome::Unchanged | Outcome::Conflict(_) => return Ok(()),
        Outcome::Refused(_) => {
            println!(
                "No administrator can sign in, and {email} is not one. Create one with: irritrack user add --email E --name N --role admin"
            );
            return Ok(());
        }
    }
    println!(
        "No administrator could sign in, so one is ready.\n  e-mail address: {email}\n  one-time password: {}\nSign in with it within {} hours and choose a password of your own; it is not shown again.",
        password.expose(),
        settings.accounts.one_time_password_hours
    );
    Ok(())
}

fn connect(settings: &Settings) -> anyhow::Result<(db::Pool, db::Backend)> {
    db::connect(
        &settings.database.url,
        settings.database.pool_size,
        Duration::from_millis(settings.database.busy_timeout_ms),
    )
}

fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let (pool, backend) = connect(&settings)?;
    if demo {
        match crate::demo::load(&pool)? {
            Some(count) => println!("Loaded the demonstration data: {count} irritants."),
            None => println!(
                "The register already holds irritants; the demonstration data was not loaded."
            ),
        }
        let accounts = crate::demo::reset_demo_accounts(&pool)?;
        if !accounts.is_empty() {
            println!("Demonstration accounts (new passwords at every start with --demo):");
            for (role, email, password) in accounts {
                println!("  {:<8} {email:<38} {password}", role.code());
            }
        }
    }
    ensure_administrator(&pool, &settings)?;
    let bind = settings.server.bind.clone();
    let url = db::redact(&settings.database.url);
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build_with_pool(settings, pool, backend)?;
        let host = bind
            .rsplit_once(':')
            .map_or(bind.as_str(), |(host, _)| host);
        println!(
            "irritrack is serving http://{host}:{}/ ({backend:?} database at {url})",
            app.port()
        );
        app.run_until_stopped().await?;
        Ok(())
    })
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}
