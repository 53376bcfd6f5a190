//! The command line: `irritrack serve | migrate | generate`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::db;
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
        Command::Generate { irritants, seed } => {
            let (pool, _) = connect(&settings)?;
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
    }
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
    }
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
